import type { EmotionLabel } from '@kefu/shared/contracts';
import type { HandoffSummaryBody } from '../entities/handoff-summary.entity';
import type { SummaryContext, SummaryMessage } from './summary-context';
import { SUMMARY_WORDS, SummaryWords } from './summary-vocab';

/** Intents that say nothing about what the shopper wants (asking for a person is how, not what). */
const NOT_A_WANT = new Set(['contact_human_agent', 'greeting', 'thanks_goodbye', 'out_of_scope']);
/** Outcomes of a turn that show nothing the bot tried. */
const NOT_TRIED = new Set(['misunderstood']);
/** Slots worth telling the agent (never the phone tail or e-mail given for verification). */
const SLOT_FACTS = ['product_query', 'size', 'colour', 'storage', 'quantity', 'reason'] as const;
const SEVERITY: Record<EmotionLabel, number> = { happy: 0, neutral: 1, frustrated: 2, angry: 3 };

export const MAX_TRIED = 5;
export const MAX_FACTS = 8;
/** The bot's words quoted in a "tried" line, at most. */
const SAID_LENGTH = 80;

/**
 * The summary Kefu writes from its own records when Claude is off or fails: what the shopper wants
 * (the topic and its order), what the bot tried (each handled topic, how it ended and what the bot said),
 * the facts (hand-off reason, orders, tracking numbers, amounts, the topic's details, the customer tier),
 * and the mood the language engine read. Pure: everything comes in `ctx`.
 */
export function offlineSummary(ctx: SummaryContext): HandoffSummaryBody {
  const w = SUMMARY_WORDS[ctx.language];
  return { wants: wants(ctx, w), tried: tried(ctx, w), facts: facts(ctx, w), mood: mood(ctx, w) };
}

/** The topic the conversation is about: the hand-off's, else the open dialogue's, else the last one handled. */
export function mainIntent(ctx: SummaryContext): string | null {
  const candidates = [
    ctx.handoff.intent,
    ctx.state.activeIntent,
    ...[...ctx.outcomes].reverse().map((o) => o.intent),
    ...[...ctx.messages]
      .reverse()
      .map((m) => (m.direction === 'incoming' && m.nlu && m.nlu.confidence >= 0.5 ? m.nlu.intent : null)),
  ];
  return candidates.find((i): i is string => !!i && !NOT_A_WANT.has(i)) ?? null;
}

function wants(ctx: SummaryContext, w: SummaryWords): string {
  const intent = mainIntent(ctx);
  if (!intent) return ctx.handoff.reason === 'customer_request' ? w.wantsPerson : w.wantsUnknown;
  const order =
    [...ctx.outcomes].reverse().find((o) => o.intent === intent && o.orderNumber)?.orderNumber ??
    ctx.state.lastOrderNumber ??
    entityValues(ctx.messages, 'order_number').at(-1) ??
    null;
  const topic = topicOf(ctx, intent);
  if (!order) return topic;
  return ctx.language === 'en' ? `${topic} (${w.order} ${order})` : `${topic}(${w.order} ${order})`;
}

function tried(ctx: SummaryContext, w: SummaryWords): string[] {
  const lines: string[] = [];
  let misunderstood = 0;
  let last = '';
  for (const o of ctx.outcomes) {
    if (NOT_TRIED.has(o.outcome)) {
      misunderstood += 1;
      continue;
    }
    if (NOT_A_WANT.has(o.intent)) continue;
    const line = w.tried(
      topicOf(ctx, o.intent),
      w.outcome[o.outcome] ?? o.outcome,
      said(ctx.messages, o.messageId),
    );
    if (line !== last) lines.push(line);
    last = line;
  }
  if (misunderstood) lines.push(w.misunderstood(misunderstood));
  return lines.slice(-MAX_TRIED);
}

function facts(ctx: SummaryContext, w: SummaryWords): string[] {
  const out: string[] = [];
  if (ctx.handoff.reason)
    out.push(w.fact(w.facts.reason, w.reason[ctx.handoff.reason] ?? ctx.handoff.reason));
  if (ctx.state.handoffNote) out.push(w.fact(w.facts.note, clip(ctx.state.handoffNote, 200)));
  const orders = unique([
    ...ctx.outcomes.map((o) => o.orderNumber),
    ctx.state.lastOrderNumber,
    ...entityValues(ctx.messages, 'order_number'),
  ]);
  if (orders.length) out.push(w.fact(w.facts.orders, orders.slice(0, 5).join(w.list)));
  const tracking = unique([
    stringSlot(ctx, 'tracking_number'),
    ...entityValues(ctx.messages, 'tracking_number'),
  ]);
  if (tracking.length) out.push(w.fact(w.facts.tracking, tracking.slice(0, 3).join(w.list)));
  for (const name of SLOT_FACTS) {
    const v = ctx.state.slots[name];
    if (v !== undefined && v !== null && String(v).trim())
      out.push(w.fact(w.slot[name], clip(String(v), 60)));
  }
  const money = unique(entityTexts(ctx.messages, 'money'));
  if (money.length) out.push(w.fact(w.facts.money, money.slice(0, 3).join(w.list)));
  if (ctx.customer.tier) out.push(w.fact(w.facts.tier, ctx.customer.tier));
  const tags = ctx.customer.tags.filter((t) => t !== 'vip').map((t) => w.tag[t] ?? t);
  if (tags.length) out.push(w.fact(w.facts.tags, tags.join(w.list)));
  return out.slice(0, MAX_FACTS);
}

/** The shopper's mood as the language engine read it: the latest, with the earlier one when it changed. */
function mood(ctx: SummaryContext, w: SummaryWords): string {
  const labels = ctx.messages
    .map((m) => (m.direction === 'incoming' ? m.nlu?.emotion?.label : undefined))
    .filter((l): l is EmotionLabel => !!l && l in SEVERITY);
  if (!labels.length) return w.moodUnknown;
  const latest = labels[labels.length - 1];
  const worst = labels.reduce((a, b) => (SEVERITY[b] > SEVERITY[a] ? b : a));
  return worst !== latest && SEVERITY[worst] >= SEVERITY.frustrated
    ? `${w.mood[worst]} → ${w.mood[latest]}`
    : w.mood[latest];
}

function topicOf(ctx: SummaryContext, intent: string): string {
  const topic = ctx.topics[intent]?.trim() || intent;
  return ctx.language === 'en' ? topic.charAt(0).toUpperCase() + topic.slice(1) : topic;
}

/**
 * What the bot answered to one message: its most telling reply (the longest one before the shopper's next
 * message), cut at the end of its first sentence.
 */
export function said(messages: readonly SummaryMessage[], messageId: string | null): string | null {
  if (!messageId) return null;
  const at = messages.findIndex((m) => m.id === messageId);
  if (at < 0) return null;
  let best = '';
  for (let i = at + 1; i < messages.length && messages[i].direction !== 'incoming'; i++) {
    const t = messages[i].sender === 'bot' ? messages[i].text.trim() : '';
    if (t.length > best.length) best = t;
  }
  return best ? firstSentence(best) : null;
}

export function firstSentence(text: string, max = SAID_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const end = /[。!?!?]|\.(\s|$)/g;
  let m: RegExpExecArray | null;
  while ((m = end.exec(flat))) {
    if (m.index + 1 >= 12) return clip(flat.slice(0, m.index + 1), max);
  }
  return clip(flat, max);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function stringSlot(ctx: SummaryContext, name: string): string | null {
  const v = ctx.state.slots[name];
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}

function entityValues(messages: readonly SummaryMessage[], type: string): string[] {
  return messages.flatMap((m) =>
    (m.direction === 'incoming' ? (m.nlu?.entities ?? []) : [])
      .filter((e) => e.type === type)
      .map((e) => e.value),
  );
}

function entityTexts(messages: readonly SummaryMessage[], type: string): string[] {
  return messages.flatMap((m) =>
    (m.direction === 'incoming' ? (m.nlu?.entities ?? []) : [])
      .filter((e) => e.type === type)
      .map((e) => e.text.trim()),
  );
}

function unique(values: readonly (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => !!v && !!v.trim()).map((v) => v.trim()))];
}

/** The summary as the internal note's text (plain text: notes are plain text everywhere). */
export function summaryNoteText(s: HandoffSummaryBody, lang: keyof typeof SUMMARY_WORDS): string {
  const h = SUMMARY_WORDS[lang].heading;
  const sep = lang === 'en' ? ': ' : ':';
  const lines = [`${h.title}`, `${h.wants}${sep}${s.wants}`];
  if (s.tried.length) lines.push(`${h.tried}${sep}`, ...s.tried.map((t) => `- ${t}`));
  if (s.facts.length) lines.push(`${h.facts}${sep}`, ...s.facts.map((f) => `- ${f}`));
  lines.push(`${h.mood}${sep}${s.mood}`);
  return lines.join('\n').slice(0, 4000);
}
