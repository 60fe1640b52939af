import { type CalculatorLocale, type LocalizedText, formatMoney, localize } from './common';
import type { AppliedPromotion, PromotionRejectionReason, RejectedPromotion } from './promotion-stacking';

/** Values substituted into a rejection line; money is already formatted. */
export interface RejectionTextArgs {
  readonly label: string;
  readonly required: string;
  readonly shortfall: string;
  readonly saving: string;
  readonly other: string;
}

export type PromotionTexts = Readonly<
  Record<PromotionRejectionReason, (a: RejectionTextArgs) => string> & {
    applied: (label: string, saving: string) => string;
    summary: (saving: string, total: string) => string;
    separator: string;
    listSeparator: string;
  }
>;

export const PROMOTION_TEXTS: Readonly<Record<CalculatorLocale, PromotionTexts>> = {
  'zh-CN': {
    applied: (label, saving) => `${label} 已用：减${saving}`,
    not_started: (a) => `${a.label}：活动尚未开始`,
    expired: (a) => `${a.label}：已过期`,
    not_applicable: (a) => `${a.label}：购物车中没有适用的商品`,
    min_spend_not_met: (a) => `${a.label}：需满${a.required}，差${a.shortfall}`,
    excluded_by_exclusive: (a) => `${a.label}：不能与独享优惠 ${a.other} 同时使用`,
    exclusive_saves_less: (a) => `${a.label}：独享优惠，单独使用只省${a.saving}，不如当前组合`,
    not_combinable: (a) => `${a.label}：不能与 ${a.other} 同时使用，已选更优惠的`,
    no_extra_saving: (a) => `${a.label}：与当前组合同用不会更省`,
    summary: (saving, total) => `共优惠${saving}，应付${total}`,
    separator: '；',
    listSeparator: '、',
  },
  en: {
    applied: (label, saving) => `${label} applied: ${saving} off`,
    not_started: (a) => `${a.label}: not started yet`,
    expired: (a) => `${a.label}: expired`,
    not_applicable: (a) => `${a.label}: no eligible items in your cart`,
    min_spend_not_met: (a) => `${a.label}: needs a spend of ${a.required}, ${a.shortfall} to go`,
    excluded_by_exclusive: (a) => `${a.label}: cannot be combined with the exclusive offer ${a.other}`,
    exclusive_saves_less: (a) =>
      `${a.label}: exclusive offer, saves only ${a.saving} on its own — the combination saves more`,
    not_combinable: (a) => `${a.label}: cannot be combined with ${a.other}; the better one was used`,
    no_extra_saving: (a) => `${a.label}: would not save more with the current combination`,
    summary: (saving, total) => `You save ${saving}; total to pay ${total}`,
    separator: '; ',
    listSeparator: ', ',
  },
  ja: {
    applied: (label, saving) => `${label} 適用：${saving}引き`,
    not_started: (a) => `${a.label}：まだ開始していません`,
    expired: (a) => `${a.label}：有効期限切れです`,
    not_applicable: (a) => `${a.label}：カート内に対象商品がありません`,
    min_spend_not_met: (a) => `${a.label}：${a.required}以上のご購入が必要です（あと${a.shortfall}）`,
    excluded_by_exclusive: (a) => `${a.label}：単独利用の特典 ${a.other} とは併用できません`,
    exclusive_saves_less: (a) =>
      `${a.label}：単独利用の特典ですが、割引は${a.saving}のみで現在の組み合わせの方がお得です`,
    not_combinable: (a) => `${a.label}：${a.other} とは併用できないため、よりお得な方を適用しました`,
    no_extra_saving: (a) => `${a.label}：現在の組み合わせと併用しても割引は増えません`,
    summary: (saving, total) => `合計${saving}の割引、お支払い${total}`,
    separator: '；',
    listSeparator: '、',
  },
};

/** The shopper-facing explanation: applied promotions, rejected ones with the reason, then the total. */
export function explainPromotions(
  currency: string,
  labels: ReadonlyMap<string, LocalizedText>,
  applied: readonly AppliedPromotion[],
  rejected: readonly RejectedPromotion[],
  saving: number,
  total: number,
): LocalizedText {
  return localize((locale: CalculatorLocale) => {
    const t = PROMOTION_TEXTS[locale];
    const m = (amount: number) => formatMoney(amount, currency);
    const label = (id: string) => labels.get(id)?.[locale] ?? id;
    const parts = [
      ...applied.map((a) => t.applied(label(a.promotionId), m(a.saving))),
      ...rejected.map((r) =>
        t[r.reason]({
          label: label(r.promotionId),
          required: m(r.required ?? 0),
          shortfall: m(r.shortfall ?? 0),
          saving: m(r.standaloneSaving ?? 0),
          other: (r.conflictsWith ?? []).map(label).join(t.listSeparator),
        }),
      ),
      t.summary(m(saving), m(total)),
    ];
    return parts.join(t.separator);
  });
}
