/**
 * Promotion stacking: the best legal combination of 满减 tiers, percentage discounts, store coupons and
 * platform coupons for a cart, found by exact enumeration of legal combinations.
 *
 * Model (all money in integer minor units of `cart.currency`):
 * - Promotions apply in layers: percentage → threshold (满减) → store coupon → platform coupon. Each sees its
 *   eligible lines at the price left by the earlier layers; discounts are spread over those lines pro rata.
 * - Thresholds and `minSpend` are inclusive (满300 applies at exactly 300); percentages round down.
 * - A promotion is live when `validFrom <= now < validUntil`.
 * - Stacking: two platform coupons never stack; two store coupons never stack on the same store; two
 *   percentage or two threshold promotions never stack on an overlapping store × category scope; an
 *   `exclusive` promotion stands alone; `notCombinableWith` lists further forbidden partners (either side).
 * - Best = maximum saving; ties → fewer promotions; then the earlier promotions in input order.
 * Invalid input throws `RangeError` (see common.ts).
 */
import { type LocalizedText, applyBasisPoints, assertValidDate, toLocalized } from './common';
import { explainPromotions } from './promotion-texts';
import { validateCart, validatePromotion } from './promotion-validation';

export interface CartLine {
  readonly sku: string;
  /** Unit price in minor units. */
  readonly unitPrice: number;
  readonly quantity: number;
  readonly storeId: string;
  readonly category: string;
}

export interface Cart {
  readonly currency: string;
  readonly lines: readonly CartLine[];
}

export type PromotionKind = 'percentage' | 'threshold' | 'store_coupon' | 'platform_coupon';

export interface ThresholdTier {
  /** Spend needed (inclusive), minor units. */
  readonly threshold: number;
  /** Amount off once reached, minor units. */
  readonly off: number;
}

export type PromotionBenefit =
  | { readonly type: 'tiered'; readonly tiers: readonly ThresholdTier[] }
  | { readonly type: 'percent'; readonly percentOff: number; readonly cap?: number }
  | { readonly type: 'amount'; readonly off: number };

export interface Promotion {
  readonly id: string;
  readonly kind: PromotionKind;
  /** What the shopper sees, e.g. "满300减50". */
  readonly label: string | LocalizedText;
  readonly benefit: PromotionBenefit;
  readonly validFrom?: Date;
  /** Exclusive end: the promotion is over at this instant. */
  readonly validUntil?: Date;
  /** Minimum eligible spend (inclusive), minor units. */
  readonly minSpend?: number;
  /** Stores it applies to; absent = every store. */
  readonly storeIds?: readonly string[];
  /** Categories it applies to; absent = every category. */
  readonly categories?: readonly string[];
  readonly exclusive?: boolean;
  readonly notCombinableWith?: readonly string[];
}

export type PromotionRejectionReason =
  | 'not_started'
  | 'expired'
  | 'not_applicable'
  | 'min_spend_not_met'
  | 'excluded_by_exclusive'
  | 'exclusive_saves_less'
  | 'not_combinable'
  | 'no_extra_saving';

export interface AppliedPromotion {
  readonly promotionId: string;
  readonly kind: PromotionKind;
  readonly saving: number;
}

export interface RejectedPromotion {
  readonly promotionId: string;
  readonly reason: PromotionRejectionReason;
  /** For `min_spend_not_met`: the spend required and how much is missing. */
  readonly required?: number;
  readonly shortfall?: number;
  /** For `exclusive_saves_less`: what it would save on its own. */
  readonly standaloneSaving?: number;
  /** For `not_combinable` / `excluded_by_exclusive`: the chosen promotions it clashes with. */
  readonly conflictsWith?: readonly string[];
}

export interface PromotionStackingResult {
  readonly currency: string;
  readonly subtotal: number;
  readonly totalSaving: number;
  readonly total: number;
  readonly applied: readonly AppliedPromotion[];
  readonly rejected: readonly RejectedPromotion[];
  readonly explanation: LocalizedText;
  readonly combinationsEvaluated: number;
}

export interface PromotionStackingInput {
  readonly cart: Cart;
  readonly promotions: readonly Promotion[];
  readonly now: Date;
}

export const MAX_PROMOTIONS = 50;
export const MAX_COMBINATIONS = 65_536;
const LAYER: Readonly<Record<PromotionKind, number>> = {
  percentage: 0,
  threshold: 1,
  store_coupon: 2,
  platform_coupon: 3,
};

interface Candidate {
  readonly index: number;
  readonly promo: Promotion;
  readonly lineIdx: readonly number[];
  readonly required: number;
  readonly percentBp: number;
}

interface StepResult {
  readonly saving: number;
  readonly base: number;
}

export function findBestPromotionCombination(input: PromotionStackingInput): PromotionStackingResult {
  const { cart, promotions, now } = input;
  validateCart(cart);
  assertValidDate(now, 'now');
  if (!Array.isArray(promotions)) throw new RangeError('promotions must be an array');
  if (promotions.length > MAX_PROMOTIONS) {
    throw new RangeError(`at most ${MAX_PROMOTIONS} promotions can be evaluated, got ${promotions.length}`);
  }
  const ids = new Set<string>();
  const candidates: Candidate[] = [];
  const early = new Map<string, RejectedPromotion>();
  promotions.forEach((promo, index) => {
    const percentBp = validatePromotion(promo, index);
    if (ids.has(promo.id)) throw new RangeError(`promotions[${index}].id "${promo.id}" is duplicated`);
    ids.add(promo.id);
    const lineIdx = cart.lines.flatMap((l, i) => (inScope(promo, l) ? [i] : []));
    if (promo.validFrom && now < promo.validFrom)
      early.set(promo.id, { promotionId: promo.id, reason: 'not_started' });
    else if (promo.validUntil && now >= promo.validUntil)
      early.set(promo.id, { promotionId: promo.id, reason: 'expired' });
    else if (lineIdx.length === 0) early.set(promo.id, { promotionId: promo.id, reason: 'not_applicable' });
    else candidates.push({ index, promo, lineIdx, required: requiredSpend(promo), percentBp });
  });
  candidates.sort((a, b) => LAYER[a.promo.kind] - LAYER[b.promo.kind] || a.index - b.index);

  const amounts = cart.lines.map((l) => l.unitPrice * l.quantity);
  const subtotal = amounts.reduce((s, a) => s + a, 0);
  const evaluate = (combo: readonly Candidate[]) => evaluateCombination(amounts, combo);

  let best: readonly Candidate[] = [];
  let bestSaving = 0;
  let evaluated = 0;
  const consider = (combo: readonly Candidate[]): void => {
    if (++evaluated > MAX_COMBINATIONS) {
      throw new RangeError(`more than ${MAX_COMBINATIONS} promotion combinations; narrow the candidate list`);
    }
    const saving = sumSavings(evaluate(combo));
    const better =
      saving > bestSaving ||
      (saving === bestSaving && combo.length < best.length) ||
      (saving === bestSaving && combo.length === best.length && orderKey(combo) < orderKey(best));
    if (better) [best, bestSaving] = [combo, saving];
  };
  const stackable = candidates.filter((c) => !c.promo.exclusive);
  const walk = (start: number, chosen: Candidate[]): void => {
    consider([...chosen]);
    for (let i = start; i < stackable.length; i++) {
      const next = stackable[i];
      if (chosen.some((c) => conflicts(c.promo, next.promo))) continue;
      walk(i + 1, [...chosen, next]);
    }
  };
  walk(0, []);
  for (const c of candidates) if (c.promo.exclusive) consider([c]);

  const bestSteps = evaluate(best);
  const applied: AppliedPromotion[] = [];
  best.forEach((c, i) => {
    const saving = bestSteps[i].saving;
    if (saving > 0) applied.push({ promotionId: c.promo.id, kind: c.promo.kind, saving });
  });
  const byId = new Map(candidates.map((c) => [c.promo.id, c]));
  const appliedIds = new Set(applied.map((a) => a.promotionId));
  const rejected = promotions
    .filter((p) => !appliedIds.has(p.id))
    .map((p) => early.get(p.id) ?? explainRejection(byId.get(p.id) as Candidate, best, evaluate));
  const totalSaving = Math.min(bestSaving, subtotal);
  const labels = new Map(promotions.map((p) => [p.id, toLocalized(p.label)]));
  return {
    currency: cart.currency,
    subtotal,
    totalSaving,
    total: subtotal - totalSaving,
    applied,
    rejected,
    explanation: explainPromotions(
      cart.currency,
      labels,
      applied,
      rejected,
      totalSaving,
      subtotal - totalSaving,
    ),
    combinationsEvaluated: evaluated,
  };
}

function explainRejection(
  c: Candidate,
  best: readonly Candidate[],
  evaluate: (combo: readonly Candidate[]) => StepResult[],
): RejectedPromotion {
  const id = c.promo.id;
  const exclusiveChosen = best.find((b) => b.promo.exclusive);
  if (exclusiveChosen)
    return { promotionId: id, reason: 'excluded_by_exclusive', conflictsWith: [exclusiveChosen.promo.id] };
  const clashes = best.filter((b) => conflicts(b.promo, c.promo));
  const context = c.promo.exclusive ? [c] : sortCombo([...best.filter((b) => !clashes.includes(b)), c]);
  const steps = evaluate(context);
  const own = steps[context.indexOf(c)];
  if (own.base < c.required) {
    return {
      promotionId: id,
      reason: 'min_spend_not_met',
      required: c.required,
      shortfall: c.required - own.base,
    };
  }
  if (c.promo.exclusive)
    return { promotionId: id, reason: 'exclusive_saves_less', standaloneSaving: own.saving };
  if (clashes.length > 0)
    return { promotionId: id, reason: 'not_combinable', conflictsWith: clashes.map((b) => b.promo.id) };
  return { promotionId: id, reason: 'no_extra_saving' };
}

function evaluateCombination(amounts: readonly number[], combo: readonly Candidate[]): StepResult[] {
  const current = [...amounts];
  return combo.map((c) => {
    const base = c.lineIdx.reduce((s, i) => s + current[i], 0);
    if (base < c.required || base === 0) return { saving: 0, base };
    const saving = Math.min(benefitFor(c, base), base);
    allocate(current, c.lineIdx, base, saving);
    return { saving, base };
  });
}

function benefitFor(c: Candidate, base: number): number {
  const b = c.promo.benefit;
  if (b.type === 'amount') return b.off;
  if (b.type === 'percent')
    return Math.min(applyBasisPoints(base, c.percentBp), b.cap ?? Number.MAX_SAFE_INTEGER);
  return b.tiers.filter((t) => base >= t.threshold).reduce((m, t) => Math.max(m, t.off), 0);
}

/** Subtracts `discount` from the lines pro rata to their current amounts (largest remainder). */
function allocate(current: number[], lineIdx: readonly number[], base: number, discount: number): void {
  const shares = lineIdx.map((i) => ({
    i,
    share: Math.floor((discount * current[i]) / base),
    rem: (discount * current[i]) % base,
  }));
  let left = discount - shares.reduce((s, x) => s + x.share, 0);
  shares.sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const s of shares) {
    const extra = left > 0 && current[s.i] - s.share > 0 ? 1 : 0;
    left -= extra;
    current[s.i] -= s.share + extra;
  }
}

function conflicts(a: Promotion, b: Promotion): boolean {
  if (a.exclusive || b.exclusive) return true;
  if (a.notCombinableWith?.includes(b.id) || b.notCombinableWith?.includes(a.id)) return true;
  if (a.kind !== b.kind) return false;
  if (a.kind === 'platform_coupon') return true;
  if (a.kind === 'store_coupon') return overlaps(a.storeIds, b.storeIds);
  return overlaps(a.storeIds, b.storeIds) && overlaps(a.categories, b.categories);
}

function overlaps(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return !a || !b || a.some((x) => b.includes(x));
}

function inScope(p: Promotion, line: CartLine): boolean {
  return (
    (!p.storeIds || p.storeIds.includes(line.storeId)) &&
    (!p.categories || p.categories.includes(line.category))
  );
}

function requiredSpend(p: Promotion): number {
  const tierMin = p.benefit.type === 'tiered' ? Math.min(...p.benefit.tiers.map((t) => t.threshold)) : 0;
  return Math.max(p.minSpend ?? 0, tierMin);
}

const sumSavings = (steps: readonly StepResult[]): number => steps.reduce((s, x) => s + x.saving, 0);
const orderKey = (combo: readonly Candidate[]): string =>
  combo
    .map((c) => String(c.index).padStart(3, '0'))
    .sort()
    .join(',');
const sortCombo = (combo: Candidate[]): Candidate[] =>
  combo.sort((a, b) => LAYER[a.promo.kind] - LAYER[b.promo.kind] || a.index - b.index);
