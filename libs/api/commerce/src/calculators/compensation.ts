/**
 * Compensation by customer tier and issue severity, within caps.
 *
 * amount = order value × severity % × tier multiplier (or the agent's requested amount), then clamped to the
 * tier's cap: the lower of `maxPercentOfOrder` of the order value and `maxAmount[currency]`. The offer is
 * never above the cap. An agent must approve when the severity requires it, when the amount exceeds the
 * currency's auto-approve limit (or none is configured), or when there is nothing to offer.
 * Invalid input — including a currency without an absolute cap for the tier — throws `RangeError`.
 */
import {
  type CalculatorLocale,
  type LocalizedText,
  applyBasisPoints,
  assertCurrency,
  assertMinorUnits,
  formatMoney,
  localize,
  percentToBasisPoints,
} from './common';

export const CUSTOMER_TIERS = ['regular', 'silver', 'gold', 'vip'] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];
export const ISSUE_SEVERITIES = ['minor', 'moderate', 'severe'] as const;
export type IssueSeverity = (typeof ISSUE_SEVERITIES)[number];
export type CompensationKind = 'coupon' | 'refund';
export type ApprovalReason =
  'severity' | 'above_auto_approve_limit' | 'no_auto_approve_limit' | 'nothing_to_offer';

export interface TierCap {
  /** Percentage of the order value, 0..100. */
  readonly maxPercentOfOrder: number;
  /** Absolute cap per currency, minor units. */
  readonly maxAmount: Readonly<Record<string, number>>;
}

export interface CompensationPolicy {
  /** Percentage of the order value offered per severity, before the tier multiplier. */
  readonly percentBySeverity: Readonly<Record<IssueSeverity, number>>;
  /** Factor applied per tier (1 = none, 1.5 = +50 %). */
  readonly tierMultiplier: Readonly<Record<CustomerTier, number>>;
  readonly caps: Readonly<Record<CustomerTier, TierCap>>;
  readonly kindBySeverity: Readonly<Record<IssueSeverity, CompensationKind>>;
  readonly approvalSeverities: readonly IssueSeverity[];
  /** Per currency, minor units: offers above this need an agent's approval. */
  readonly autoApproveUpTo: Readonly<Record<string, number>>;
}

const cap = (maxPercentOfOrder: number, usd: number): TierCap => ({
  maxPercentOfOrder,
  maxAmount: {
    USD: usd,
    EUR: usd,
    GBP: Math.round(usd * 0.8),
    CNY: usd * 7,
    HKD: usd * 8,
    JPY: Math.round(usd * 1.5),
  },
});

export const DEFAULT_COMPENSATION_POLICY: CompensationPolicy = {
  percentBySeverity: { minor: 5, moderate: 10, severe: 20 },
  tierMultiplier: { regular: 1, silver: 1.2, gold: 1.5, vip: 2 },
  caps: { regular: cap(10, 1000), silver: cap(15, 2000), gold: cap(20, 3500), vip: cap(30, 5000) },
  kindBySeverity: { minor: 'coupon', moderate: 'coupon', severe: 'refund' },
  approvalSeverities: ['severe'],
  autoApproveUpTo: { USD: 1500, EUR: 1500, GBP: 1200, CNY: 10000, HKD: 12000, JPY: 2000 },
};

export interface CompensationRequest {
  readonly tier: CustomerTier;
  readonly severity: IssueSeverity;
  /** Order value, minor units. */
  readonly orderValue: number;
  readonly currency: string;
  /** An amount proposed by an agent; still clamped to the cap. */
  readonly requestedAmount?: number;
  readonly policy?: CompensationPolicy;
}

export interface CompensationOffer {
  readonly kind: CompensationKind;
  readonly amount: number;
  readonly currency: string;
  /** The cap that applied (minor units) and whether the amount was clamped to it. */
  readonly cap: number;
  readonly capped: boolean;
  readonly requiresApproval: boolean;
  readonly approvalReasons: readonly ApprovalReason[];
  readonly message: LocalizedText;
}

const TEXTS: Readonly<
  Record<
    CalculatorLocale,
    { coupon: (a: string) => string; refund: (a: string) => string; approval: string; nothing: string }
  >
> = {
  'zh-CN': {
    coupon: (a) => `非常抱歉给您带来不便，为表歉意送您一张${a}的优惠券`,
    refund: (a) => `非常抱歉给您带来不便，我们将为您退款${a}作为补偿`,
    approval: '（需主管确认后发放）',
    nothing: '非常抱歉给您带来不便，补偿方案需由客服为您确认',
  },
  en: {
    coupon: (a) => `We are sorry for the trouble; please accept a ${a} coupon`,
    refund: (a) => `We are sorry for the trouble; we will refund ${a} as compensation`,
    approval: ' (subject to a supervisor’s approval)',
    nothing: 'We are sorry for the trouble; an agent will confirm your compensation',
  },
  ja: {
    coupon: (a) => `ご不便をおかけし申し訳ございません。お詫びとして${a}のクーポンをお贈りします`,
    refund: (a) => `ご不便をおかけし申し訳ございません。補償として${a}を返金いたします`,
    approval: '（責任者の承認後のご提供となります）',
    nothing: 'ご不便をおかけし申し訳ございません。補償内容は担当者よりご案内いたします',
  },
};

export function calculateCompensation(request: CompensationRequest): CompensationOffer {
  const policy = request?.policy ?? DEFAULT_COMPENSATION_POLICY;
  const { tier, severity, orderValue, currency, requestedAmount } = request;
  if (!CUSTOMER_TIERS.includes(tier))
    throw new RangeError(`tier must be one of ${CUSTOMER_TIERS.join(', ')}, got ${String(tier)}`);
  if (!ISSUE_SEVERITIES.includes(severity)) {
    throw new RangeError(`severity must be one of ${ISSUE_SEVERITIES.join(', ')}, got ${String(severity)}`);
  }
  assertMinorUnits(orderValue, 'orderValue');
  assertCurrency(currency);
  if (requestedAmount !== undefined) assertMinorUnits(requestedAmount, 'requestedAmount');

  const tierCap = policy.caps[tier];
  const absoluteCap = tierCap?.maxAmount[currency];
  if (absoluteCap === undefined)
    throw new RangeError(`no compensation cap configured for tier ${tier} in ${currency}`);
  assertMinorUnits(absoluteCap, `policy.caps.${tier}.maxAmount.${currency}`);
  const percentCap = applyBasisPoints(
    orderValue,
    percentToBasisPoints(tierCap.maxPercentOfOrder, `policy.caps.${tier}.maxPercentOfOrder`, true),
  );
  const limit = Math.min(absoluteCap, percentCap);

  const multiplier = policy.tierMultiplier[tier];
  if (typeof multiplier !== 'number' || !Number.isFinite(multiplier) || multiplier <= 0 || multiplier > 10) {
    throw new RangeError(`policy.tierMultiplier.${tier} must be a number in (0, 10]`);
  }
  const severityBp = percentToBasisPoints(
    policy.percentBySeverity[severity],
    `policy.percentBySeverity.${severity}`,
    true,
  );
  const computed = applyBasisPoints(
    applyBasisPoints(orderValue, severityBp),
    Math.round(multiplier * 10_000),
  );
  const raw = requestedAmount ?? computed;
  const amount = Math.min(raw, limit);

  const approvalReasons: ApprovalReason[] = [];
  if (policy.approvalSeverities.includes(severity)) approvalReasons.push('severity');
  const autoLimit = policy.autoApproveUpTo[currency];
  if (autoLimit === undefined) approvalReasons.push('no_auto_approve_limit');
  else if (amount > autoLimit) approvalReasons.push('above_auto_approve_limit');
  if (amount === 0) approvalReasons.push('nothing_to_offer');

  const kind = policy.kindBySeverity[severity];
  const requiresApproval = approvalReasons.length > 0;
  const message = localize((l) => {
    const t = TEXTS[l];
    if (amount === 0) return t.nothing;
    return t[kind](formatMoney(amount, currency)) + (requiresApproval ? t.approval : '');
  });
  return {
    kind,
    amount,
    currency,
    cap: limit,
    capped: raw > limit,
    requiresApproval,
    approvalReasons,
    message,
  };
}
