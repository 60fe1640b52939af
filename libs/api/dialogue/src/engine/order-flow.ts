import type { CommerceOrder } from '@kefu/api/commerce';
import type { QuickReply } from '../templates/reply';
import { Turn } from './turn';
import { ordinal, refersBack, refersToPurchase } from './vocab';

const DAY = 86_400_000;
const MAX_VERIFY_FAILURES = 3;

/** Orders worth asking about first: not finished yet. */
const OPEN = new Set(['pending_payment', 'paid', 'processing', 'shipped']);

export interface OrderFlowOptions {
  /** Which of several recent orders a logged-in shopper most likely means. */
  prefer?: (o: CommerceOrder) => boolean;
  /** The template that asks for the order number (default `ask.order_number`). */
  askKey?: string;
}

/**
 * Finds the order the shopper means and makes sure they may see it, asking for what is missing.
 * Returns null when the turn must wait for the shopper (the question is already in `t.replies`).
 *
 * The order is, in this order: the number given now (or chosen from a list offered), the one on
 * the page, one placed in the period named ("我上周买的"), the one talked about earlier ("it"),
 * or — for a logged-in shopper — their only or most likely recent order. An anonymous shopper
 * proves access with the last four digits of the phone or the e-mail on the order.
 */
export async function resolveOrder(t: Turn, opts: OrderFlowOptions = {}): Promise<CommerceOrder | null> {
  const { commerce } = t.deps;
  const ctx = t.state.context;
  // A period named now ("我上周买的") overrides the order the topic was about.
  const slot = t.extracted['order_number'] ?? (t.extracted['date_from'] ? undefined : t.slots['order_number']);
  let number = typeof slot === 'string' ? slot : null;
  const customer = t.customerRef;

  // "ok and the first one?": a choice from the list offered wins over the order talked about.
  if (t.extracted['order_number'] === undefined && ctx.offeredOrders?.length) {
    const i = ordinal(t.text);
    const pick = i === null ? undefined : i < 0 ? ctx.offeredOrders.at(-1) : ctx.offeredOrders[i];
    if (pick) number = pick;
  }
  if (!number && typeof t.slots['tracking_number'] === 'string') {
    // "tracking for KF101149" or a carrier's number: the shipment names its order.
    const shipments = await commerce.trackShipment(t.slots['tracking_number'] as string);
    if (shipments[0]) number = shipments[0].orderNumber;
    else if (/^[A-Z]{0,4}\d{5,}$/.test(t.slots['tracking_number'] as string)) number = t.slots['tracking_number'] as string;
  }
  if (!number && t.input.page.orderId) number = t.input.page.orderId;
  if (!number && customer && typeof t.slots['date_from'] === 'string') {
    const from = new Date(`${t.slots['date_from']}T00:00:00Z`).getTime() - DAY;
    const to = new Date(`${t.slots['date_to'] ?? t.slots['date_from']}T23:59:59Z`).getTime() + DAY;
    const orders = (await commerce.ordersOfCustomer(customer, { since: new Date(from), limit: 20 })).filter(
      (o) => o.placedAt.getTime() <= to,
    );
    if (orders.length === 1) number = orders[0].number;
    else if (orders.length > 1) return offer(t, orders);
  }
  if (!number && t.state.lastOrderNumber && (refersBack(t.text) || !refersToPurchase(t.text))) number = t.state.lastOrderNumber;
  if (!number && customer) {
    let recent = await commerce.ordersOfCustomer(customer, { limit: 5 });
    // "先日買ったランニングシューズ": the orders with that product, when the product is named.
    const query = typeof t.slots['product_query'] === 'string' ? (t.slots['product_query'] as string) : null;
    if (query && recent.length > 1) {
      const ids = new Set((await commerce.findProducts(query, { limit: 50 })).map((p) => p.id));
      const withIt = recent.filter((o) => o.items.some((i) => ids.has(i.productId)));
      if (withIt.length) recent = withIt;
    }
    const likely = recent.filter(opts.prefer ?? ((o) => OPEN.has(o.status)));
    if (recent.length === 1) number = recent[0].number;
    else if (likely.length === 1) number = likely[0].number;
    else if (recent.length > 1) return offer(t, likely.length ? likely : recent);
  }
  if (!number) {
    await t.ask('order_number', opts.askKey ?? 'ask.order_number');
    return null;
  }

  const order = await commerce.findOrder(number);
  if (!order) {
    t.setSlot('order_number', null);
    t.outcome = 'not_found';
    t.state.awaiting = 'order_number';
    await t.reply('order.not_found', { order_number: number });
    return null;
  }
  if (!(await mayAccess(t, order))) return null;
  t.setSlot('order_number', order.number);
  t.state.lastOrderNumber = order.number;
  if (t.state.awaiting === 'order_number' || t.state.awaiting === 'phone_tail') t.state.awaiting = null;
  return order;
}

async function offer(t: Turn, orders: CommerceOrder[]): Promise<null> {
  const shown = orders.slice(0, 3);
  t.state.context = { ...t.state.context, offeredOrders: shown.map((o) => o.number) };
  const quickReplies: QuickReply[] = shown.map((o) => ({ label: o.number, payload: o.number }));
  await t.ask('order_number', 'order.choose', { count: shown.length }, { cards: shown.map((o) => t.orderCard(o)), quickReplies });
  return null;
}

async function mayAccess(t: Turn, order: CommerceOrder): Promise<boolean> {
  const ctx = t.state.context;
  if (t.customerRef && order.customerExternalId === t.customerRef) return true;
  if (ctx.verifiedOrders?.includes(order.number)) return true;

  const tail = typeof t.slots['phone_tail'] === 'string' ? (t.slots['phone_tail'] as string) : null;
  const email = typeof t.slots['email'] === 'string' ? (t.slots['email'] as string) : null;
  // The proof is used once and not kept in the dialogue state.
  t.setSlot('phone_tail', null);
  t.setSlot('email', null);
  t.setSlot('order_number', order.number);
  t.state.lastOrderNumber = order.number;
  if (!tail && !email) {
    await t.ask('phone_tail', 'ask.phone_tail');
    return false;
  }
  const ok = await t.deps.commerce.verifyOrderAccess(order.number, tail ? { phoneTail: tail } : { email: email as string });
  if (ok) {
    t.state.context = {
      ...t.state.context,
      verifiedOrders: [...(ctx.verifiedOrders ?? []), order.number].slice(-20),
      verifyFailures: 0,
      customerRef: ctx.customerRef ?? order.customerExternalId,
    };
    return true;
  }
  const failures = (ctx.verifyFailures ?? 0) + 1;
  t.state.context = { ...t.state.context, verifyFailures: failures };
  t.outcome = 'verify_failed';
  if (failures >= MAX_VERIFY_FAILURES) {
    await t.reply('verify.locked');
    t.handOff('policy');
    return false;
  }
  await t.reply('verify.failed');
  t.state.awaiting = 'phone_tail';
  return false;
}
