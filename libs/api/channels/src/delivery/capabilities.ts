import { ChannelType, type MessageContent, type ReplyCard } from '@kefu/shared/contracts';

/** What a channel can show. A reply with more than that is flattened to text by `renderForChannel`. */
export interface ChannelCapabilities {
  quickReplies: boolean;
  cards: boolean;
  images: boolean;
  /** Shows `**bold**` (knowledge answers use it); otherwise the markers are removed. */
  markdown: boolean;
  /** Longest text in one message, in characters; longer replies are split at line or sentence ends. */
  maxLength: number;
}

export const CHANNEL_CAPABILITIES: Record<ChannelType, ChannelCapabilities> = {
  [ChannelType.Api]: { quickReplies: true, cards: true, images: true, markdown: true, maxLength: 10_000 },
  [ChannelType.Widget]: { quickReplies: true, cards: true, images: true, markdown: true, maxLength: 5_000 },
  // WeChat text messages are capped at 2,048 bytes: 600 characters stay under it even in CJK (3 bytes each).
  [ChannelType.Wechat]: { quickReplies: false, cards: false, images: true, markdown: false, maxLength: 600 },
  [ChannelType.Email]: { quickReplies: false, cards: false, images: true, markdown: false, maxLength: 100_000 },
};

export const capabilitiesOf = (channel: string): ChannelCapabilities =>
  CHANNEL_CAPABILITIES[channel as ChannelType] ?? CHANNEL_CAPABILITIES[ChannelType.Api];

type Lang = 'zh' | 'en' | 'ja';
const langOf = (locale: string | null | undefined): Lang => {
  const l = (locale ?? '').toLowerCase();
  return l.startsWith('en') ? 'en' : l.startsWith('ja') ? 'ja' : l.startsWith('zh') ? 'zh' : 'zh';
};

const WORDS: Record<Lang, Record<'order' | 'status' | 'total' | 'carrier' | 'tracking' | 'eta' | 'price' | 'replyWith', string>> = {
  zh: { order: '订单', status: '状态', total: '合计', carrier: '快递', tracking: '单号', eta: '预计送达', price: '价格', replyWith: '回复数字即可选择:' },
  en: { order: 'Order', status: 'Status', total: 'Total', carrier: 'Carrier', tracking: 'Tracking', eta: 'Expected', price: 'Price', replyWith: 'Reply with a number:' },
  ja: { order: 'ご注文', status: '状況', total: '合計', carrier: '配送業者', tracking: '追跡番号', eta: 'お届け予定', price: '価格', replyWith: '番号でご返信ください:' },
};
const sep = (lang: Lang) => (lang === 'en' ? ': ' : ':');

/** A card as plain lines, in the reply's language. */
export function cardToText(card: ReplyCard, locale?: string | null): string {
  const lang = langOf(locale);
  const w = WORDS[lang];
  const s = sep(lang);
  const lines: string[] = [];
  if (card.type === 'order_summary') {
    lines.push(`${w.order} ${card.orderNumber} · ${card.status}`);
    for (const it of card.items) lines.push(`- ${it.name} × ${it.quantity}`);
    if (card.total) lines.push(`${w.total}${s}${card.total}`);
    if (card.carrier || card.trackingNumber) lines.push(`${w.carrier}${s}${[card.carrier, card.trackingNumber].filter(Boolean).join(' ')}`);
    if (card.eta) lines.push(`${w.eta}${s}${card.eta}`);
    if (card.url) lines.push(card.url);
  } else {
    lines.push(card.title + (card.price ? ` · ${card.price}` : ''));
    const attrs = Object.entries(card.attributes ?? {}).map(([k, v]) => `${k}${s}${v}`);
    if (attrs.length) lines.push(attrs.join(lang === 'en' ? ', ' : ','));
    if (card.availability) lines.push(card.availability);
    if (card.url) lines.push(card.url);
  }
  return lines.join('\n');
}

export interface RenderedReply {
  /** One or more texts to send in order (split at `maxLength`). */
  texts: string[];
  /** What is left for channels that show structure natively. */
  content: MessageContent | null;
}

/**
 * A reply as the channel can show it: cards become lines of text and quick replies a numbered list
 * ("回复数字即可选择: 1. 查物流 2. 转人工") when the channel has neither; the text is split to fit.
 * A shopper answering "2" is mapped back to the second quick reply by `numberedChoice`.
 */
export function renderForChannel(
  reply: { text: string; content: MessageContent | null; locale?: string | null },
  caps: ChannelCapabilities,
): RenderedReply {
  const lang = langOf(reply.locale);
  const parts = [caps.markdown ? reply.text.trim() : plainText(reply.text).trim()];
  const kept: MessageContent = {};
  const cards = reply.content?.cards ?? [];
  const quick = reply.content?.quickReplies ?? [];
  if (cards.length) {
    if (caps.cards) kept.cards = cards;
    else parts.push(...cards.map((c) => cardToText(c, reply.locale)));
  }
  if (quick.length) {
    if (caps.quickReplies) kept.quickReplies = quick;
    else parts.push([WORDS[lang].replyWith, ...quick.map((q, i) => `${i + 1}. ${q.label}`)].join('\n'));
  }
  const text = parts.filter(Boolean).join('\n\n');
  return { texts: splitText(text, caps.maxLength), content: Object.keys(kept).length ? kept : null };
}

/** `**bold**` and `__bold__` without their markers, for channels that show plain text. */
export const plainText = (text: string): string => text.replace(/\*\*([^*\n]+)\*\*/g, '$1').replace(/__([^_\n]+)__/g, '$1');

/** Splits at the last paragraph, line or sentence end before `max`, else hard at `max`. */
export function splitText(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while ([...rest].length > max) {
    const chars = [...rest];
    const head = chars.slice(0, max).join('');
    let cut = -1;
    for (const re of [/\n\n(?![\s\S]*\n\n)/, /\n(?![\s\S]*\n)/, /[。!?!?.;;](?![\s\S]*[。!?!?.;;])/]) {
      const m = re.exec(head);
      if (m && m.index > max / 3) {
        cut = m.index + m[0].length;
        break;
      }
    }
    const piece = cut > 0 ? head.slice(0, cut) : head;
    out.push(piece.trim());
    rest = rest.slice(piece.length).trimStart();
  }
  if (rest.trim() || !out.length) out.push(rest.trim());
  return out;
}

const FULLWIDTH_DIGITS = /[０-９]/g;

/**
 * "2", "２", "2." or "#2" answering a reply whose quick replies were shown as a numbered list: the
 * chosen quick reply, or null when the text is not such a number or is out of range.
 */
export function numberedChoice(text: string, offered: MessageContent | null | undefined) {
  const quick = offered?.quickReplies ?? [];
  if (!quick.length) return null;
  const t = text.replace(FULLWIDTH_DIGITS, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).trim();
  const m = /^#?(\d{1,2})[.)、。]?$/.exec(t);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 && n <= quick.length ? quick[n - 1] : null;
}
