/**
 * Payment failure diagnosis: a gateway failure code (Stripe-like codes and decline codes, Alipay `ACQ.*` and
 * WeChat Pay style codes, or free text such as "余额不足" / "limit exceeded") → a category, whether retrying
 * can help, and what the shopper should do (zh-CN/en/ja).
 *
 * Lookup order: the decline code, then the code, in an exact table (case-insensitive, `ACQ.` prefix, spaces and
 * hyphens ignored); then keyword rules over code and message; otherwise `unknown`. An empty code and message
 * throws `RangeError`.
 */
import { type CalculatorLocale, type LocalizedText, localize } from './common';

export type PaymentFailureCategory =
  | 'limit_exceeded'
  | 'insufficient_funds'
  | 'three_ds_failed'
  | 'card_problem'
  | 'network'
  | 'gateway_error'
  | 'unknown';

/** `immediately`: the same attempt may succeed now; `later`: after a short wait; `after_shopper_action`:
 * once the shopper fixes something; `no`: this payment method will not work. */
export type RetryAdvice = 'immediately' | 'later' | 'after_shopper_action' | 'no';

export type PaymentAdviceKey =
  | 'limit_exceeded'
  | 'insufficient_funds'
  | 'three_ds_failed'
  | 'card_details'
  | 'card_expired'
  | 'card_declined'
  | 'network'
  | 'rate_limited'
  | 'gateway_error'
  | 'unknown';

export interface PaymentFailure {
  readonly code?: string;
  /** Stripe's `decline_code` accompanying `card_declined`. */
  readonly declineCode?: string;
  readonly message?: string;
  readonly gateway?: string;
}

export interface PaymentDiagnosis {
  readonly category: PaymentFailureCategory;
  readonly retry: RetryAdvice;
  readonly retryable: boolean;
  readonly adviceKey: PaymentAdviceKey;
  readonly advice: LocalizedText;
  readonly matchedBy: 'decline_code' | 'code' | 'keyword' | 'none';
  /** The normalized code that was looked up. */
  readonly code: string;
}

type Rule = readonly [PaymentFailureCategory, RetryAdvice, PaymentAdviceKey];
const LIMIT: Rule = ['limit_exceeded', 'after_shopper_action', 'limit_exceeded'];
const FUNDS: Rule = ['insufficient_funds', 'after_shopper_action', 'insufficient_funds'];
const THREE_DS: Rule = ['three_ds_failed', 'after_shopper_action', 'three_ds_failed'];
const DETAILS: Rule = ['card_problem', 'after_shopper_action', 'card_details'];
const EXPIRED: Rule = ['card_problem', 'no', 'card_expired'];
const DECLINED: Rule = ['card_problem', 'no', 'card_declined'];
const NETWORK: Rule = ['network', 'immediately', 'network'];
const BUSY: Rule = ['gateway_error', 'later', 'rate_limited'];
const GATEWAY: Rule = ['gateway_error', 'later', 'gateway_error'];
const UNKNOWN: Rule = ['unknown', 'later', 'unknown'];

const CODES: Readonly<Record<string, Rule>> = {
  // Stripe-like codes and decline codes
  insufficient_funds: FUNDS,
  card_velocity_exceeded: LIMIT,
  withdrawal_count_limit_exceeded: LIMIT,
  amount_too_large: LIMIT,
  limit_exceeded: LIMIT,
  authentication_required: THREE_DS,
  payment_intent_authentication_failure: THREE_DS,
  three_d_secure_failed: THREE_DS,
  incorrect_cvc: DETAILS,
  invalid_cvc: DETAILS,
  incorrect_number: DETAILS,
  invalid_number: DETAILS,
  invalid_expiry_month: DETAILS,
  invalid_expiry_year: DETAILS,
  incorrect_zip: DETAILS,
  expired_card: EXPIRED,
  card_declined: DECLINED,
  generic_decline: DECLINED,
  do_not_honor: DECLINED,
  lost_card: DECLINED,
  stolen_card: DECLINED,
  pickup_card: DECLINED,
  card_not_supported: DECLINED,
  currency_not_supported: DECLINED,
  processing_error: ['gateway_error', 'immediately', 'gateway_error'],
  api_error: GATEWAY,
  rate_limit: BUSY,
  api_connection_error: NETWORK,
  network_error: NETWORK,
  network_timeout: NETWORK,
  timeout: NETWORK,
  gateway_timeout: NETWORK,
  etimedout: NETWORK,
  econnreset: NETWORK,
  econnrefused: NETWORK,
  // Alipay style (ACQ. prefix stripped)
  buyer_balance_not_enough: FUNDS,
  buyer_bankcard_balance_not_enough: FUNDS,
  buyer_payment_amount_day_limit_error: LIMIT,
  buyer_payment_amount_month_limit_error: LIMIT,
  system_error: GATEWAY,
  // WeChat Pay style
  notenough: FUNDS,
  systemerror: GATEWAY,
  bankerror: GATEWAY,
  frequency_limited: BUSY,
  // Chinese texts used as codes
  余额不足: FUNDS,
  超出限额: LIMIT,
  超过限额: LIMIT,
  系统错误: GATEWAY,
  系统繁忙: BUSY,
  网络超时: NETWORK,
};

/** Checked in order against the normalized code and message when the exact table misses. */
const KEYWORDS: readonly (readonly [RegExp, Rule])[] = [
  [/limit|velocity|限额|额度|上限|限度額/, LIMIT],
  [/insufficient|not_?enough|余额不足|残高不足/, FUNDS],
  [/3_?d_?s|3_?d_secure|three_d|authenticat|验证失败|認証/, THREE_DS],
  [/timed?_?out|network|connection|超时|网络|タイムアウト|ネットワーク/, NETWORK],
  [/rate|too_many|frequen|繁忙|频繁/, BUSY],
  [/system|server|internal|unavailable|系统|システム/, GATEWAY],
  [/expired|过期|期限切れ/, EXPIRED],
  [/cvc|cvv|card_number|卡号/, DETAILS],
  [/declin|拒绝|拒付/, DECLINED],
];

const ADVICE: Readonly<Record<CalculatorLocale, Readonly<Record<PaymentAdviceKey, string>>>> = {
  'zh-CN': {
    limit_exceeded: '支付金额超出了卡或账户的限额。请换一种支付方式，或联系发卡行/支付平台提高限额后再试',
    insufficient_funds: '账户余额不足。请充值后重试，或换一张卡/其他支付方式',
    three_ds_failed: '身份验证（3-D Secure）未通过。请重新支付并按银行提示完成验证，如仍失败请联系发卡行',
    card_details: '卡片信息有误（卡号、有效期或安全码）。请核对后重新输入',
    card_expired: '这张卡已过期。请更换有效的银行卡或其他支付方式',
    card_declined: '发卡行拒绝了这笔交易。请换一张卡或其他支付方式，或联系发卡行了解原因',
    network: '网络连接中断或超时。请检查网络后直接重试；订单不会重复扣款',
    rate_limited: '支付系统当前较忙。请稍等一分钟后再试',
    gateway_error: '支付系统暂时出现故障。请稍后再试；若已扣款未成功下单，款项会自动退回',
    unknown: '支付未成功，原因暂不明确。请稍后重试一次；如仍失败，请换一种支付方式或联系客服',
  },
  en: {
    limit_exceeded:
      'The amount exceeds your card or account limit. Use another payment method, or ask your bank to raise the limit and try again',
    insufficient_funds:
      'There are not enough funds. Top up and try again, or use another card or payment method',
    three_ds_failed:
      'The 3-D Secure check failed. Pay again and complete your bank’s verification step; if it keeps failing, contact your bank',
    card_details:
      'Some card details are wrong (number, expiry date or security code). Check them and enter them again',
    card_expired: 'This card has expired. Use a valid card or another payment method',
    card_declined:
      'Your bank declined the payment. Use another card or payment method, or contact your bank for the reason',
    network:
      'The connection dropped or timed out. Check your connection and simply try again; you will not be charged twice',
    rate_limited: 'The payment system is busy right now. Please wait a minute and try again',
    gateway_error:
      'The payment system has a temporary problem. Try again shortly; any amount taken without an order is refunded automatically',
    unknown:
      'The payment did not go through for an unclear reason. Try once more; if it fails again, use another method or contact us',
  },
  ja: {
    limit_exceeded:
      'お支払い金額がカードまたはアカウントの利用限度額を超えています。別のお支払い方法をご利用いただくか、カード会社に限度額の引き上げをご相談ください',
    insufficient_funds:
      '残高が不足しています。チャージ後に再度お試しいただくか、別のカード・お支払い方法をご利用ください',
    three_ds_failed:
      '本人認証（3Dセキュア）に失敗しました。もう一度お支払いいただき、カード会社の認証を完了してください。解決しない場合はカード会社にお問い合わせください',
    card_details:
      'カード情報（番号・有効期限・セキュリティコード）に誤りがあります。ご確認のうえ再入力してください',
    card_expired: 'このカードは有効期限が切れています。有効なカードまたは別のお支払い方法をご利用ください',
    card_declined:
      'カード会社により決済が承認されませんでした。別のカード・お支払い方法をご利用いただくか、カード会社にお問い合わせください',
    network:
      '通信が途切れたかタイムアウトしました。接続をご確認のうえ、そのまま再度お試しください。二重請求にはなりません',
    rate_limited: '決済システムが混み合っています。1分ほどおいてから再度お試しください',
    gateway_error:
      '決済システムで一時的な障害が発生しています。しばらくしてから再度お試しください。注文なしで引き落とされた金額は自動的に返金されます',
    unknown:
      '原因不明のため決済が完了しませんでした。もう一度お試しいただき、再度失敗する場合は別のお支払い方法をご利用いただくかお問い合わせください',
  },
};

export function diagnosePaymentFailure(failure: PaymentFailure | string): PaymentDiagnosis {
  const f: PaymentFailure = typeof failure === 'string' ? { code: failure } : (failure ?? {});
  for (const field of ['code', 'declineCode', 'message'] as const) {
    if (f[field] !== undefined && typeof f[field] !== 'string')
      throw new RangeError(`${field} must be a string`);
  }
  const code = normalize(f.code ?? '');
  const declineCode = normalize(f.declineCode ?? '');
  const message = normalize(f.message ?? '');
  if (!code && !declineCode && !message)
    throw new RangeError('a failure code, decline code or message is required');

  let rule: Rule = UNKNOWN;
  let matchedBy: PaymentDiagnosis['matchedBy'] = 'none';
  if (declineCode && CODES[declineCode]) [rule, matchedBy] = [CODES[declineCode], 'decline_code'];
  else if (code && CODES[code]) [rule, matchedBy] = [CODES[code], 'code'];
  else {
    const haystack = [declineCode, code, message].filter(Boolean).join(' ');
    const hit = KEYWORDS.find(([pattern]) => pattern.test(haystack));
    if (hit) [rule, matchedBy] = [hit[1], 'keyword'];
  }
  const [category, retry, adviceKey] = rule;
  return {
    category,
    retry,
    retryable: retry !== 'no',
    adviceKey,
    advice: localize((l) => ADVICE[l][adviceKey]),
    matchedBy,
    code: declineCode && matchedBy === 'decline_code' ? declineCode : code,
  };
}

function normalize(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/^acq\./, '')
    .replace(/[\s\-.]+/g, '_');
}
