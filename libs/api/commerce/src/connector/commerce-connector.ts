import type { Cart, PromotionStackingResult } from '../calculators/promotion-stacking';
import type { CustomerTier } from '../entities/customer.entity';
import type { OrderStatus, ShippingAddress } from '../entities/order.entity';
import type { PaymentStatus } from '../entities/payment.entity';
import type { ShipmentStatus } from '../entities/shipment.entity';

/**
 * The one port the dialogue engine reads the shop's data through. Two adapters: the built-in tables
 * (`BuiltInCommerceConnector`, the seeded demo shop) and the enterprise's order system over HTTP
 * (`HttpCommerceConnector`, contract in docs/commerce-connector.md). Dates are `Date`s, money is
 * in minor units of the record's currency. "Not found" is `null` or `[]`; an unreachable order system
 * throws `CommerceUnavailableError`.
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
  /** The best legal combination of the promotions running now for this cart. */
  promotionsFor(cart: Cart, now?: Date): Promise<PromotionStackingResult>;
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
