/**
 * Return routing: refuse an item not delivered yet, outside the return window or of a non-returnable
 * category; refund without a return when the item is worth less than the per-currency threshold (strictly
 * below); otherwise issue a return label.
 *
 * The window is inclusive: an item delivered at T with a 7-day window can be returned until T + 7 × 24 h.
 * A currency without a configured threshold always gets a return label (the safe default).
 * Invalid input throws `RangeError`.
 */
import {
  type CalculatorLocale,
  type LocalizedText,
  assertCurrency,
  assertMinorUnits,
  assertNonEmptyString,
  assertValidDate,
  formatMoney,
  localize,
} from './common';

export interface CategoryReturnRule {
  readonly returnable: boolean;
  /** Overrides the default window for this category. */
  readonly windowDays?: number;
}

export interface ReturnPolicy {
  readonly windowDays: number;
  /** Per currency, in minor units: items worth strictly less are refunded without a return. */
  readonly refundWithoutReturnBelow: Readonly<Record<string, number>>;
  readonly categories: Readonly<Record<string, CategoryReturnRule>>;
}

/** About $30 in each currency; underwear and food are not returnable. */
export const DEFAULT_RETURN_POLICY: ReturnPolicy = {
  windowDays: 7,
  refundWithoutReturnBelow: {
    USD: 3000,
    CNY: 20000,
    JPY: 4500,
    EUR: 2800,
    GBP: 2400,
    HKD: 23000,
  },
  categories: {
    underwear: { returnable: false },
    food: { returnable: false },
  },
};

export interface ReturnRequest {
  readonly category: string;
  /** Value of the item being returned, minor units. */
  readonly itemValue: number;
  readonly currency: string;
  /** `null` while the item has not been delivered (nothing to return yet: cancel the order instead). */
  readonly deliveredAt: Date | null;
  readonly now: Date;
  /** Partial overrides of {@link DEFAULT_RETURN_POLICY}; maps are merged key by key. */
  readonly policy?: Partial<ReturnPolicy>;
}

export type ReturnDecision = 'refund_without_return' | 'return_label' | 'refused';
export type ReturnRoutingReason =
  | 'not_delivered'
  | 'below_value_threshold'
  | 'at_or_above_value_threshold'
  | 'no_threshold_for_currency'
  | 'outside_return_window'
  | 'category_not_returnable';

export interface ReturnRouting {
  readonly decision: ReturnDecision;
  readonly reason: ReturnRoutingReason;
  /** Last instant a return is accepted (absent for non-returnable categories). */
  readonly deadline?: Date;
  readonly threshold?: number;
  readonly message: LocalizedText;
}

const DAY_MS = 86_400_000;

interface Texts {
  readonly refund: (value: string, threshold: string) => string;
  readonly label: (deadline: string) => string;
  readonly outsideWindow: (days: number, deadline: string) => string;
  readonly notReturnable: (category: string) => string;
  readonly notDelivered: string;
}

const TEXTS: Readonly<Record<CalculatorLocale, Texts>> = {
  'zh-CN': {
    refund: (v, t) => `商品金额${v}低于${t}，无需寄回，直接为您退款`,
    label: (d) => `已为您生成退货面单，请在${d}前寄回，收到后为您退款`,
    outsideWindow: (n, d) => `很抱歉，已超过${n}天退货期限（截至${d}），无法退货`,
    notReturnable: (c) => `很抱歉，${c}类商品出于卫生或安全原因不支持退货`,
    notDelivered: '订单还没有签收，暂时无法退货；尚未发货的订单可以直接取消',
  },
  en: {
    refund: (v, t) =>
      `The item (${v}) is worth less than ${t}, so no need to send it back — we will refund you directly`,
    label: (d) =>
      `Here is your return label; please send the item back by ${d} and we will refund you once it arrives`,
    outsideWindow: (n, d) =>
      `Sorry, the ${n}-day return window ended on ${d}, so this item can no longer be returned`,
    notReturnable: (c) => `Sorry, ${c} items cannot be returned for hygiene or safety reasons`,
    notDelivered:
      'The order has not been delivered yet, so there is nothing to return; an order that has not shipped can be cancelled instead',
  },
  ja: {
    refund: (v, t) => `商品代金${v}が${t}未満のため、返送不要でそのまま返金いたします`,
    label: (d) => `返品ラベルを発行しました。${d}までにご返送ください。到着後に返金いたします`,
    outsideWindow: (n, d) =>
      `申し訳ございません。返品期限（${n}日間、${d}まで）を過ぎているため返品できません`,
    notReturnable: (c) => `申し訳ございません。${c}カテゴリの商品は衛生上・安全上の理由により返品できません`,
    notDelivered:
      'ご注文はまだお届けが完了していないため、返品はお受けできません。未発送のご注文はキャンセルが可能です',
  },
};

export function routeReturn(request: ReturnRequest): ReturnRouting {
  const policy = mergePolicy(request?.policy);
  const { category, itemValue, currency, deliveredAt, now } = request;
  assertNonEmptyString(category, 'category');
  assertMinorUnits(itemValue, 'itemValue');
  assertCurrency(currency);
  if (deliveredAt !== null) assertValidDate(deliveredAt, 'deliveredAt');
  assertValidDate(now, 'now');
  if (deliveredAt === null) {
    return {
      decision: 'refused',
      reason: 'not_delivered',
      message: localize((l) => TEXTS[l].notDelivered),
    };
  }
  if (deliveredAt > now) throw new RangeError('deliveredAt must not be in the future');

  const rule = policy.categories[category];
  if (rule && !rule.returnable) {
    return {
      decision: 'refused',
      reason: 'category_not_returnable',
      message: localize((l) => TEXTS[l].notReturnable(category)),
    };
  }
  const windowDays = rule?.windowDays ?? policy.windowDays;
  const deadline = new Date(deliveredAt.getTime() + windowDays * DAY_MS);
  const day = deadline.toISOString().slice(0, 10);
  if (now > deadline) {
    return {
      decision: 'refused',
      reason: 'outside_return_window',
      deadline,
      message: localize((l) => TEXTS[l].outsideWindow(windowDays, day)),
    };
  }
  const threshold = policy.refundWithoutReturnBelow[currency];
  if (threshold === undefined) {
    return {
      decision: 'return_label',
      reason: 'no_threshold_for_currency',
      deadline,
      message: localize((l) => TEXTS[l].label(day)),
    };
  }
  if (itemValue < threshold) {
    return {
      decision: 'refund_without_return',
      reason: 'below_value_threshold',
      deadline,
      threshold,
      message: localize((l) =>
        TEXTS[l].refund(formatMoney(itemValue, currency), formatMoney(threshold, currency)),
      ),
    };
  }
  return {
    decision: 'return_label',
    reason: 'at_or_above_value_threshold',
    deadline,
    threshold,
    message: localize((l) => TEXTS[l].label(day)),
  };
}

function mergePolicy(overrides: Partial<ReturnPolicy> | undefined): ReturnPolicy {
  const policy: ReturnPolicy = {
    windowDays: overrides?.windowDays ?? DEFAULT_RETURN_POLICY.windowDays,
    refundWithoutReturnBelow: {
      ...DEFAULT_RETURN_POLICY.refundWithoutReturnBelow,
      ...overrides?.refundWithoutReturnBelow,
    },
    categories: { ...DEFAULT_RETURN_POLICY.categories, ...overrides?.categories },
  };
  assertDays(policy.windowDays, 'policy.windowDays');
  for (const [currency, amount] of Object.entries(policy.refundWithoutReturnBelow)) {
    assertCurrency(currency, `policy.refundWithoutReturnBelow key "${currency}"`);
    assertMinorUnits(amount, `policy.refundWithoutReturnBelow.${currency}`);
  }
  for (const [category, rule] of Object.entries(policy.categories)) {
    if (typeof rule?.returnable !== 'boolean')
      throw new RangeError(`policy.categories.${category}.returnable must be a boolean`);
    if (rule.windowDays !== undefined)
      assertDays(rule.windowDays, `policy.categories.${category}.windowDays`);
  }
  return policy;
}

function assertDays(value: unknown, field: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 3650) {
    throw new RangeError(`${field} must be a whole number of days between 0 and 3650, got ${String(value)}`);
  }
}
