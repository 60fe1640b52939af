import type { Cart, PromotionStackingResult } from '../calculators/promotion-stacking';
import type { ReturnDecision, ReturnRoutingReason } from '../calculators/return-routing';
import type { SizeChart } from '../calculators/size-advice';
import type { CustomerTier } from '../entities/customer.entity';
import type { OrderStatus, ShippingAddress } from '../entities/order.entity';
import type { PaymentStatus } from '../entities/payment.entity';
import type { ReturnKind, ReturnStatus } from '../entities/rma.entity';
import type { ShipmentStatus } from '../entities/shipment.entity';

/**
 * The one port the dialogue engine reads the shop's data and acts on it through. Two adapters: the built-in tables
 * (`BuiltInCommerceConnector`, the seeded demo shop) and the enterprise's order system over HTTP
 * (`HttpCommerceConnector`, contract in docs/commerce-connector.md). Dates are `Date`s, money is
 * in minor units of the record's currency. "Not found" is `null` or `[]` (or a `not_found`-like outcome
 * for the actions); an unreachable order system throws `CommerceUnavailableError`.
 *
 * The actions (`createReturn`, `cancelOrder`) change the shop and are safe to repeat: the caller passes a
 * `requestKey` that stays the same when it retries the same request (e.g. derived from the message id).
 * A repeated return answers the first call's result and creates nothing; a repeated cancellation changes
 * nothing (it answers `already_cancelled`, or the first answer where the order system replays by key).
 * Invalid input (an empty request key) throws `RangeError`.
 */
export interface CommerceConnector {
  findOrder(number: string): Promise<CommerceOrder | null>;
  /** Newest first. `customerRef` is the customer's external id. */
  ordersOfCustomer(customerRef: string, opts?: { since?: Date; limit?: number }): Promise<CommerceOrder[]>;
  findCustomer(ref: CustomerLookup): Promise<CommerceCustomer | null>;
  /** Whether the proof (last 4+ digits of the phone, or the e-mail) matches the order's customer. */
  verifyOrderAccess(orderNumber: string, proof: OrderAccessProof): Promise<boolean>;
  /** By order number or tracking number: the shipments with their events, newest event first. */
  trackShipment(ref: string): Promise<CommerceShipment[]>;
  /** By product id or SKU id, optionally narrowed to a colour and/or size. `null` when unknown. */
  stockOf(ref: string, filter?: { colour?: string; size?: string }): Promise<CommerceStock | null>;
  findProducts(query: string, opts?: { limit?: number; category?: string }): Promise<CommerceProduct[]>;
  /** One product (on sale) by its id or the id of one of its SKUs, with its size chart. `null` when unknown. */
  getProduct(id: string): Promise<CommerceProduct | null>;
  /** The best legal combination of the promotions running now for this cart. */
  promotionsFor(cart: Cart, now?: Date): Promise<PromotionStackingResult>;
  /** The returns and exchanges (RMAs) of an order, newest first; `[]` for an unknown order. */
  returnsOfOrder(orderNumber: string): Promise<CommerceReturn[]>;
  /**
   * Asks to return or exchange one item of an order (`skuId`, else the order's first item). The shop
   * decides: refund without a return (cheap items), a return label, or a refusal (not delivered yet,
   * outside the return window, a non-returnable category, already returned, unknown order or item); a
   * refusal creates nothing. Idempotent by `input.requestKey`. `now` is the time of the request.
   */
  createReturn(input: CreateReturnInput, now?: Date): Promise<ReturnOutcome>;
  /**
   * Cancels an order that has not left the warehouse yet (unpaid, paid or being packed): the order
   * becomes `cancelled` and what was paid is refunded. Cancelling a cancelled order answers
   * `already_cancelled` and changes nothing; once a shipment has left it is `too_late`. `order` is the
   * order as it is afterwards (`null` when not found).
   */
  cancelOrder(orderNumber: string, requestKey: string): Promise<CancelOrderResult>;
}

/**
 * The request key, trimmed; `RangeError` unless it is 1-255 printable ASCII characters (it travels as
 * the `Idempotency-Key` header to an order system).
 */
export function checkRequestKey(key: string): string {
  const k = typeof key === 'string' ? key.trim() : '';
  if (!k || k.length > 255 || !/^[\x20-\x7e]+$/.test(k))
    throw new RangeError('requestKey must be 1-255 printable ASCII characters');
  return k;
}

/** Nest injection token of the active connector. */
export const COMMERCE_CONNECTOR = Symbol('COMMERCE_CONNECTOR');

/** The order system could not be reached or answered nonsense; the shopper is told to try again later. */
export class CommerceUnavailableError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'CommerceUnavailableError';
  }
}

export type CustomerLookup = { externalId: string } | { phone: string } | { email: string };
export type OrderAccessProof = { phoneTail: string } | { email: string };

export interface CommerceCustomer {
  externalId: string;
  name: string;
  phone: string | null;
  email: string | null;
  tier: CustomerTier;
  lifetimeValue: number;
  currency: string;
}

export interface CommerceOrderItem {
  skuId: string;
  productId: string;
  name: string;
  quantity: number;
  unitPrice: number;
  total: number;
}

export interface CommercePayment {
  gateway: string;
  status: PaymentStatus;
  amount: number;
  failureCode: string | null;
  createdAt: Date;
}

export interface CommerceShipmentEvent {
  status: ShipmentStatus;
  code: string;
  location: string | null;
  note: string | null;
  occurredAt: Date;
}

export interface CommerceShipment {
  orderNumber: string;
  carrier: string;
  trackingNumber: string | null;
  status: ShipmentStatus;
  eta: Date | null;
  exceptionReason: string | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  events: CommerceShipmentEvent[];
}

export interface CommerceOrder {
  number: string;
  customerExternalId: string;
  status: OrderStatus;
  currency: string;
  subtotal: number;
  discount: number;
  shippingFee: number;
  total: number;
  placedAt: Date;
  paidAt: Date | null;
  shippingAddress: ShippingAddress | null;
  items: CommerceOrderItem[];
  payments: CommercePayment[];
  shipments: CommerceShipment[];
}

export interface CommerceProduct {
  id: string;
  names: { 'zh-CN': string; en: string; ja: string };
  brand: string;
  category: string;
  attributes: Record<string, unknown>;
  /** Cheapest and dearest SKU. */
  priceFrom: number;
  priceTo: number;
  currency: string;
  colours: string[];
  sizes: string[];
  /** For `adviseSize`; `null` when the product has none (not apparel or shoes). */
  sizeChart: SizeChart | null;
}

export interface CommerceStockLine {
  skuId: string;
  colour: string | null;
  size: string | null;
  storage: string | null;
  price: number;
  currency: string;
  /** Units available (quantity - reserved) across warehouses. */
  available: number;
}

export interface CommerceStock {
  productId: string;
  lines: CommerceStockLine[];
  /** Sum of `available` over `lines`. */
  available: number;
}

/** The variant the shopper wants instead, for an exchange. */
export interface ExchangeTarget {
  colour?: string;
  size?: string;
}

/** A return or exchange (RMA). */
export interface CommerceReturn {
  rmaNumber: string;
  orderNumber: string;
  /** `refund_only`: refunded without sending the item back (what a `refund_without_return` return becomes). */
  kind: ReturnKind;
  /**
   * `label_issued` → the shopper sends the item back with `labelUrl`, `received` → it arrived,
   * `refunded` → the money went back; `approved` for an exchange whose replacement is sent without a return.
   */
  status: ReturnStatus;
  reason: string;
  /** Refunded, or to be refunded once the item arrives; 0 for exchanges. */
  refundAmount: number;
  currency: string;
  /** The returned item's SKU (`null` when the return is about the whole order). */
  skuId: string | null;
  /** What the shopper gets instead (exchanges), else `null`. */
  exchangeFor: ExchangeTarget | null;
  /** Where the shopper downloads the return label, e.g. `/returns/RMA1000301/label.pdf`. */
  labelUrl: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface CreateReturnInput {
  orderNumber: string;
  /** The item to return or exchange; the order's first item when absent. */
  skuId?: string;
  kind: 'return' | 'exchange';
  /** The shopper's reason, in their words or a code ("does not fit"). */
  reason: string;
  /** Same key for the same request (1-255 printable ASCII): a retry gets the first answer, nothing more is created. */
  requestKey: string;
  exchangeFor?: ExchangeTarget;
}

/**
 * Why a return was routed or refused: the return-routing reasons (`routeReturn`), plus
 * `already_returned` (the item has an open or finished RMA, which is `rma`), `order_not_found` and
 * `item_not_in_order`.
 */
export type ReturnOutcomeReason =
  ReturnRoutingReason | 'already_returned' | 'order_not_found' | 'item_not_in_order';

export interface ReturnOutcome {
  decision: ReturnDecision;
  reasonCode: ReturnOutcomeReason;
  /** The RMA created (or, for `already_returned`, the existing one); `null` when refused otherwise. */
  rma: CommerceReturn | null;
}

export type CancelOutcome = 'cancelled' | 'already_cancelled' | 'too_late' | 'not_found';

export interface CancelOrderResult {
  outcome: CancelOutcome;
  order: CommerceOrder | null;
}
