import type { NluEntity, NluResult } from '@kefu/shared/contracts';
import type { Awaiting, SlotValue } from '../state/slots';

/** Slot names the handlers use. */
export type SlotName =
  | 'order_number'
  | 'tracking_number'
  | 'phone_tail'
  | 'email'
  | 'colour'
  | 'size'
  | 'storage'
  | 'quantity'
  | 'height_cm'
  | 'weight_kg'
  | 'product_query'
  | 'date_from'
  | 'date_to'
  | 'money'
  | 'reason';

export type ExtractedSlots = Partial<Record<SlotName, SlotValue>>;

const first = (entities: NluEntity[], type: NluEntity['type']) => entities.find((e) => e.type === type);

const JA_COLOURS: Record<string, string> = {
  黒: 'black', ブラック: 'black', 白: 'white', ホワイト: 'white', 赤: 'red', レッド: 'red', 青: 'blue', ブルー: 'blue',
  紺: 'navy', ネイビー: 'navy', 灰: 'grey', グレー: 'grey', 茶: 'brown', ブラウン: 'brown', 緑: 'green', グリーン: 'green',
  ピンク: 'pink', ベージュ: 'beige', シルバー: 'silver',
};

/** An order number typed on its own, e.g. "KF100123" or "100123" while the bot asked for one. */
const BARE_ORDER_RE = /^[#＃\s]*([A-Za-z]{0,4}\d{5,20})[\s.。!！]*$/;
const FOUR_DIGITS_RE = /(?:^|\D)(\d{4})(?:\D|$)/;

/**
 * The slots one message fills, from the language engine's entities (several at once: "黑色,256G"
 * gives colour and storage) plus what only makes sense as an answer to the question the bot asked
 * (four bare digits answer "the last four digits of your phone", a bare number answers "your order number").
 */
export function extractSlots(text: string, nlu: NluResult, awaiting: Awaiting, sizing = false): ExtractedSlots {
  const e = nlu.entities;
  const out: ExtractedSlots = {};
  const order = first(e, 'order_number');
  if (order) out.order_number = order.value.toUpperCase();
  const tracking = first(e, 'tracking_number');
  if (tracking) out.tracking_number = tracking.value.toUpperCase();
  const email = first(e, 'email');
  if (email) out.email = email.value.toLowerCase();
  const tail = first(e, 'phone_tail');
  const phone = first(e, 'phone');
  if (tail) out.phone_tail = tail.value;
  else if (phone) out.phone_tail = phone.value.replace(/\D/g, '').slice(-4);
  const colour = first(e, 'color');
  if (colour) out.colour = colour.value.toLowerCase();
  const size = first(e, 'size');
  if (size) out.size = size.value.toUpperCase();
  const storage = first(e, 'storage');
  if (storage) out.storage = storage.value.toUpperCase();
  const quantity = first(e, 'quantity');
  if (quantity && Number.isFinite(Number(quantity.value))) out.quantity = Number(quantity.value);
  const height = first(e, 'height');
  if (height && Number.isFinite(Number(height.value))) out.height_cm = Number(height.value);
  const weight = first(e, 'weight');
  if (weight && Number.isFinite(Number(weight.value))) out.weight_kg = Number(weight.value);
  const product = first(e, 'product') ?? first(e, 'brand');
  if (product) out.product_query = product.text;
  const date = first(e, 'date');
  if (date) {
    out.date_from = String(date.meta?.['from'] ?? date.value);
    out.date_to = String(date.meta?.['to'] ?? date.value);
  }
  const money = first(e, 'money');
  if (money && typeof money.meta?.['amount'] === 'number') out.money = money.meta['amount'] as number;

  const t = text.trim();
  if (awaiting === 'order_number' && !out.order_number) {
    const m = BARE_ORDER_RE.exec(t);
    if (m) out.order_number = m[1].toUpperCase();
  }
  if (awaiting === 'phone_tail' && !out.phone_tail && !out.email) {
    const m = FOUR_DIGITS_RE.exec(t);
    if (m && t.replace(/\D/g, '').length <= 11) out.phone_tail = m[1];
  }
  // "白はありますか" / "黒のM": one-character colours the entity extractor leaves alone (明白 is not white).
  if (!out.colour && sizing) {
    const m = /(黒|白|赤|青|紺|灰|茶|緑|ピンク|グレー|ネイビー|ベージュ|ブラウン|シルバー|ホワイト|ブラック|レッド|ブルー|グリーン)(?:色)?(?=は|の|が|で|を|も|あり|って|$|[?？、,])/.exec(t);
    if (m) out.colour = JA_COLOURS[m[1]];
  }
  // In a talk about sizes, a bare "M" or "xl" in a short message is a size ("navy, M").
  if (!out.size && (sizing || awaiting === 'size') && t.length <= 24) {
    const m = /(?:^|[\s,，、/])(XXS|XS|S|M|L|XL|XXL|XXXL|2XL|3XL)(?=$|[\s,，、/.!?？!码號号サイズ])/.exec(t) ?? /(?:^|[\s,，、/])(xxs|xs|xl|xxl|xxxl)(?=$|[\s,，、/.!?？!])/i.exec(t);
    if (m) out.size = m[1].toUpperCase();
  }
  // "I normally wear a 42", "平时穿42的", "普段は42です".
  if (!out.size) {
    const m = /(?:wear|wearing|穿|履いて|普段は?)\D{0,8}?(3[4-9]|4[0-8])(?:\.5)?(?!\d)/i.exec(t);
    if (m) out.size = m[1];
  }
  if (!out.size && (sizing || awaiting === 'size') && t.length <= 48) {
    const m = /(?<![\d.])(3[4-9]|4[0-8])(?:\.5)?(?![\d.])(?!\s*(件|个|元|块|cm|kg|斤|岁|天|日|円|%|歳|分|号店))/i.exec(t);
    if (m) out.size = m[1];
  }
  // "那43呢" / "43的呢" / "42は?": a shoe size on its own in a follow-up.
  if (!out.size) {
    const m = /^(?:那|and|what about)?\s*(3[4-9]|4[0-8])(?:\.5)?\s*(?:码|號|号|サイズ|size)?\s*(?:的)?\s*(?:呢|は|吗)?\s*[?？]?$/i.exec(t);
    if (m || (awaiting === 'size' && /^(3[4-9]|4[0-8])(\.5)?$/.test(t))) out.size = (m ? t.match(/\d{2}(?:\.5)?/)?.[0] : t) as string;
  }
  // "2つ目" / "第二个" chooses from a list; it is not a quantity.
  if (out.quantity !== undefined && /^(第.|.つ目|\d+(st|nd|rd|th)|the (first|second|third))/i.test(t)) delete out.quantity;
  if (awaiting === 'reason' && t.length >= 2) out.reason = t.slice(0, 200);
  // A phone tail is also a bare 4-digit number, not an order number.
  return out;
}
