/**
 * Generated knowledge bases for the latency bench: product-specific FAQ articles in zh-CN, en and ja
 * (warranty, washing, sizing, charging, returns, stock, materials, ... per product), the way a shop
 * with a large catalogue grows its knowledge base. Deterministic for a seed.
 */

export interface GeneratedArticle {
  externalKey: string;
  title: string;
  questions: string[];
  answer: string;
  locale: string;
  productIds: string[];
  tags: string[];
}

type Locale = 'zh-CN' | 'en' | 'ja';
type Template = { tag: string; title: string; questions: string[]; answer: string };

const BRANDS = {
  'zh-CN': ['星辰', '云朵', '极光', '北极', '山海', '青木', '晨曦', '远航', '松果', '白鹭', '星河', '麦田', '溪流', '南风', '雪松', '橙子'],
  en: ['Stellar', 'Cloudy', 'Aurora', 'Polar', 'Summit', 'Greenwood', 'Dawn', 'Voyager', 'Pinecone', 'Egret', 'Galaxy', 'Meadow', 'Brook', 'Southwind', 'Cedar', 'Orange'],
  ja: ['ステラ', 'クラウディ', 'オーロラ', 'ポーラー', 'サミット', 'グリーンウッド', 'ドーン', 'ボイジャー', 'パインコーン', 'イーグレット', 'ギャラクシー', 'メドウ', 'ブルック', 'サウスウィンド', 'シダー', 'オレンジ'],
};
const TYPES = {
  'zh-CN': ['蓝牙耳机', '运动鞋', '羽绒服', '保温杯', '电动牙刷', '行李箱', '瑜伽垫', '智能手表', '双肩包', '连衣裙', '空气炸锅', '台灯', '机械键盘', '充电宝', '牛仔裤', '床上四件套'],
  en: ['wireless earbuds', 'running shoes', 'down jacket', 'travel mug', 'electric toothbrush', 'suitcase', 'yoga mat', 'smartwatch', 'backpack', 'summer dress', 'air fryer', 'desk lamp', 'mechanical keyboard', 'power bank', 'jeans', 'bedding set'],
  ja: ['ワイヤレスイヤホン', 'ランニングシューズ', 'ダウンジャケット', 'タンブラー', '電動歯ブラシ', 'スーツケース', 'ヨガマット', 'スマートウォッチ', 'リュック', 'ワンピース', 'ノンフライヤー', 'デスクライト', 'メカニカルキーボード', 'モバイルバッテリー', 'ジーンズ', '寝具セット'],
};

const TEMPLATES: Record<Locale, Template[]> = {
  'zh-CN': [
    { tag: 'warranty', title: '{p}的保修期是多久', questions: ['{p}保修几年', '{p}坏了能免费修吗'], answer: '{p} 主机保修 {n} 年，配件 6 个月，凭订单即可申请。' },
    { tag: 'care', title: '{p}怎么清洗', questions: ['{p}可以机洗吗', '{p}脏了怎么办'], answer: '{p} 建议用温水手洗，不可暴晒、不可漂白。' },
    { tag: 'size', title: '{p}的尺码偏大还是偏小', questions: ['{p}选什么码', '{p}尺码准吗'], answer: '{p} 尺码标准，介于两码之间选大一码。' },
    { tag: 'battery', title: '{p}充满电要多久', questions: ['{p}续航多长时间', '{p}怎么充电'], answer: '{p} 充电约 {n} 小时，续航约 {m} 小时。' },
    { tag: 'stock', title: '{p}什么时候补货', questions: ['{p}还有货吗', '{p}缺货了怎么办'], answer: '{p} 预计 {n} 天内补货，可点击到货提醒。' },
    { tag: 'material', title: '{p}是什么材质', questions: ['{p}用的什么面料', '{p}含不含塑料'], answer: '{p} 采用环保材料，通过 SGS 检测。' },
    { tag: 'usage', title: '{p}怎么使用', questions: ['{p}第一次怎么用', '{p}说明书在哪里'], answer: '{p} 的使用说明见包装内说明书，也可在商品页下载电子版。' },
    { tag: 'gift', title: '{p}有赠品吗', questions: ['买{p}送什么', '{p}的赠品可以换吗'], answer: '购买 {p} 赠送收纳袋一个，赠品不单独退换。' },
  ],
  en: [
    { tag: 'warranty', title: 'How long is the warranty on the {p}?', questions: ['Is the {p} covered if it breaks?', 'How many years of guarantee does the {p} have?'], answer: 'The {p} has a {n}-year warranty on the main unit and 6 months on accessories.' },
    { tag: 'care', title: 'How do I clean the {p}?', questions: ['Can the {p} go in the washing machine?', 'How should I wash the {p}?'], answer: 'Hand wash the {p} in warm water; do not bleach or tumble dry.' },
    { tag: 'size', title: 'Does the {p} run large or small?', questions: ['Which size of the {p} should I buy?', 'Is the {p} true to size?'], answer: 'The {p} is true to size; between sizes, take the larger one.' },
    { tag: 'battery', title: 'How long does the {p} take to charge?', questions: ['What is the battery life of the {p}?', 'How do I charge the {p}?'], answer: 'The {p} charges in about {n} hours and lasts about {m} hours.' },
    { tag: 'stock', title: 'When will the {p} be back in stock?', questions: ['Is the {p} available?', 'The {p} is sold out, what can I do?'], answer: 'The {p} is expected back within {n} days; tap "notify me".' },
    { tag: 'material', title: 'What is the {p} made of?', questions: ['Which materials does the {p} use?', 'Does the {p} contain plastic?'], answer: 'The {p} is made from recycled materials and is SGS certified.' },
    { tag: 'usage', title: 'How do I use the {p}?', questions: ['How do I set up the {p} the first time?', 'Where is the manual for the {p}?'], answer: 'The {p} manual is in the box; a PDF is on the product page.' },
    { tag: 'gift', title: 'Does the {p} come with a free gift?', questions: ['What do I get free with the {p}?', 'Can I exchange the gift that came with the {p}?'], answer: 'The {p} comes with a storage pouch; gifts cannot be returned separately.' },
  ],
  ja: [
    { tag: 'warranty', title: '{p}の保証期間はどのくらいですか', questions: ['{p}が壊れたら無料で修理できますか', '{p}は何年保証ですか'], answer: '{p} は本体 {n} 年・付属品 6 か月の保証です。' },
    { tag: 'care', title: '{p}のお手入れ方法', questions: ['{p}は洗濯機で洗えますか', '{p}が汚れたらどうすればいいですか'], answer: '{p} はぬるま湯で手洗いしてください。漂白剤は使えません。' },
    { tag: 'size', title: '{p}のサイズ感は大きめですか', questions: ['{p}は何サイズを選べばいいですか', '{p}のサイズは標準ですか'], answer: '{p} は標準サイズです。迷ったら大きい方をおすすめします。' },
    { tag: 'battery', title: '{p}の充電時間はどのくらいですか', questions: ['{p}のバッテリーは何時間持ちますか', '{p}の充電方法'], answer: '{p} は約 {n} 時間で充電でき、約 {m} 時間使えます。' },
    { tag: 'stock', title: '{p}の再入荷はいつですか', questions: ['{p}の在庫はありますか', '{p}が売り切れの場合はどうすればいいですか'], answer: '{p} は {n} 日以内に再入荷予定です。入荷通知をご利用ください。' },
    { tag: 'material', title: '{p}の素材は何ですか', questions: ['{p}にはどんな素材が使われていますか', '{p}はプラスチックを含みますか'], answer: '{p} はリサイクル素材を使用し、SGS 認証を取得しています。' },
    { tag: 'usage', title: '{p}の使い方', questions: ['{p}の初期設定の方法', '{p}の説明書はどこですか'], answer: '{p} の説明書は箱の中に入っています。商品ページから PDF もダウンロードできます。' },
    { tag: 'gift', title: '{p}にノベルティは付きますか', questions: ['{p}を買うと何がもらえますか', '{p}のノベルティは交換できますか'], answer: '{p} には収納ポーチが付きます。ノベルティのみの返品はできません。' },
  ],
};

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LOCALES: Locale[] = ['zh-CN', 'en', 'ja'];

/** The i-th product of a locale: brand, type and a model number. */
export function productName(locale: Locale, i: number): string {
  const b = BRANDS[locale][i % 16];
  const t = TYPES[locale][Math.floor(i / 16) % 16];
  const model = `${String.fromCharCode(65 + (Math.floor(i / 256) % 26))}${Math.floor(i / 256 / 26) + 1}`;
  return locale === 'en' ? `${b} ${model} ${t}` : `${b} ${model} ${t}`;
}

/** Articles `from` (inclusive) to `to` (exclusive) of the generated knowledge base. */
export function generateArticles(from: number, to: number): GeneratedArticle[] {
  const out: GeneratedArticle[] = [];
  for (let i = from; i < to; i++) {
    const locale = LOCALES[i % 3];
    const k = Math.floor(i / 3);
    const templates = TEMPLATES[locale];
    const tpl = templates[k % templates.length];
    const product = Math.floor(k / templates.length);
    const p = productName(locale, product);
    const r = rng(i);
    const fill = (s: string) =>
      s.replace(/\{p\}/g, p).replace(/\{n\}/g, String(1 + Math.floor(r() * 3))).replace(/\{m\}/g, String(8 + Math.floor(r() * 40)));
    out.push({
      externalKey: `gen-${i}`,
      title: fill(tpl.title),
      questions: tpl.questions.map(fill),
      answer: fill(tpl.answer),
      locale,
      productIds: [`sku-${locale}-${product}`],
      tags: [tpl.tag],
    });
  }
  return out;
}

/** The template each question form of productQueries asks about (warranty, care, battery, stock, gift). */
const FORM_TEMPLATE = [0, 1, 3, 4, 7];

/**
 * Shopper questions about generated products, worded unlike the templates, with the external key of
 * the article that answers each.
 */
export function productQueries(count: number, articles: number, seed = 7): { query: string; locale: Locale; externalKey: string }[] {
  const r = rng(seed);
  const ask: Record<Locale, ((p: string) => string)[]> = {
    'zh-CN': [(p) => `${p}保修多久`, (p) => `${p}能水洗吗`, (p) => `${p}多久能充满`, (p) => `${p}啥时候有货`, (p) => `${p}送不送东西`],
    en: [(p) => `warranty for ${p}`, (p) => `can i wash the ${p}`, (p) => `${p} battery life`, (p) => `${p} restock date`, (p) => `free gift with ${p}?`],
    ja: [(p) => `${p}の保証は何年`, (p) => `${p}は水洗いできる？`, (p) => `${p}のバッテリー持ち`, (p) => `${p}はいつ入荷しますか`, (p) => `${p}のおまけは何`],
  };
  const products = Math.max(1, Math.floor(articles / 3 / 8));
  return Array.from({ length: count }, () => {
    const l = Math.floor(r() * 3);
    const locale = LOCALES[l];
    const product = Math.floor(r() * products);
    const p = productName(locale, product);
    const forms = ask[locale];
    const form = Math.floor(r() * forms.length);
    return { query: forms[form](p), locale, externalKey: `gen-${3 * (product * 8 + FORM_TEMPLATE[form]) + l}` };
  });
}
