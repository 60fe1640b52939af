import type { Strings } from './i18n';
import type { ReplyCard } from './protocol';

/** What one card shows, already as text: the DOM layer only puts these strings into elements. */
export interface CardView {
  kind: 'order' | 'product';
  title: string;
  /** Order status or product availability. */
  badge?: string;
  price?: string;
  imageUrl?: string;
  lines: { label?: string; value: string }[];
  link?: { href: string; label: string };
}

const str = (v: unknown): string =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';

/**
 * An http(s) URL, resolved against the API base when relative; anything else (`javascript:`, `data:`)
 * is dropped, so a card or attachment can never run script or point at a non-web scheme.
 */
export function safeUrl(url: unknown, base: string): string | undefined {
  if (typeof url !== 'string' || !url.trim()) return undefined;
  try {
    const u = new URL(url.trim(), base);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** A reply card as text lines in the widget's language; null for a card type this widget does not know. */
export function cardView(card: ReplyCard, t: Strings, base: string): CardView | null {
  if (!card || typeof card !== 'object') return null;
  if (card.type === 'order_summary') {
    const lines: CardView['lines'] = [];
    for (const it of Array.isArray(card.items) ? card.items : []) {
      const name = str(it?.name);
      if (name) lines.push({ value: `${name} × ${Number(it.quantity) || 1}` });
    }
    if (str(card.total)) lines.push({ label: t.total, value: str(card.total) });
    const shipping = [str(card.carrier), str(card.trackingNumber)].filter(Boolean).join(' ');
    if (shipping) lines.push({ label: card.trackingNumber ? t.tracking : t.carrier, value: shipping });
    if (str(card.eta)) lines.push({ label: t.eta, value: str(card.eta) });
    const href = safeUrl(card.url, base);
    return {
      kind: 'order',
      title: `${t.order} ${str(card.orderNumber)}`.trim(),
      badge: str(card.status) || undefined,
      lines,
      link: href ? { href, label: t.viewOrder } : undefined,
    };
  }
  if (card.type === 'product') {
    const attrs =
      card.attributes && typeof card.attributes === 'object' ? Object.entries(card.attributes) : [];
    const lines = attrs.map(([k, v]) => ({ label: str(k), value: str(v) })).filter((l) => l.label && l.value);
    const href = safeUrl(card.url, base);
    return {
      kind: 'product',
      title: str(card.title) || str(card.productId),
      badge: str(card.availability) || undefined,
      price: str(card.price) || undefined,
      imageUrl: safeUrl(card.imageUrl, base),
      lines,
      link: href ? { href, label: t.viewProduct } : undefined,
    };
  }
  return null;
}

/** The card as one line of plain text, for screen readers and for the launcher's notification. */
export function cardSummary(view: CardView): string {
  return [
    view.title,
    view.badge,
    view.price,
    ...view.lines.map((l) => (l.label ? `${l.label}: ${l.value}` : l.value)),
  ]
    .filter(Boolean)
    .join(', ');
}

export type TextSegment = { text: string; href?: string; bold?: boolean };

const URL_RE = /https?:\/\/[^\s<>"'`，。！？、；：（）【】「」]+/g;
const TRAILING = /[.,;:!?)\]}'"]+$/;

/** Plain text cut into runs of text and web links, so links can be made clickable without HTML. */
export function linkify(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    const raw = m[0].replace(TRAILING, '');
    const start = m.index ?? 0;
    if (!raw || raw.length < 'http://x'.length) continue;
    if (start > last) out.push({ text: text.slice(last, start) });
    out.push({ text: raw, href: raw });
    last = start + raw.length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

/**
 * A reply's text with its `**bold**` runs marked (answers written in Markdown use them) and its
 * links found: still plain text, never parsed as HTML.
 */
export function formatReply(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  const parts = text.split(/\*\*(?=\S)([\s\S]*?\S)\*\*/g);
  parts.forEach((part, i) => {
    if (!part) return;
    const bold = i % 2 === 1;
    for (const seg of linkify(part)) out.push(bold ? { ...seg, bold } : seg);
  });
  return out;
}

function luminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** WCAG contrast ratio of two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

export const DEFAULT_COLOR = '#3f51b5';

/**
 * The brand colour (a valid #rrggbb or the default), the text colour that reads best on it (white or
 * black, whichever contrasts more: one of them always reaches 4.5:1) and a focus ring / link colour that stays visible on white
 * (the brand colour when it reaches 3:1 against white, else near-black).
 */
export function themeColors(color: unknown): { brand: string; onBrand: string; accent: string } {
  const brand =
    typeof color === 'string' && /^#[0-9a-f]{6}$/i.test(color) ? color.toLowerCase() : DEFAULT_COLOR;
  const onBrand = contrastRatio(brand, '#ffffff') >= contrastRatio(brand, '#000000') ? '#ffffff' : '#000000';
  const accent = contrastRatio(brand, '#ffffff') >= 4.5 ? brand : '#1a1a1a';
  return { brand, onBrand, accent };
}
