import type { SuggestionDto } from '@kefu/shared/contracts';
import type { Reply, ReplyCard } from '../templates/reply';
import type { Lang } from '../engine/vocab';

/** At most this many suggestions are offered. */
export const MAX_SUGGESTIONS = 3;
/** Knowledge articles offered beside the bot's own answer. */
export const MAX_ARTICLES = 2;
/** An article must match at least this well (0..1) to be offered. */
export const MIN_ARTICLE_SCORE = 0.3;

const LABELS: Record<Lang, { order: string; status: string; tracking: string; eta: string; price: string }> = {
  zh: { order: '订单', status: '状态', tracking: '运单号', eta: '预计送达', price: '价格' },
  en: { order: 'Order', status: 'status', tracking: 'tracking number', eta: 'expected', price: 'price' },
  ja: { order: 'ご注文', status: 'ステータス', tracking: '追跡番号', eta: 'お届け予定', price: '価格' },
};

/** One card as a line of text (agents answer in plain text). */
export function cardText(card: ReplyCard, lang: Lang): string {
  const l = LABELS[lang];
  const sep = lang === 'en' ? ', ' : ',';
  if (card.type === 'order_summary') {
    const parts = [`${l.order} ${card.orderNumber}`, `${l.status}: ${card.status}`];
    if (card.carrier || card.trackingNumber) parts.push(`${l.tracking}: ${[card.carrier, card.trackingNumber].filter(Boolean).join(' ')}`);
    if (card.eta) parts.push(`${l.eta}: ${card.eta}`);
    return parts.join(sep);
  }
  const parts = [card.title];
  if (card.price) parts.push(`${l.price}: ${card.price}`);
  if (card.availability) parts.push(card.availability);
  return parts.join(sep);
}

/**
 * The bot's replies of one turn as one editable text: each reply's text, and its cards as lines
 * when the text does not already carry them.
 */
export function flattenReplies(replies: Reply[], lang: Lang): string {
  const blocks: string[] = [];
  for (const r of replies) {
    const lines: string[] = [];
    if (r.text.trim()) lines.push(r.text.trim());
    for (const card of r.cards ?? []) {
      const key = card.type === 'order_summary' ? card.orderNumber : card.title;
      if (!r.text.includes(key)) lines.push(cardText(card, lang));
    }
    if (lines.length) blocks.push(lines.join('\n'));
  }
  return blocks.join('\n\n').trim();
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The bot's answer first, then the articles; the same text is offered once (the article's
 * version is kept, it names its source), empty texts are dropped, at most `MAX_SUGGESTIONS`.
 */
export function mergeSuggestions(bot: SuggestionDto | null, articles: SuggestionDto[]): SuggestionDto[] {
  const out: SuggestionDto[] = [];
  const seen = new Map<string, number>();
  const add = (s: SuggestionDto, preferred: boolean) => {
    const key = norm(s.text);
    if (!key) return;
    const at = seen.get(key);
    if (at !== undefined) {
      if (preferred) out[at] = s;
      return;
    }
    seen.set(key, out.length);
    out.push(s);
  };
  if (bot) add(bot, false);
  for (const a of articles) add(a, true);
  return out.slice(0, MAX_SUGGESTIONS);
}

/** Generated (Claude's) suggestions shown at most, beside the bot's and the articles. */
export const MAX_GENERATED = 2;

/**
 * Puts generated suggestions right after the bot's own answer (which stays first), before the articles;
 * a draft repeating one of them is dropped (theirs names its source). At most {@link MAX_GENERATED} drafts,
 * added to the others, so an article is never pushed out by a draft the agent may not want.
 */
export function withGenerated(merged: SuggestionDto[], generated: SuggestionDto[]): SuggestionDto[] {
  const seen = new Set(merged.map((m) => norm(m.text)));
  const drafts: SuggestionDto[] = [];
  for (const g of generated) {
    const key = norm(g.text);
    if (!key || seen.has(key) || drafts.length >= MAX_GENERATED) continue;
    seen.add(key);
    drafts.push(g);
  }
  if (!drafts.length) return merged;
  const botFirst = merged[0]?.source === 'template' ? 1 : 0;
  return [...merged.slice(0, botFirst), ...drafts, ...merged.slice(botFirst)];
}
