import { CommerceOrder, CommerceOrderItem, DEFAULT_RETURN_POLICY } from '@kefu/api/commerce';
import { resolveOrder } from '../order-flow';
import { Turn } from '../turn';
import { reasonIn, statusLabel } from '../vocab';
import type { Handler } from './handler';
import { cancelOrder } from './orders';

const RETURN_SLOTS = ['order_number', 'tracking_number', 'phone_tail', 'email', 'date_from', 'date_to', 'reason', 'product_query'] as const;
const WINDOW_MS = DEFAULT_RETURN_POLICY.windowDays * 86_400_000;

/**
 * The item the shopper means: the line whose name shares the most words with what they wrote
 * ("the Aster slides" → Aster Light Slides, not Tide Classic Slides), else the order's first.
 */
function pickItem(t: Turn, order: CommerceOrder): CommerceOrderItem | undefined {
  const said = `${t.text} ${t.slots['item_hint'] ?? ''} ${t.slots['product_query'] ?? ''}`.toLowerCase();
  let best: CommerceOrderItem | undefined;
  let bestScore = 0;
  for (const item of order.items) {
    const words = item.name.toLowerCase().split(/[\s&]+/).filter((w) => w.length >= 3);
    const score = words.filter((w) => said.includes(w) || said.includes(w.replace(/s$/, ''))).length;
    if (score > bestScore) [best, bestScore] = [item, score];
  }
  return best ?? order.items[0];
}

/** An order that has not left yet is cancelled, not returned. */
async function notDeliveredYet(t: Turn, order: CommerceOrder): Promise<boolean> {
  if (order.status === 'delivered') return false;
  if (['pending_payment', 'paid', 'processing'].includes(order.status)) {
    await t.reply('return_item.not_shipped', { order_number: order.number });
    await cancelOrder.handle(t);
    t.intent = 'cancel_order';
    return true;
  }
  if (order.status === 'shipped') {
    await t.reply('return_item.not_delivered', { order_number: order.number });
    return true;
  }
  await t.reply('order.status', { order_number: order.number, status: statusLabel(order.status, t.lang) });
  return true;
}

async function startReturn(t: Turn, kind: 'return' | 'exchange'): Promise<void> {
  // What the shopper first said about the item ("the Aster slides"), for when the order comes later.
  if (t.slots['item_hint'] === undefined) t.setSlot('item_hint', t.text.slice(0, 120));
  const order = await resolveOrder(t, {
    // Delivered and still inside the return window.
    prefer: (o) => o.status === 'delivered' && !!o.shipments[0]?.deliveredAt && t.input.now.getTime() - o.shipments[0].deliveredAt.getTime() <= WINDOW_MS,
    askKey: kind === 'exchange' ? 'ask.order_number' : t.intent === 'get_refund' ? 'get_refund' : 'return_item',
  });
  if (!order) return;
  if (await notDeliveredYet(t, order)) return;
  // Outside the return window: say so before asking anything else.
  const delivered = order.shipments[0]?.deliveredAt;
  if (delivered && t.input.now.getTime() - delivered.getTime() > WINDOW_MS) {
    t.outcome = 'refused';
    t.state.awaiting = null;
    await t.reply('return_item.refused', { order_number: order.number, reason: refusal(t, 'outside_return_window') });
    return;
  }
  const item = pickItem(t, order);
  const exchangeFor = kind === 'exchange' ? { colour: t.slots['colour'] as string | undefined, size: t.slots['size'] as string | undefined } : undefined;
  // "我要退货,尺码不合适": the reason came with the request.
  if (kind === 'return' && typeof t.slots['reason'] !== 'string') {
    const hint = typeof t.slots['item_hint'] === 'string' ? (t.slots['item_hint'] as string) : '';
    if (reasonIn(t.text)) t.setSlot('reason', t.text.slice(0, 200));
    else if (reasonIn(hint)) t.setSlot('reason', hint);
  }
  const missing = kind === 'exchange' ? !exchangeFor?.colour && !exchangeFor?.size : typeof t.slots['reason'] !== 'string';
  if (missing) {
    // Before asking anything: an item already being returned is not returned twice.
    const existing = (await t.deps.commerce.returnsOfOrder(order.number)).find((r) => !['rejected', 'cancelled'].includes(r.status));
    if (existing) return alreadyReturned(t, order.number, existing.rmaNumber, existing.status);
    if (kind === 'exchange') await t.ask('size', 'exchange_item', {}, { cards: [t.orderCard(order)] });
    else await t.ask('reason', 'ask.reason', {}, { cards: [t.orderCard(order)] });
    return;
  }
  const outcome = await t.deps.commerce.createReturn(
    {
      orderNumber: order.number,
      skuId: item?.skuId,
      kind,
      reason: kind === 'exchange' ? 'exchange' : String(t.slots['reason']).slice(0, 200),
      requestKey: `${t.input.messageId}:${kind}`,
      exchangeFor,
    },
    t.input.now,
  );
  t.state.awaiting = null;
  if (outcome.reasonCode === 'already_returned' && outcome.rma) {
    return alreadyReturned(t, order.number, outcome.rma.rmaNumber, outcome.rma.status);
  }
  if (outcome.decision === 'refused') {
    t.outcome = 'refused';
    await t.reply('return_item.refused', { order_number: order.number, reason: refusal(t, outcome.reasonCode) });
    return;
  }
  const rma = outcome.rma;
  if (kind === 'exchange') {
    await t.reply('exchange_item.done', { product: item?.name ?? order.number, variant: t.variant(exchangeFor ?? {}) });
    if (rma?.rmaNumber) await t.reply('return_item.rma', { rma_number: rma.rmaNumber });
    return;
  }
  const amount = t.money(rma?.refundAmount || item?.total || order.total, rma?.currency ?? order.currency);
  if (outcome.decision === 'refund_without_return') await t.reply('return_item.refund_only', { amount });
  else await t.reply('return_item.label', { rma_number: rma?.rmaNumber ?? '-', amount });
}

async function alreadyReturned(t: Turn, orderNumber: string, rmaNumber: string, status: string): Promise<void> {
  t.state.awaiting = null;
  await t.reply('return_item.exists', { order_number: orderNumber, rma_number: rmaNumber, status: statusLabel(status, t.lang) });
}

function refusal(t: Turn, code: string): string {
  const texts: Record<string, Record<'zh' | 'en' | 'ja', string>> = {
    outside_return_window: { zh: '已超过签收后 7 天的退换期', en: 'the 7-day return window after delivery has passed', ja: '受け取りから7日間の返品期間を過ぎています' },
    category_not_returnable: { zh: '该类商品(如贴身衣物、食品)不支持退换', en: 'this kind of item (e.g. underwear, food) cannot be returned', ja: 'この種類の商品(下着・食品など)は返品できません' },
    not_delivered: { zh: '订单还没有签收', en: 'the order has not been delivered yet', ja: 'まだお届けが完了していません' },
    already_returned: { zh: '这件商品已经有售后申请了', en: 'this item already has a return', ja: 'この商品はすでに返品申請済みです' },
    item_not_in_order: { zh: '订单里没有这件商品', en: 'that item is not in this order', ja: 'この商品はご注文に含まれていません' },
    order_not_found: { zh: '没有找到这个订单', en: 'the order could not be found', ja: 'ご注文が見つかりません' },
  };
  return texts[code]?.[t.lang] ?? code;
}

export const returnItem: Handler = {
  intents: ['return_item', 'get_refund'],
  slots: [...RETURN_SLOTS],
  handle: (t) => startReturn(t, 'return'),
};

export const exchangeItem: Handler = {
  intents: ['exchange_item'],
  slots: [...RETURN_SLOTS, 'colour', 'size'],
  handle: (t) => startReturn(t, 'exchange'),
};

export const priceProtection: Handler = {
  intents: ['price_protection'],
  slots: ['order_number', 'phone_tail', 'email', 'date_from', 'date_to', 'product_query'],
  async handle(t) {
    const order = await resolveOrder(t, { prefer: (o) => o.status === 'delivered' || o.status === 'shipped' });
    if (!order) return;
    const item = pickItem(t, order);
    if (!item) return void (await t.reply('price_protection', {}));
    const stock = await t.deps.commerce.stockOf(item.skuId);
    const now = stock?.lines.find((l) => l.skuId === item.skuId)?.price ?? stock?.lines[0]?.price;
    const delivered = order.shipments[0]?.deliveredAt;
    const tooOld = delivered && t.input.now.getTime() - delivered.getTime() > 7 * 86_400_000;
    if (now !== undefined && now < item.unitPrice && !tooOld) {
      const diff = (item.unitPrice - now) * item.quantity;
      await t.reply('price_protection.eligible', { product: item.name, amount: t.money(diff, order.currency) });
      t.handOff('policy');
      return;
    }
    await t.reply('price_protection.not_eligible', { product: item.name, order_number: order.number });
  },
};
