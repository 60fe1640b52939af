import {
  type CalculatorLocale,
  type CommerceOrder,
  type CommerceOrderItem,
  type CompensationOffer,
  type CompensationPolicy,
  type CustomerTier,
  DEFAULT_COMPENSATION_POLICY,
  DEFAULT_RETURN_POLICY,
  type IssueSeverity,
  type ReturnPolicy,
  type ReturnRouting,
  calculateCompensation,
  minorUnitDigits,
  routeReturn,
} from '@kefu/api/commerce';

/**
 * The rules our code enforces whatever the model asks, using the commerce library's own policies
 * (`DEFAULT_RETURN_POLICY`: 7-day window, non-returnable categories; `DEFAULT_COMPENSATION_POLICY`: the
 * per-tier caps) unless the platform passes the shop's own.
 */
export interface ToolPolicies {
  returns: ReturnPolicy;
  compensation: CompensationPolicy;
  /** The store a cart line belongs to for promotions (the built-in shop has one: `main`). */
  storeId: string;
}

export const DEFAULT_TOOL_POLICIES: ToolPolicies = {
  returns: DEFAULT_RETURN_POLICY,
  compensation: DEFAULT_COMPENSATION_POLICY,
  storeId: 'main',
};

/** Who the tools act for: the verified shopper, and the orders they proved with a phone tail or e-mail. */
export interface ToolShopper {
  /** The shop customer's external id, once verified (a trusted login or a proved order); else `null`. */
  customerRef: string | null;
  /** Order numbers the shopper proved access to in this conversation. */
  verifiedOrders?: readonly string[];
}

export interface ToolContext {
  shopper: ToolShopper;
  /**
   * Stable for one shopper message (e.g. its id): the actions derive their idempotency keys from it, so a
   * retried turn never creates a second return. Printable ASCII.
   */
  requestKey: string;
  /** Which of the calculators' texts to pass on (default zh-CN). */
  locale?: CalculatorLocale;
  now?: () => Date;
}

/** Whether the shopper may see and act on this order. */
export function mayAccessOrder(order: CommerceOrder, shopper: ToolShopper): boolean {
  if (shopper.customerRef && order.customerExternalId === shopper.customerRef) return true;
  const number = order.number.trim().toUpperCase();
  return (shopper.verifiedOrders ?? []).some((n) => n.trim().toUpperCase() === number);
}

/** When the order was delivered (the last shipment's delivery), `null` unless its status is `delivered`. */
export function deliveredAt(order: CommerceOrder): Date | null {
  if (order.status !== 'delivered') return null;
  const times = order.shipments
    .map((s) => s.deliveredAt?.getTime())
    .filter((t): t is number => typeof t === 'number' && Number.isFinite(t));
  return times.length ? new Date(Math.max(...times)) : null;
}

/**
 * Our own check before asking the shop: not delivered, outside the return window or a non-returnable
 * category is refused here, whatever the order system would say.
 */
export function checkReturn(
  order: CommerceOrder,
  item: CommerceOrderItem,
  category: string,
  now: Date,
  policy: ReturnPolicy,
): ReturnRouting {
  const delivered = deliveredAt(order);
  return routeReturn({
    category: category.trim() || 'general',
    itemValue: item.total,
    currency: order.currency.trim(),
    deliveredAt: delivered && delivered > now ? now : delivered,
    now,
    policy,
  });
}

export type CompensationDecision =
  | { refused: false; offer: CompensationOffer }
  | { refused: true; reason: 'above_tier_cap'; cap: number; standardOffer: CompensationOffer };

/** Major units as the model gives them (25.5) → minor units of the currency (2550). */
export function toMinorUnits(major: number, currency: string): number {
  return Math.round(major * 10 ** minorUnitDigits(currency));
}

/**
 * The offer for this order and the shopper's tier. An amount the model asks for above the tier's cap is
 * refused with the cap (never silently clamped: the model must not promise it).
 */
export function decideCompensation(
  order: CommerceOrder,
  tier: CustomerTier,
  severity: IssueSeverity,
  requestedMinor: number | undefined,
  policy: CompensationPolicy,
): CompensationDecision {
  const base = { tier, severity, orderValue: order.total, currency: order.currency.trim(), policy };
  const standardOffer = calculateCompensation(base);
  if (requestedMinor === undefined) return { refused: false, offer: standardOffer };
  if (requestedMinor > standardOffer.cap)
    return { refused: true, reason: 'above_tier_cap', cap: standardOffer.cap, standardOffer };
  return { refused: false, offer: calculateCompensation({ ...base, requestedAmount: requestedMinor }) };
}
