/**
 * The small vocabularies the dialogue engine reads outside the language engine: yes/no, "cancel",
 * references to an earlier order or product ("我上周买的", "那个", "it"), ordinal choices, and the
 * names it shows (colours, order and shipment statuses) in the shopper's language.
 */
import type { NluLanguage } from '@kefu/shared/contracts';
import type { TemplateLocale } from '../templates/template.schemas';

export type Lang = 'zh' | 'en' | 'ja';

export function langOf(locale: TemplateLocale): Lang {
  return locale === 'zh-CN' ? 'zh' : locale;
}

export function localeOf(lang: Lang): TemplateLocale {
  return lang === 'zh' ? 'zh-CN' : lang;
}

/**
 * Whether a message says anything in words once its identifiers (order numbers, e-mails, phone
 * numbers) are taken out: "KF102481" or "5963" has no language and no intent of its own.
 */
export function hasWords(text: string, entities: readonly { start: number; end: number; type: string }[]): boolean {
  let rest = '';
  let at = 0;
  for (const e of [...entities].sort((a, b) => a.start - b.start)) {
    if (['order_number', 'tracking_number', 'email', 'phone', 'phone_tail'].includes(e.type) && e.start >= at) {
      rest += text.slice(at, e.start);
      at = e.end;
    }
  }
  rest += text.slice(at);
  const letters = rest.match(/\p{L}/gu)?.length ?? 0;
  return /[\u3040-\u30ff\u3400-\u9fff]/u.test(rest) ? letters >= 1 : letters >= 2;
}

/** The template locale for a message: its detected language, else the conversation's, else the channel's locale. */
export function pickLang(detected: NluLanguage, remembered: Lang | undefined, channelLocale: string | null): Lang {
  if (detected !== 'und') return detected;
  if (remembered) return remembered;
  const l = (channelLocale ?? '').toLowerCase();
  if (l.startsWith('zh')) return 'zh';
  if (l.startsWith('ja')) return 'ja';
  return l.startsWith('en') ? 'en' : 'zh';
}

/** The region for templates, formats and time zone: from a locale like `zh-CN` or `en-US`, else by language. */
export function regionOf(channelLocale: string | null, lang: Lang): string | null {
  const m = /^[a-z]{2,3}[-_]([A-Za-z]{2})\b/.exec(channelLocale ?? '');
  if (m) return m[1].toUpperCase();
  return lang === 'zh' ? 'CN' : lang === 'ja' ? 'JP' : null;
}

export const TIMEZONES: Record<string, string> = {
  CN: 'Asia/Shanghai',
  HK: 'Asia/Hong_Kong',
  TW: 'Asia/Taipei',
  JP: 'Asia/Tokyo',
  US: 'America/New_York',
  GB: 'Europe/London',
  SG: 'Asia/Singapore',
};

const strip = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s,.!?~。，！？、…～—\-'"“”‘’()（）]+/g, '');

const YES = new Set([
  '是', '是的', '对', '对的', '对啊', '嗯', '嗯嗯', '好', '好的', '好滴', '可以', '行', '确认', '确定', '没错', '要', '需要', '是啊', '好啊', '麻烦了', '确认取消', '确定取消',
  'yes', 'y', 'yeah', 'yep', 'yup', 'sure', 'ok', 'okay', 'correct', 'right', 'please', 'yesplease', 'confirm', 'doit', 'goahead', 'thatsright', 'absolutely',
  'はい', 'ええ', 'うん', 'そうです', 'お願いします', 'おねがいします', 'はいお願いします', 'いいです', '大丈夫です', 'それで', 'そう', 'はいそうです', '確認', 'ok です',
  'confirm:yes',
]);
const NO = new Set([
  '不', '不是', '不对', '不要', '不用', '不用了', '不需要', '没有', '否', '算了', '不是的', '错了', '别', '先不要', '不了',
  'no', 'n', 'nope', 'nah', 'notreally', 'wrong', 'dont', 'nothanks', 'no thanks', 'notnow', 'cancel',
  'いいえ', 'いえ', 'ちがいます', '違います', '違う', 'いらない', '結構です', 'けっこうです', 'やめます', 'いいえ結構です',
  'confirm:no',
]);

/** A yes/no answer to a confirmation, or null when the message is something else. */
export function yesNo(text: string): boolean | null {
  const t = strip(text);
  if (!t || t.length > 12) return null;
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  // "いえ、やっぱり結構です" / "好的,谢谢" start with the answer; "好吧,那我再等等" does not.
  const raw = text.trim();
  if (/^(是的|是|对的|对|好的|嗯+|可以|确认|确定|yes|yeah|yep|sure|ok|okay|はい|お願いします)(?:[\s,，、.。!！~]|$)/i.test(raw)) return true;
  if (/^(不是|不用|不要|不对|不了|不需要|算了|no|nope|nah|いいえ|いえ|違います|結構です|けっこうです)(?:[\s,，、.。!！~]|$)/i.test(raw)) return false;
  return null;
}

const CANCEL_RE =
  /^(算了|算了吧|不用了|不要了|取消吧?|不办了|先不了|不弄了|没事了|没事|不查了|不换了|不退了|cancel|cancelthat|nevermind|forgetit|stop|nothing|nvm|never mind|やめます|やめて|キャンセル|もういいです|大丈夫です|結構です)$/;

/** "算了" / "never mind" on its own: drop the current topic. ("取消订单" is an intent, not this.) */
export function isCancel(text: string): boolean {
  return CANCEL_RE.test(strip(text)) || text.trim() === 'cancel';
}

/** "那个" / "it" / "this one": the last product or order talked about. */
const THIS_RE = /(这个|那个|这件|那件|这款|那款|这双|那双|它|this one|that one|\bit\b|\bthis\b|\bthat\b|これ|それ|あれ|この商品|その商品)/i;
export function refersBack(text: string): boolean {
  return THIS_RE.test(text);
}

const ORDER_REF_RE = /(买的|下的单|订单|单子|order|bought|purchased|ordered|注文|買った|購入)/i;
/** "我上周买的", "the order from yesterday": refers to an order (used with a date entity). */
export function refersToPurchase(text: string): boolean {
  return ORDER_REF_RE.test(text);
}

const ORDINALS: [RegExp, number][] = [
  [/(第一个|第一|^1$|①|\bfirst\b|\b1st\b|最初|一つ目|1つ目|一番目|一番上)/i, 0],
  [/(第二个|第二|^2$|②|\bsecond\b|\b2nd\b|二つ目|2つ目|二番目)/i, 1],
  [/(第三个|第三|^3$|③|\bthird\b|\b3rd\b|三つ目|3つ目|三番目)/i, 2],
  [/(最后一个|\blast one\b|最後)/i, -1],
];
/** "第二个" / "ok and the first one?" / "2": an index into choices offered (-1 the last), or null. */
export function ordinal(text: string): number | null {
  const t = text.trim();
  if (t.length > 30) return null;
  for (const [re, i] of ORDINALS) if (re.test(t)) return i;
  return null;
}

/** "不对,是S码" / "no, I meant L" / "いえ、Lです": a correction of what was said before. */
export function isCorrection(text: string): boolean {
  return /^(不对|不是|错了|搞错|我说错|更正|no[,，\s]|nope|sorry,? i meant|i meant|actually|いえ|いいえ|違います|ではなく|間違)/i.test(text.trim());
}

/** "多少钱" / "how much" / "いくら": a price question. */
export function asksPrice(text: string): boolean {
  return /(多少钱|价格|价钱|几块|什么价|how much|price|cost|いくら|値段|価格)/i.test(text);
}

/** A reason given with the request itself ("退货,尺码不合适", "the screen keeps freezing"). */
const REASON_RE =
  /(因为|由于|不合适|太大|太小|偏大|偏小|质量|瑕疵|破了|坏了|开胶|掉色|起球|有问题|不喜欢|发错|少发|漏发|不想要|买错|怪味|异味|有味|臭|\bbecause\b|\bsince\b|broken|broke|(do|does)n'?t fit|(do|does) not fit|not fit|too (small|big|large|tight|loose)|damaged|defect|faulty|freez|stopped working|wrong (size|item|colou?r)|changed my mind|don'?t (like|need)|合わない|大きすぎ|小さすぎ|壊れ|不良|傷|汚れ|間違|イメージと違)/i;
export function reasonIn(text: string): boolean {
  return REASON_RE.test(text);
}

export const COLOUR_NAMES: Record<string, Record<Lang, string>> = {
  black: { zh: '黑色', en: 'black', ja: 'ブラック' },
  white: { zh: '白色', en: 'white', ja: 'ホワイト' },
  navy: { zh: '藏青色', en: 'navy', ja: 'ネイビー' },
  grey: { zh: '灰色', en: 'grey', ja: 'グレー' },
  gray: { zh: '灰色', en: 'grey', ja: 'グレー' },
  red: { zh: '红色', en: 'red', ja: 'レッド' },
  beige: { zh: '米色', en: 'beige', ja: 'ベージュ' },
  brown: { zh: '棕色', en: 'brown', ja: 'ブラウン' },
  silver: { zh: '银色', en: 'silver', ja: 'シルバー' },
  blue: { zh: '蓝色', en: 'blue', ja: 'ブルー' },
  green: { zh: '绿色', en: 'green', ja: 'グリーン' },
  pink: { zh: '粉色', en: 'pink', ja: 'ピンク' },
  yellow: { zh: '黄色', en: 'yellow', ja: 'イエロー' },
  purple: { zh: '紫色', en: 'purple', ja: 'パープル' },
  orange: { zh: '橙色', en: 'orange', ja: 'オレンジ' },
  gold: { zh: '金色', en: 'gold', ja: 'ゴールド' },
};

export function colourName(colour: string, lang: Lang): string {
  return COLOUR_NAMES[colour.toLowerCase()]?.[lang] ?? colour;
}

/** "黑色 / M" for the shopper: colour, size and storage of a variant, localised. */
export function variantLabel(v: { colour?: string | null; size?: string | null; storage?: string | null }, lang: Lang): string {
  const parts = [v.colour ? colourName(v.colour, lang) : null, v.size ?? null, v.storage ?? null].filter(Boolean);
  return parts.join(lang === 'en' ? ', ' : ' / ');
}

const ORDER_STATUS: Record<string, Record<Lang, string>> = {
  pending_payment: { zh: '待付款', en: 'Awaiting payment', ja: 'お支払い待ち' },
  unpaid: { zh: '待付款', en: 'Awaiting payment', ja: 'お支払い待ち' },
  paid: { zh: '已付款', en: 'Paid', ja: '支払い済み' },
  packed: { zh: '已打包', en: 'Packed', ja: '梱包済み' },
  shipped: { zh: '已发货', en: 'Shipped', ja: '発送済み' },
  in_transit: { zh: '运输中', en: 'In transit', ja: '配送中' },
  out_for_delivery: { zh: '派送中', en: 'Out for delivery', ja: '配達中' },
  delayed: { zh: '延误', en: 'Delayed', ja: '遅延' },
  exception: { zh: '异常', en: 'Exception', ja: '配送トラブル' },
  delivered: { zh: '已签收', en: 'Delivered', ja: '配達済み' },
  completed: { zh: '已完成', en: 'Completed', ja: '完了' },
  cancelled: { zh: '已取消', en: 'Cancelled', ja: 'キャンセル済み' },
  returned: { zh: '已退货', en: 'Returned', ja: '返品済み' },
  refunded: { zh: '已退款', en: 'Refunded', ja: '返金済み' },
  pending: { zh: '待发货', en: 'Awaiting dispatch', ja: '発送準備中' },
  processing: { zh: '备货中', en: 'Being prepared', ja: '発送準備中' },
  requested: { zh: '已申请', en: 'Requested', ja: '申請済み' },
  approved: { zh: '已同意', en: 'Approved', ja: '承認済み' },
  label_issued: { zh: '待寄回(已发退货面单)', en: 'Waiting for the item (label issued)', ja: '返送待ち(返送ラベル発行済み)' },
  received: { zh: '仓库已收货', en: 'Item received', ja: '倉庫で受領済み' },
  rejected: { zh: '未通过', en: 'Rejected', ja: '却下' },
};

const EVENTS: Record<string, Record<Lang, string>> = {
  order_received: { zh: '订单已接收', en: 'order received', ja: 'ご注文受付' },
  packed: { zh: '已打包待揽收', en: 'packed, waiting for pick-up', ja: '梱包完了' },
  picked_up: { zh: '快递已揽收', en: 'picked up by the carrier', ja: '集荷済み' },
  in_transit: { zh: '运输中', en: 'in transit', ja: '輸送中' },
  weather_delay: { zh: '受天气影响延误', en: 'delayed by weather', ja: '天候による遅延' },
  delivered: { zh: '已签收', en: 'delivered', ja: '配達完了' },
  returned_to_sender: { zh: '已退回', en: 'returned to sender', ja: '返送済み' },
  address_unreachable: { zh: '地址无法送达', en: 'address could not be reached', ja: '住所に配達できませんでした' },
};

/** A shipment event for the shopper: "上海 运输中" / "in transit (Shanghai)". */
export function eventLabel(e: { code: string; status: string; location: string | null }, lang: Lang): string {
  const what = EVENTS[e.code]?.[lang] ?? statusLabel(e.status, lang);
  if (!e.location) return what;
  return lang === 'en' ? `${what} (${e.location})` : `${e.location} ${what}`;
}

const EXCEPTIONS: Record<string, Record<Lang, string>> = {
  weather: { zh: '天气原因延误', en: 'delayed by severe weather', ja: '悪天候による遅延' },
  address_unreachable: { zh: '收货地址无法送达', en: 'the address could not be reached', ja: 'お届け先に配達できませんでした' },
};
export function exceptionLabel(reason: string | null, lang: Lang): string {
  const fallback = { zh: '运输异常', en: 'a delivery problem', ja: '配送トラブル' }[lang];
  return (reason && EXCEPTIONS[reason]?.[lang]) || fallback;
}

export function statusLabel(status: string, lang: Lang): string {
  return ORDER_STATUS[status]?.[lang] ?? status;
}

const CARRIERS: Record<string, Record<Lang, string>> = {
  'SF Express': { zh: '顺丰速运', en: 'SF Express', ja: 'SFエクスプレス' },
  'YTO Express': { zh: '圆通速递', en: 'YTO Express', ja: 'YTOエクスプレス' },
  'JD Logistics': { zh: '京东物流', en: 'JD Logistics', ja: 'JDロジスティクス' },
  Yamato: { zh: '雅玛多', en: 'Yamato Transport', ja: 'ヤマト運輸' },
  UPS: { zh: 'UPS', en: 'UPS', ja: 'UPS' },
};
export function carrierName(carrier: string, lang: Lang): string {
  return CARRIERS[carrier]?.[lang] ?? carrier;
}
