export type DemoLang = 'zh-CN' | 'en' | 'ja';

const en = {
  shop: 'Kefu Demo Shop',
  nav: ['New in', 'Apparel', 'Shoes', 'Electronics', 'Beauty', 'Home'],
  banner:
    'This is a demo storefront served by Kefu. The chat button at the bottom right is the real widget, talking to this Kefu server.',
  home: 'Home',
  loginAs: 'Log in as a demo customer',
  loggedInAs: 'Logged in as',
  logout: 'Log out',
  colour: 'Colour',
  size: 'Size',
  quantity: 'Quantity',
  addToCart: 'Add to cart',
  added: 'Added to your cart. (This is a demo: nothing is bought.)',
  freeShipping: 'Free delivery on orders over ¥99',
  returns: '7-day no-questions-asked returns',
  genuine: 'Genuine products, shipped from our own warehouses',
  description: 'Description',
  descriptionText: '{name} by {brand}. A favourite of our shoppers, made to last and easy to care for.',
  material: 'Material',
  origin: 'Made in',
  category: 'Category',
  productId: 'Product no.',
  related: 'You may also like',
  embedTitle: 'How this page embeds Kefu',
  embedIntro:
    'One script tag adds the chat. The page tells the widget which product the shopper is looking at:',
  signIntro:
    'A logged-in shopper is signed by the shop’s server with the inbox secret (never in the browser), so only they see their orders:',
  signNote: 'This demo page computes the hash on the Kefu server for the demo customer you picked.',
  noInbox: 'No widget inbox exists yet, so this page has no chat.',
  noInboxHelp:
    'Create one in the admin (Inboxes → New inbox → Web chat widget) named “Demo storefront”, or start Kefu with SEED_DEMO=true to have it seeded.',
  unknownCustomer: 'There is no demo customer {ref}: showing the page logged out.',
  unknownProduct: 'There is no product {id} in the demo shop.',
  noProducts:
    'The demo shop has no products yet. It is seeded in the background at the first start: reload in a few seconds.',
  backToShop: 'Back to the shop',
  footer: 'Kefu — self-hosted AI customer service. Demo data only.',
};

export type DemoStrings = typeof en;

const zh: DemoStrings = {
  shop: 'Kefu 演示商城',
  nav: ['新品', '服装', '鞋靴', '数码', '美妆', '家居'],
  banner: '这是 Kefu 自带的演示商城页面。右下角的客服按钮就是真实的聊天插件,连接的正是这台 Kefu 服务器。',
  home: '首页',
  loginAs: '以演示顾客身份登录',
  loggedInAs: '已登录:',
  logout: '退出登录',
  colour: '颜色',
  size: '尺码',
  quantity: '数量',
  addToCart: '加入购物车',
  added: '已加入购物车。(演示页面,不会真的下单。)',
  freeShipping: '满 ¥99 包邮',
  returns: '7 天无理由退货',
  genuine: '正品保证,自营仓库发货',
  description: '商品详情',
  descriptionText: '{brand} 出品的{name},店铺热销款,经久耐用,易于打理。',
  material: '材质',
  origin: '产地',
  category: '类目',
  productId: '商品编号',
  related: '猜你喜欢',
  embedTitle: '本页如何接入 Kefu',
  embedIntro: '一个 script 标签即可加入在线客服。页面会告诉插件顾客正在浏览哪件商品:',
  signIntro: '已登录的顾客由商城服务器用收件箱密钥签名(绝不在浏览器里计算),这样只有本人才能查询自己的订单:',
  signNote: '本演示页面由 Kefu 服务器为您选择的演示顾客计算签名。',
  noInbox: '还没有网页聊天收件箱,所以本页没有客服插件。',
  noInboxHelp:
    '请在管理后台创建一个(收件箱 → 新建 → 网页聊天插件),命名为“Demo storefront”;或以 SEED_DEMO=true 启动 Kefu 自动创建。',
  unknownCustomer: '演示商城中没有顾客 {ref},以未登录状态显示。',
  unknownProduct: '演示商城中没有商品 {id}。',
  noProducts: '演示商城还没有商品。首次启动时会在后台生成,请几秒后刷新。',
  backToShop: '返回商城',
  footer: 'Kefu — 可私有部署的 AI 客服。仅含演示数据。',
};

const ja: DemoStrings = {
  shop: 'Kefu デモショップ',
  nav: ['新着', 'アパレル', 'シューズ', '家電', 'コスメ', 'ホーム'],
  banner:
    'これは Kefu に付属するデモストアです。右下のチャットボタンは本物のウィジェットで、この Kefu サーバーにつながっています。',
  home: 'ホーム',
  loginAs: 'デモ会員としてログイン',
  loggedInAs: 'ログイン中:',
  logout: 'ログアウト',
  colour: 'カラー',
  size: 'サイズ',
  quantity: '数量',
  addToCart: 'カートに入れる',
  added: 'カートに追加しました。(デモのため実際の購入は行われません。)',
  freeShipping: '¥99 以上のご注文で送料無料',
  returns: '7 日間返品無料',
  genuine: '正規品・自社倉庫から発送',
  description: '商品説明',
  descriptionText: '{brand} の{name}。当店の人気商品で、丈夫でお手入れも簡単です。',
  material: '素材',
  origin: '原産国',
  category: 'カテゴリー',
  productId: '商品番号',
  related: 'こちらもおすすめ',
  embedTitle: 'このページの Kefu 組み込み方法',
  embedIntro: 'script タグ 1 つでチャットを追加できます。閲覧中の商品をウィジェットに伝えます:',
  signIntro:
    'ログイン中のお客様は、ショップのサーバーが受信箱のシークレットで署名します(ブラウザでは計算しません)。ご本人だけが注文を確認できます:',
  signNote: 'このデモページでは、選んだデモ会員の署名を Kefu サーバーが計算しています。',
  noInbox: 'Web チャットの受信箱がまだないため、このページにはチャットがありません。',
  noInboxHelp:
    '管理画面(受信箱 → 新規作成 → Web チャットウィジェット)で「Demo storefront」を作成するか、SEED_DEMO=true で Kefu を起動してください。',
  unknownCustomer: 'デモ会員 {ref} は存在しません。ログアウト状態で表示しています。',
  unknownProduct: 'デモショップに商品 {id} はありません。',
  noProducts:
    'デモショップにはまだ商品がありません。初回起動時にバックグラウンドで作成されます。数秒後に再読み込みしてください。',
  backToShop: 'ショップに戻る',
  footer: 'Kefu — セルフホスト型 AI カスタマーサービス。デモデータのみ。',
};

export const DEMO_STRINGS: Record<DemoLang, DemoStrings> = { 'zh-CN': zh, en, ja };

const COLOURS: Record<string, Record<DemoLang, string>> = {
  black: { 'zh-CN': '黑色', en: 'Black', ja: 'ブラック' },
  white: { 'zh-CN': '白色', en: 'White', ja: 'ホワイト' },
  navy: { 'zh-CN': '藏青', en: 'Navy', ja: 'ネイビー' },
  grey: { 'zh-CN': '灰色', en: 'Grey', ja: 'グレー' },
  red: { 'zh-CN': '红色', en: 'Red', ja: 'レッド' },
  beige: { 'zh-CN': '米色', en: 'Beige', ja: 'ベージュ' },
  brown: { 'zh-CN': '棕色', en: 'Brown', ja: 'ブラウン' },
  silver: { 'zh-CN': '银色', en: 'Silver', ja: 'シルバー' },
  blue: { 'zh-CN': '蓝色', en: 'Blue', ja: 'ブルー' },
  green: { 'zh-CN': '绿色', en: 'Green', ja: 'グリーン' },
};

const CATEGORIES: Record<string, Record<DemoLang, string>> = {
  apparel: { 'zh-CN': '服装', en: 'Apparel', ja: 'アパレル' },
  shoes: { 'zh-CN': '鞋靴', en: 'Shoes', ja: 'シューズ' },
  electronics: { 'zh-CN': '数码', en: 'Electronics', ja: '家電' },
  beauty: { 'zh-CN': '美妆', en: 'Beauty', ja: 'コスメ' },
  supplements: { 'zh-CN': '保健', en: 'Supplements', ja: 'サプリメント' },
  home: { 'zh-CN': '家居', en: 'Home', ja: 'ホーム' },
};

export const categoryLabel = (category: string, lang: DemoLang) =>
  CATEGORIES[category.toLowerCase()]?.[lang] ?? category;

/** The demo shop's colour names are English words; shown in the page's language when known. */
export const colourLabel = (colour: string, lang: DemoLang) =>
  COLOURS[colour.toLowerCase()]?.[lang] ?? colour;

/** `?lang=` when valid, else the first Accept-Language Kefu speaks, else English. */
export function demoLang(query: string | undefined, acceptLanguage: string | undefined): DemoLang {
  const pick = (tag: string): DemoLang | null => {
    const t = tag.trim().toLowerCase();
    return t.startsWith('zh') ? 'zh-CN' : t.startsWith('ja') ? 'ja' : t.startsWith('en') ? 'en' : null;
  };
  if (query) {
    const l = pick(query);
    if (l) return l;
  }
  const tags = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag, q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) {
    const l = pick(tag);
    if (l) return l;
  }
  return 'en';
}

export const fill = (template: string, vars: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
