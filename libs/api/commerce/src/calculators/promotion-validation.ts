import {
  assertCurrency,
  assertMinorUnits,
  assertNonEmptyString,
  assertValidDate,
  percentToBasisPoints,
} from './common';
import type { Cart, Promotion, PromotionKind } from './promotion-stacking';

const KINDS: readonly PromotionKind[] = ['percentage', 'threshold', 'store_coupon', 'platform_coupon'];

/** Throws `RangeError` naming the first invalid field of the cart. */
export function validateCart(cart: Cart): void {
  if (!cart || typeof cart !== 'object') throw new RangeError('cart is required');
  assertCurrency(cart.currency, 'cart.currency');
  if (!Array.isArray(cart.lines) || cart.lines.length === 0)
    throw new RangeError('cart.lines must not be empty');
  cart.lines.forEach((l, i) => {
    assertNonEmptyString(l.sku, `cart.lines[${i}].sku`);
    assertNonEmptyString(l.storeId, `cart.lines[${i}].storeId`);
    assertNonEmptyString(l.category, `cart.lines[${i}].category`);
    assertMinorUnits(l.unitPrice, `cart.lines[${i}].unitPrice`);
    if (!Number.isSafeInteger(l.quantity) || l.quantity <= 0) {
      throw new RangeError(`cart.lines[${i}].quantity must be a positive integer, got ${String(l.quantity)}`);
    }
  });
}

/** Validates one promotion (throws `RangeError`); returns its percentage in basis points (0 when not a percentage). */
export function validatePromotion(p: Promotion, i: number): number {
  const f = `promotions[${i}]`;
  assertNonEmptyString(p?.id, `${f}.id`);
  if (!KINDS.includes(p.kind)) throw new RangeError(`${f}.kind must be one of ${KINDS.join(', ')}`);
  if (p.minSpend !== undefined) assertMinorUnits(p.minSpend, `${f}.minSpend`);
  if (p.validFrom !== undefined) assertValidDate(p.validFrom, `${f}.validFrom`);
  if (p.validUntil !== undefined) assertValidDate(p.validUntil, `${f}.validUntil`);
  if (p.validFrom && p.validUntil && p.validFrom >= p.validUntil)
    throw new RangeError(`${f}.validFrom must be before validUntil`);
  if (p.kind === 'store_coupon' && !p.storeIds?.length)
    throw new RangeError(`${f}.storeIds is required for a store coupon`);
  const b = p.benefit;
  if (b?.type === 'amount') {
    assertMinorUnits(b.off, `${f}.benefit.off`);
    return 0;
  }
  if (b?.type === 'percent') {
    if (b.cap !== undefined) assertMinorUnits(b.cap, `${f}.benefit.cap`);
    return percentToBasisPoints(b.percentOff, `${f}.benefit.percentOff`);
  }
  if (b?.type === 'tiered') {
    if (!Array.isArray(b.tiers) || b.tiers.length === 0)
      throw new RangeError(`${f}.benefit.tiers must not be empty`);
    b.tiers.forEach((t, k) => {
      assertMinorUnits(t.threshold, `${f}.benefit.tiers[${k}].threshold`);
      assertMinorUnits(t.off, `${f}.benefit.tiers[${k}].off`);
      if (t.off > t.threshold)
        throw new RangeError(`${f}.benefit.tiers[${k}].off must not exceed its threshold`);
    });
    return 0;
  }
  throw new RangeError(`${f}.benefit.type must be tiered, percent or amount`);
}
