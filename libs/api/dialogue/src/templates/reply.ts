/**
 * The bot's structured reply: text, optional quick replies and cards. Channels that render cards
 * (web widget, app) use them; the others (WeChat text, SMS, email) call `flattenToText`.
 */

import type { OrderSummaryCard, ProductCard, QuickReply, ReplyCard } from '@kefu/shared/contracts';

export type { OrderSummaryCard, ProductCard, QuickReply, ReplyCard };

export interface Reply {
  text: string;
  quickReplies?: QuickReply[];
  cards?: ReplyCard[];
}

type Labels = Record<
  'order' | 'status' | 'items' | 'total' | 'tracking' | 'eta' | 'price' | 'options' | 'separator',
  string
>;

const LABELS: Record<'zh' | 'en' | 'ja', Labels> = {
  zh: {
    order: '订单号',
    status: '状态',
    items: '商品',
    total: '合计',
    tracking: '物流',
    eta: '预计送达',
    price: '价格',
    options: '您可以回复序号选择:',
    separator: ':',
  },
  en: {
    order: 'Order',
    status: 'Status',
    items: 'Items',
    total: 'Total',
    tracking: 'Tracking',
    eta: 'Estimated delivery',
    price: 'Price',
    options: 'Reply with a number to choose:',
    separator: ': ',
  },
  ja: {
    order: '注文番号',
    status: 'ステータス',
    items: '商品',
    total: '合計',
    tracking: '配送',
    eta: 'お届け予定',
    price: '価格',
    options: '番号でご返信ください:',
    separator: ':',
  },
};

function labelsFor(locale: string): Labels {
  const l = locale.toLowerCase();
  if (l.startsWith('zh')) return LABELS.zh;
  if (l.startsWith('ja')) return LABELS.ja;
  return LABELS.en;
}

function cardLines(card: ReplyCard, L: Labels): string[] {
  const line = (label: string, value: string | undefined) =>
    value ? [`${label}${L.separator}${value}`] : [];
  if (card.type === 'order_summary') {
    const items = card.items.map((i) => (i.quantity > 1 ? `${i.name} × ${i.quantity}` : i.name)).join(', ');
    const tracking = [card.carrier, card.trackingNumber].filter(Boolean).join(' ');
    return [
      ...line(L.order, card.orderNumber),
      ...line(L.status, card.status),
      ...line(L.items, items),
      ...line(L.total, card.total),
      ...line(L.tracking, tracking),
      ...line(L.eta, card.eta),
      ...(card.url ? [card.url] : []),
    ];
  }
  const attrs = Object.entries(card.attributes ?? {})
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return [
    card.title,
    ...line(L.price, card.price),
    ...(attrs ? [attrs] : []),
    ...(card.availability ? [card.availability] : []),
    ...(card.url ? [card.url] : []),
  ];
}

/**
 * The reply as plain text for channels without cards or buttons: the text, each card as a short
 * block of labelled lines, then the quick replies as a numbered list the shopper can answer.
 */
export function flattenToText(reply: Reply, locale = 'en'): string {
  const L = labelsFor(locale);
  const blocks = [reply.text.trim()].filter(Boolean);
  for (const card of reply.cards ?? []) blocks.push(cardLines(card, L).join('\n'));
  if (reply.quickReplies?.length)
    blocks.push([L.options, ...reply.quickReplies.map((q, i) => `${i + 1}. ${q.label}`)].join('\n'));
  return blocks.join('\n\n');
}
