import { calculateCompensation, CommerceOrder, CommerceShipment, CustomerTier, diagnosePaymentFailure } from '@kefu/api/commerce';
import { resolveOrder } from '../order-flow';
import { Turn } from '../turn';
import { carrierName, eventLabel, exceptionLabel, statusLabel } from '../vocab';
import type { Handler } from './handler';

const DAY = 86_400_000;
const latest = (o: CommerceOrder): CommerceShipment | undefined => o.shipments[0];

/** Unpaid and cancelled orders have no shipment to talk about. */
async function orderStatusOnly(t: Turn, order: CommerceOrder): Promise<boolean> {
  if (order.status === 'pending_payment') {
    await t.reply('order.unpaid', { order_number: order.number, amount: t.money(order.total, order.currency) }, { cards: [t.orderCard(order)] });
    return true;
  }
  if (order.status === 'cancelled' || order.status === 'returned') {
    await t.reply('order.status', { order_number: order.number, status: statusLabel(order.status, t.lang) }, { cards: [t.orderCard(order)] });
    return true;
  }
  return false;
}

export async function answerShipment(t: Turn, order: CommerceOrder, exceptionFirst = false): Promise<void> {
  if (await orderStatusOnly(t, order)) return;
  const ship = latest(order);
  const cards = [t.orderCard(order)];
  if (!ship || ship.status === 'pending' || ship.status === 'packed' || !ship.shippedAt) {
    const shipDate = new Date(Math.max(order.placedAt.getTime() + 2 * DAY, t.input.now.getTime() + DAY));
    await t.reply('track_order.not_shipped', { order_number: order.number, ship_date: shipDate }, { cards });
    return;
  }
  if (ship.status === 'delivered' && ship.deliveredAt) {
    await t.reply('track_order.delivered', { order_number: order.number, delivered_at: ship.deliveredAt }, { cards });
    return;
  }
  if (ship.status === 'delayed' || ship.status === 'exception' || !ship.eta) {
    await t.reply('shipment_exception', { order_number: order.number, reason: exceptionLabel(ship.exceptionReason, t.lang) }, { cards });
    await offerCompensation(t, order, ship.status === 'exception' ? 'moderate' : 'minor');
    return;
  }
  if (exceptionFirst) await t.reply('shipment_exception.none', { order_number: order.number });
  const last = ship.events[0];
  await t.reply(
    'track_order.shipped',
    {
      order_number: order.number,
      carrier: carrierName(ship.carrier, t.lang),
      tracking_number: ship.trackingNumber ?? '-',
      last_event: last ? eventLabel(last, t.lang) : statusLabel(ship.status, t.lang),
      eta: ship.eta,
    },
    { cards },
  );
}

/** A delayed or lost parcel: an apology coupon within the customer tier's cap. */
async function offerCompensation(t: Turn, order: CommerceOrder, severity: 'minor' | 'moderate'): Promise<void> {
  const profile = await t.profile();
  const tier: CustomerTier = profile.customer?.tier ?? 'regular';
  const offer = calculateCompensation({ tier, severity, orderValue: order.total, currency: order.currency });
  if (offer.amount <= 0 || offer.requiresApproval) return;
  await t.reply('compensation.offer', { amount: t.money(offer.amount, offer.currency) });
}

export const trackOrder: Handler = {
  intents: ['track_order'],
  slots: ['order_number', 'tracking_number', 'phone_tail', 'email', 'date_from', 'date_to'],
  async handle(t) {
    const order = await resolveOrder(t);
    if (order) await answerShipment(t, order);
  },
};

export const shipmentException: Handler = {
  intents: ['shipment_exception'],
  slots: ['order_number', 'phone_tail', 'email', 'date_from', 'date_to', 'tracking_number'],
  async handle(t) {
    const order = await resolveOrder(t, { prefer: (o) => o.status === 'shipped' });
    if (order) await answerShipment(t, order, true);
  },
};

export const trackRefund: Handler = {
  intents: ['track_refund'],
  slots: ['order_number', 'tracking_number', 'phone_tail', 'email', 'date_from', 'date_to'],
  async handle(t) {
    const order = await resolveOrder(t, { prefer: (o) => o.status === 'returned' || o.status === 'cancelled' });
    if (!order) return;
    const returns = await t.deps.commerce.returnsOfOrder(order.number);
    const rma = returns[0];
    const refunded = order.payments.find((p) => p.status === 'refunded');
    if (rma && rma.status === 'refunded' && rma.refundAmount > 0) {
      await t.reply('track_refund.status', { order_number: order.number, amount: t.money(rma.refundAmount, rma.currency), date: rma.updatedAt });
    } else if (rma) {
      await t.reply('track_refund.pending', { order_number: order.number });
    } else if (refunded) {
      await t.reply('track_refund.status', { order_number: order.number, amount: t.money(refunded.amount, order.currency), date: refunded.createdAt });
    } else {
      await t.reply('track_refund.none', { order_number: order.number });
    }
  },
};

export const cancelOrder: Handler = {
  intents: ['cancel_order'],
  slots: ['order_number', 'tracking_number', 'phone_tail', 'email', 'date_from', 'date_to'],
  async handle(t) {
    const order = await resolveOrder(t, { prefer: (o) => ['pending_payment', 'paid', 'processing'].includes(o.status) });
    if (!order) return;
    if (order.status === 'cancelled') return void (await t.reply('order.status', { order_number: order.number, status: statusLabel('cancelled', t.lang) }));
    if (order.status === 'shipped' || order.status === 'delivered' || order.status === 'returned') {
      await t.reply('cancel_order.shipped', { order_number: order.number });
      return;
    }
    await t.confirm('cancel_order.confirm', { order_number: order.number, amount: t.money(order.total, order.currency) }, { action: 'cancel_order', orderNumber: order.number });
  },
  async confirmed(t, pending) {
    const result = await t.deps.commerce.cancelOrder(pending.orderNumber as string, `${t.input.messageId}:cancel`);
    const order = result.order;
    if (result.outcome === 'cancelled' && order) {
      await t.reply('cancel_order.done', { order_number: order.number, amount: t.money(order.total, order.currency) });
    } else if (result.outcome === 'already_cancelled') {
      await t.reply('order.status', { order_number: pending.orderNumber as string, status: statusLabel('cancelled', t.lang) });
    } else if (result.outcome === 'too_late') {
      await t.reply('cancel_order.shipped', { order_number: pending.orderNumber as string });
    } else {
      await t.reply('order.not_found', { order_number: pending.orderNumber as string });
    }
  },
};

export const changeOrder: Handler = {
  intents: ['change_order'],
  slots: ['order_number', 'phone_tail', 'email', 'date_from', 'date_to', 'colour', 'size', 'quantity', 'storage'],
  async handle(t) {
    const order = await resolveOrder(t, { prefer: (o) => ['pending_payment', 'paid'].includes(o.status) });
    if (!order) return;
    if (!['pending_payment', 'paid'].includes(order.status)) {
      await t.reply('change_order.too_late', { order_number: order.number });
      return;
    }
    const wanted = t.variant({ colour: t.slots['colour'] as string, size: t.slots['size'] as string, storage: t.slots['storage'] as string });
    if (!wanted && !t.slots['quantity']) {
      await t.ask('change', 'change_order', { order_number: order.number });
      return;
    }
    // Changing an order's lines is done by a colleague in the order system.
    await t.reply('change_order.handoff', { order_number: order.number });
    t.handOff('policy');
  },
};

export const changeAddress: Handler = {
  intents: ['change_shipping_address'],
  slots: ['order_number', 'phone_tail', 'email', 'date_from', 'date_to', 'reason'],
  async handle(t) {
    const order = await resolveOrder(t, { prefer: (o) => ['pending_payment', 'paid', 'processing', 'shipped'].includes(o.status) });
    if (!order) return;
    const ship = latest(order);
    if (order.status === 'delivered' || (ship && ship.shippedAt)) {
      await t.reply('change_shipping_address.too_late', { order_number: order.number }, { quickReplies: [] });
      await t.reply('handoff.transfer');
      t.handOff('policy');
      return;
    }
    if (t.state.awaiting === 'reason' && typeof t.slots['reason'] === 'string') {
      t.setSlot('reason', null); // the address itself stays in the message only
      await t.reply('change_shipping_address.received', { order_number: order.number });
      t.handOff('policy');
      return;
    }
    await t.ask('reason', 'change_shipping_address');
  },
};

export const paymentIssue: Handler = {
  intents: ['payment_issue'],
  slots: ['order_number', 'phone_tail', 'email', 'reason'],
  async handle(t) {
    const fromText = diagnosePaymentFailure({ message: t.text });
    if (fromText.matchedBy !== 'none') {
      await diagnosis(t, fromText);
      return;
    }
    let orderNumber = typeof t.slots['order_number'] === 'string' ? (t.slots['order_number'] as string) : null;
    if (!orderNumber && t.customerRef) {
      // The shopper's unpaid order with a failed payment, if there is exactly one.
      const failed = (await t.deps.commerce.ordersOfCustomer(t.customerRef, { limit: 10 })).filter(
        (o) => o.status === 'pending_payment' || o.payments.some((p) => p.status === 'failed'),
      );
      if (failed.length === 1) orderNumber = failed[0].number;
    }
    if (orderNumber) {
      t.setSlot('order_number', orderNumber);
      const order = await resolveOrder(t);
      if (!order) return;
      const failed = order.payments.find((p) => p.status === 'failed' && p.failureCode);
      if (failed) {
        await diagnosis(t, diagnosePaymentFailure({ code: failed.failureCode as string, gateway: failed.gateway }));
        return;
      }
      if (order.paidAt) {
        await t.reply('payment_issue.paid', { order_number: order.number, amount: t.money(order.total, order.currency) });
        return;
      }
    }
    if (t.state.awaiting === 'reason') {
      // They described the error and it matched nothing we know: a colleague looks at it.
      await t.reply('handoff.transfer');
      t.handOff('tool_failure');
      return;
    }
    await t.ask('reason', 'payment_issue');
  },
};

async function diagnosis(t: Turn, d: ReturnType<typeof diagnosePaymentFailure>): Promise<void> {
  const reason = { zh: REASONS[d.category]?.zh, en: REASONS[d.category]?.en, ja: REASONS[d.category]?.ja }[t.lang] ?? d.category;
  // The calculator's advice starts by naming the cause; the template names it already.
  const full = d.advice[t.input.locale];
  const sentences = full.split(/(?<=[。.!！])\s*/).filter(Boolean);
  const advice = sentences.length > 1 ? sentences.slice(1).join(t.lang === 'en' ? ' ' : '') : full;
  await t.reply('payment_issue.diagnosis', { reason, advice });
}

const REASONS: Record<string, { zh: string; en: string; ja: string }> = {
  limit_exceeded: { zh: '超出银行卡单笔或当日限额', en: 'the card’s spending limit was exceeded', ja: 'カードの利用限度額を超えています' },
  insufficient_funds: { zh: '账户余额不足', en: 'insufficient funds on the account', ja: '残高不足です' },
  three_ds_failed: { zh: '3-D Secure 身份验证未通过', en: '3-D Secure authentication failed', ja: '3Dセキュア認証に失敗しました' },
  card_problem: { zh: '银行卡信息有误', en: 'the card details were not accepted', ja: 'カード情報に誤りがあります' },
  network: { zh: '网络或支付通道暂时异常', en: 'a temporary network or gateway problem', ja: '通信または決済システムの一時的な問題' },
  gateway_error: { zh: '支付渠道处理异常', en: 'a processing error at the payment provider', ja: '決済システムのエラー' },
  unknown: { zh: '支付渠道返回了未知错误', en: 'an unknown error from the payment provider', ja: '不明なエラー' },
};
