import { cardSummary, cardView, formatReply, linkify, safeUrl, type CardView } from './cards';
import { h } from './dom';
import type { Strings } from './i18n';
import type { ViewMessage } from './messages';
import type { Locale } from './protocol';

export interface MessageRenderContext {
  t: Strings;
  locale: Locale;
  base: string;
  /** The shopper's message that shows "Read". */
  readReceiptId?: string;
  onRetry(clientId: string): void;
}

/**
 * Which element shows the message: its clientId, so the local copy and the acknowledged one share
 * it; a streamed reply's stream, so its final message takes the streamed bubble's place.
 */
export const elementKey = (m: ViewMessage) => (m.streamId ? `stream:${m.streamId}` : (m.clientId ?? m.id));

/** Changes when the message's body must be rebuilt. */
export function contentKey(m: ViewMessage, ctx: MessageRenderContext): string {
  return JSON.stringify([m.text, m.attachments, m.content?.cards ?? null, ctx.locale, m.stream ?? null]);
}

/** Whether the element is a bubble being streamed (`live` or `ended`), updated in place as text arrives. */
export const isStreaming = (m: ViewMessage) => m.stream === 'live' || m.stream === 'ended';

/** Changes when only the line under it (time, sending, failed, read) must be redrawn. */
export function metaKey(m: ViewMessage, ctx: MessageRenderContext): string {
  return [m.state, m.error ?? '', m.createdAt, ctx.readReceiptId === m.id ? 1 : 0, ctx.locale].join('|');
}

function senderLabel(m: ViewMessage, t: Strings): string {
  return m.senderType === 'contact'
    ? t.you
    : m.senderType === 'agent'
      ? t.agent
      : m.senderType === 'system'
        ? t.system
        : t.bot;
}

export function timeLabel(iso: string, locale: Locale, now = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const sameDay = d.toDateString() === now.toDateString();
  try {
    return new Intl.DateTimeFormat(
      locale,
      sameDay
        ? { hour: '2-digit', minute: '2-digit' }
        : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' },
    ).format(d);
  } catch {
    return d.toISOString().slice(11, 16);
  }
}

/** The shopper's own text as written; replies with their bold runs. Links are clickable in both. */
function textNodes(text: string, fromShopper: boolean): (Node | string)[] {
  return (fromShopper ? linkify(text) : formatReply(text)).map((s) => {
    const node = s.href
      ? h('a', { href: s.href, target: '_blank', rel: 'noopener noreferrer nofollow' }, s.text)
      : s.text;
    return s.bold ? h('strong', {}, node) : node;
  });
}

function cardElement(v: CardView): HTMLElement {
  const items = v.kind === 'order' ? v.lines.filter((l) => !l.label) : [];
  const fields = v.lines.filter((l) => l.label);
  const dl = fields.length ? h('dl') : null;
  for (const f of fields) dl?.append(h('dt', {}, f.label), h('dd', {}, f.value));
  return h(
    'article',
    { class: `card card-${v.kind}`, 'aria-label': cardSummary(v) },
    h(
      'div',
      { class: 'card-top' },
      v.imageUrl
        ? h('img', { src: v.imageUrl, alt: '', loading: 'lazy', referrerpolicy: 'no-referrer' })
        : null,
      h(
        'div',
        {},
        h('p', { class: 'card-title' }, v.title),
        v.price ? h('div', { class: 'card-price' }, v.price) : null,
        v.badge ? h('span', { class: 'card-badge' }, v.badge) : null,
      ),
    ),
    items.length ? h('ul', {}, ...items.map((i) => h('li', {}, i.value))) : null,
    dl,
    v.link
      ? h(
          'a',
          { class: 'card-link', href: v.link.href, target: '_blank', rel: 'noopener noreferrer' },
          v.link.label,
        )
      : null,
  );
}

export function messageClass(m: ViewMessage): string {
  const side = m.senderType === 'contact' ? 'mine' : m.senderType === 'system' ? 'system' : 'theirs';
  return ['msg', side, m.state, ...(isStreaming(m) ? ['kefu-streaming'] : [])].join(' ');
}

/**
 * A bot reply while it is written: its text with a blinking caret. Screen readers hear "the
 * assistant is typing" once, not every token (the text is hidden from them); the final message
 * that replaces this element is what the log announces.
 */
function renderStreaming(m: ViewMessage, ctx: MessageRenderContext): HTMLElement {
  const el = h(
    'div',
    { class: messageClass(m), 'data-sender': m.senderType, 'data-stream': m.streamId },
    h('span', { class: 'sr' }, ctx.t.typingBot),
    h('div', { class: 'bubble', 'aria-hidden': 'true' }),
  );
  updateStreaming(el, m);
  return el;
}

/** The streamed text grew (or ended): only the bubble's content changes, so nothing is re-announced. */
export function updateStreaming(el: HTMLElement, m: ViewMessage): void {
  el.className = messageClass(m);
  el.querySelector('.bubble')?.replaceChildren(
    ...textNodes(m.text, false),
    ...(m.stream === 'live' ? [h('span', { class: 'caret' })] : []),
  );
}

/** One message: who wrote it (for screen readers), its text, images, cards, time and state. */
export function renderMessage(m: ViewMessage, ctx: MessageRenderContext): HTMLElement {
  if (isStreaming(m)) return renderStreaming(m, ctx);
  const { t } = ctx;
  const el = h('div', { class: messageClass(m), 'data-sender': m.senderType });
  const bubble = m.text.trim()
    ? h(
        'div',
        { class: 'bubble' },
        h('span', { class: 'sr' }, `${senderLabel(m, t)}: `),
        ...textNodes(m.text, m.senderType === 'contact'),
      )
    : null;
  if (bubble) el.append(bubble);
  else el.append(h('span', { class: 'sr' }, `${senderLabel(m, t)}:`));

  const images = (m.attachments ?? [])
    .map((a) => ({
      href: safeUrl(a.url, ctx.base),
      name: a.name || t.image,
      image: /^image\//i.test(a.contentType ?? ''),
    }))
    .filter((a) => a.href);
  if (images.length) {
    el.append(
      h(
        'div',
        { class: 'atts' },
        ...images.map((a) =>
          h(
            'a',
            { href: a.href, target: '_blank', rel: 'noopener noreferrer' },
            a.image
              ? h('img', { src: a.href, alt: a.name, loading: 'lazy', referrerpolicy: 'no-referrer' })
              : a.name,
          ),
        ),
      ),
    );
  }

  const cards = (m.content?.cards ?? [])
    .map((c) => cardView(c, t, ctx.base))
    .filter((c): c is CardView => !!c);
  if (cards.length) el.append(h('div', { class: 'cards' }, ...cards.map(cardElement)));

  el.append(renderMeta(m, ctx));
  return el;
}

/** The line under a message: its time and "Read", "Sending…", or why it failed with a retry button. */
export function renderMeta(m: ViewMessage, ctx: MessageRenderContext): HTMLElement {
  const { t } = ctx;
  const meta = h('div', { class: 'meta' });
  if (m.state === 'pending') meta.append(h('span', {}, t.sending));
  else if (m.state === 'failed') {
    // The server's reason is for developers (English); the shopper sees the translated state.
    meta.append(h('span', { class: 'err', title: m.error }, t.failed));
    const retry = h('button', { type: 'button', class: 'retry' }, t.retry);
    retry.addEventListener('click', () => m.clientId && ctx.onRetry(m.clientId));
    meta.append(retry);
  } else {
    meta.append(h('time', { datetime: m.createdAt }, timeLabel(m.createdAt, ctx.locale)));
    if (m.senderType === 'contact' && ctx.readReceiptId === m.id)
      meta.append(h('span', { class: 'read' }, t.read));
  }
  return meta;
}
