import {
  type CalculatorLocale,
  type CartLine,
  type CommerceConnector,
  type CommerceOrder,
  CommerceUnavailableError,
  type Money,
  formatMoney,
} from '@kefu/api/commerce';
import { type ToolExecution, type ToolExecutor, day, failed, notFound, ok, refused } from './tool-execution';
import {
  DEFAULT_TOOL_POLICIES,
  type ToolContext,
  type ToolPolicies,
  checkReturn,
  decideCompensation,
  mayAccessOrder,
  toMinorUnits,
} from './tool-policy';
import { TOOL_INPUTS, type ToolInput, type ToolName, describeIssues, isToolName } from './tool-schemas';

type Handler<N extends ToolName> = (input: ToolInput<N>) => Promise<ToolExecution>;
const MAX_LINES = 30;
const MAX_EVENTS = 5;

/**
 * Runs the commerce tools for one shopper's turn: validates the model's arguments (zod), acts through the
 * `CommerceConnector`, and enforces policy in our code (someone else's order, a return outside the window,
 * compensation above the tier cap: refused). Results carry formatted money only, and every amount shown
 * is kept in `amounts` for `unsupportedAmounts`. `respond` is the loop's business, not the executor's.
 */
export class CommerceToolExecutor implements ToolExecutor {
  private readonly shown: Money[] = [];
  private readonly locale: CalculatorLocale;
  private readonly handlers: { [N in Exclude<ToolName, 'respond'>]: Handler<N> };

  constructor(
    private readonly commerce: CommerceConnector,
    private readonly ctx: ToolContext,
    private readonly policies: ToolPolicies = DEFAULT_TOOL_POLICIES,
  ) {
    this.locale = ctx.locale ?? 'zh-CN';
    this.handlers = {
      lookup_order: (i) => this.lookupOrder(i),
      track_shipment: (i) => this.trackShipment(i),
      check_stock: (i) => this.checkStock(i),
      calculate_promotion: (i) => this.calculatePromotion(i),
      start_return: (i) => this.startReturn(i),
      offer_compensation: (i) => this.offerCompensation(i),
      hand_off: async (i) => ({
        ...ok({ handed_off: true, next: 'End the turn with respond, action handoff.' }),
        handoff: { reason: i.reason, summary: i.summary },
      }),
    };
  }

  get amounts(): readonly Money[] {
    return this.shown;
  }

  async execute(name: string, input: unknown): Promise<ToolExecution> {
    if (!isToolName(name) || name === 'respond')
      return failed('invalid', `unknown tool ${name.slice(0, 64)}`);
    const parsed = TOOL_INPUTS[name].safeParse(input);
    if (!parsed.success) return failed('invalid', `invalid arguments: ${describeIssues(parsed.error)}`);
    try {
      return await (this.handlers[name] as Handler<typeof name>)(parsed.data as never);
    } catch (e) {
      if (e instanceof CommerceUnavailableError)
        return failed(
          'unavailable',
          "The shop's order system is unavailable; hand off with reason tool_failure",
        );
      if (e instanceof RangeError) return failed('invalid', e.message.slice(0, 300));
      return failed('unavailable', 'The tool failed; hand off with reason tool_failure');
    }
  }

  /** Formats an amount for the model and remembers it as one a tool returned. */
  private money(amount: number, currency: string): string {
    const c = currency.trim();
    this.shown.push({ amount, currency: c });
    return formatMoney(amount, c);
  }

  private now(): Date {
    return this.ctx.now?.() ?? new Date();
  }

  /** The order when it exists and the shopper may act on it; else the refusal to answer. */
  private async ownOrder(number: string): Promise<CommerceOrder | ToolExecution> {
    const order = await this.commerce.findOrder(number);
    if (!order) return notFound(`order ${number.slice(0, 64)}`);
    if (!mayAccessOrder(order, this.ctx.shopper))
      return refused('not_verified_for_order', {
        message:
          "This order is not the verified shopper's: ask for the phone number's last 4 digits or the order's e-mail",
      });
    return order;
  }

  private async lookupOrder({ order_number }: ToolInput<'lookup_order'>): Promise<ToolExecution> {
    const order = await this.ownOrder(order_number);
    if (!('number' in order)) return order;
    const c = order.currency;
    return ok({
      order_number: order.number,
      status: order.status,
      placed_on: day(order.placedAt),
      paid_on: day(order.paidAt),
      subtotal: this.money(order.subtotal, c),
      discount: this.money(order.discount, c),
      shipping_fee: this.money(order.shippingFee, c),
      total: this.money(order.total, c),
      items: order.items.slice(0, MAX_LINES).map((i) => ({
        sku: i.skuId,
        product: i.productId,
        name: i.name,
        quantity: i.quantity,
        unit_price: this.money(i.unitPrice, c),
        total: this.money(i.total, c),
      })),
      payments: order.payments.map((p) => ({ status: p.status, amount: this.money(p.amount, c) })),
      shipments: order.shipments.map((s) => ({
        carrier: s.carrier,
        tracking_number: s.trackingNumber,
        status: s.status,
        eta: day(s.eta),
        delivered_on: day(s.deliveredAt),
      })),
    });
  }

  private async trackShipment({ reference }: ToolInput<'track_shipment'>): Promise<ToolExecution> {
    const shipments = await this.commerce.trackShipment(reference);
    if (!shipments.length) return notFound(`shipment ${reference.slice(0, 64)}`);
    for (const number of new Set(shipments.map((s) => s.orderNumber))) {
      const order = await this.ownOrder(number);
      if (!('number' in order)) return order.status === 'not_found' ? notFound('shipment') : order;
    }
    return ok({
      shipments: shipments.map((s) => ({
        order_number: s.orderNumber,
        carrier: s.carrier,
        tracking_number: s.trackingNumber,
        status: s.status,
        eta: day(s.eta),
        exception: s.exceptionReason,
        shipped_on: day(s.shippedAt),
        delivered_on: day(s.deliveredAt),
        events: s.events.slice(0, MAX_EVENTS).map((e) => ({
          status: e.status,
          code: e.code,
          location: e.location,
          at: e.occurredAt.toISOString(),
        })),
      })),
    });
  }

  private async checkStock({ product, colour, size }: ToolInput<'check_stock'>): Promise<ToolExecution> {
    const stock = await this.commerce.stockOf(product, { colour, size });
    if (!stock) return notFound(`product ${product.slice(0, 64)}`);
    return ok({
      product: stock.productId,
      available: stock.available,
      lines: stock.lines.slice(0, MAX_LINES).map((l) => ({
        sku: l.skuId,
        colour: l.colour,
        size: l.size,
        storage: l.storage,
        price: this.money(l.price, l.currency),
        available: l.available,
      })),
    });
  }

  private async calculatePromotion({ lines }: ToolInput<'calculate_promotion'>): Promise<ToolExecution> {
    const cartLines: CartLine[] = [];
    let currency: string | null = null;
    for (const { sku, quantity } of lines) {
      const [stock, product] = await Promise.all([this.commerce.stockOf(sku), this.commerce.getProduct(sku)]);
      const line = stock?.lines.find((l) => l.skuId.toUpperCase() === sku.toUpperCase());
      if (!line || !product) return notFound(`SKU ${sku.slice(0, 64)}`);
      if (currency && currency !== line.currency.trim())
        return failed('invalid', 'the cart mixes currencies; price one currency at a time');
      currency = line.currency.trim();
      const storeId = this.policies.storeId;
      cartLines.push({
        sku: line.skuId,
        unitPrice: line.price,
        quantity,
        storeId,
        category: product.category,
      });
    }
    const result = await this.commerce.promotionsFor(
      { currency: currency ?? 'CNY', lines: cartLines },
      this.now(),
    );
    const c = result.currency;
    return ok({
      subtotal: this.money(result.subtotal, c),
      saving: this.money(result.totalSaving, c),
      total: this.money(result.total, c),
      applied: result.applied.map((a) => ({ promotion: a.promotionId, saving: this.money(a.saving, c) })),
      explanation: result.explanation[this.locale],
    });
  }

  private async startReturn(input: ToolInput<'start_return'>): Promise<ToolExecution> {
    const order = await this.ownOrder(input.order_number);
    if (!('number' in order)) return order;
    const sku = input.sku?.toUpperCase();
    const item = sku ? order.items.find((i) => i.skuId.toUpperCase() === sku) : order.items[0];
    if (!item) return refused('item_not_in_order');
    const product = await this.commerce.getProduct(item.productId);
    const check = checkReturn(order, item, product?.category ?? 'general', this.now(), this.policies.returns);
    if (check.decision === 'refused')
      return refused(check.reason, {
        deadline: day(check.deadline ?? null),
        message: check.message[this.locale],
      });

    const exchangeFor =
      input.kind === 'exchange' ? { colour: input.exchange_colour, size: input.exchange_size } : undefined;
    const outcome = await this.commerce.createReturn(
      {
        orderNumber: order.number,
        skuId: item.skuId,
        kind: input.kind,
        reason: input.reason,
        requestKey: `${this.ctx.requestKey}:return:${order.number}:${item.skuId}`.slice(0, 255),
        exchangeFor,
      },
      this.now(),
    );
    const rma = outcome.rma;
    if (outcome.decision === 'refused')
      return refused(outcome.reasonCode, rma ? { existing_return: rma.rmaNumber, status: rma.status } : {});
    return ok({
      decision: outcome.decision,
      return_number: rma?.rmaNumber ?? null,
      status: rma?.status ?? null,
      refund: rma && rma.refundAmount > 0 ? this.money(rma.refundAmount, rma.currency) : null,
      label_url: rma?.labelUrl ?? null,
      send_back_by: day(check.deadline ?? null),
      message: check.message[this.locale],
    });
  }

  private async offerCompensation(input: ToolInput<'offer_compensation'>): Promise<ToolExecution> {
    const order = await this.ownOrder(input.order_number);
    if (!('number' in order)) return order;
    const customer = await this.commerce.findCustomer({ externalId: order.customerExternalId });
    const tier = customer?.tier ?? 'regular';
    const c = order.currency.trim();
    const requested = input.amount === undefined ? undefined : toMinorUnits(input.amount, c);
    const decision = decideCompensation(order, tier, input.severity, requested, this.policies.compensation);
    if (decision.refused)
      return refused(decision.reason, {
        tier,
        cap: this.money(decision.cap, c),
        standard_offer: this.money(decision.standardOffer.amount, c),
        message: `Above the ${tier} tier's cap for this order; the most that can be offered is the cap`,
      });
    const { offer } = decision;
    return ok({
      kind: offer.kind,
      amount: this.money(offer.amount, c),
      cap: this.money(offer.cap, c),
      requires_approval: offer.requiresApproval,
      approval_reasons: offer.approvalReasons,
      message: offer.message[this.locale],
    });
  }
}
