// Shopper conversations for the pipeline bench: realistic turns in zh-CN, en and ja built from the
// demo shop's own rows (real order numbers with their customers and phone numbers, products with the
// colours and sizes they come in). Deterministic: the same seed gives the same conversations, so the
// full and the baseline run send exactly the same messages.

/** Rows of the seeded demo shop the conversations refer to. */
export async function loadShop(db) {
  const orders = await db.query(`
    SELECT o.number, c.external_id AS customer,
           right(regexp_replace(coalesce(c.phone, ''), '\\D', '', 'g'), 4) AS tail, c.email
      FROM commerce_orders o JOIN commerce_customers c ON c.id = o.customer_id
     ORDER BY o.id`);
  const skus = await db.query(`
    SELECT p.id, p.name_zh, p.name_en, p.name_ja, p.category, s.colour, s.size
      FROM commerce_skus s JOIN commerce_products p ON p.id = s.product_id
     WHERE p.category IN ('apparel', 'shoes') AND s.colour IS NOT NULL AND s.size IS NOT NULL
     ORDER BY s.id`);
  if (!orders.rows.length || !skus.rows.length)
    throw new Error('the demo shop has no orders or no sized products');
  const byCustomer = new Map();
  for (const o of orders.rows) {
    if (!byCustomer.has(o.customer)) byCustomer.set(o.customer, []);
    byCustomer.get(o.customer).push(o);
  }
  return { orders: orders.rows, skus: skus.rows, customers: [...byCustomer.keys()], byCustomer };
}

/** mulberry32: a small seeded PRNG. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: (xs) => xs[Math.floor(next() * xs.length)] };
}

const COLOURS = {
  black: { zh: '黑色', en: 'black', ja: '黒' },
  white: { zh: '白色', en: 'white', ja: '白' },
  navy: { zh: '藏青色', en: 'navy', ja: 'ネイビー' },
  grey: { zh: '灰色', en: 'grey', ja: 'グレー' },
  red: { zh: '红色', en: 'red', ja: '赤' },
  beige: { zh: '米色', en: 'beige', ja: 'ベージュ' },
  brown: { zh: '棕色', en: 'brown', ja: 'ブラウン' },
};

const PHRASES = {
  greeting: {
    zh: ['你好', '在吗？', '您好，请问有人吗', '哈喽'],
    en: ['hi', 'hello there', 'hey, anyone around?', 'good morning'],
    ja: ['こんにちは', 'すみません', 'もしもし', 'こんにちは、質問があります'],
  },
  thanks: {
    zh: ['谢谢', '好的谢谢', '好的，明白了，谢谢！', '谢啦'],
    en: ['thanks!', 'thank you', 'great, thanks', 'ok thanks, bye'],
    ja: ['ありがとうございます', '助かりました', 'わかりました、ありがとう'],
  },
  faq: {
    zh: ['怎么退货', '退款多久到账', '运费怎么算', '可以开发票吗', '支持七天无理由退货吗', '你们发什么快递'],
    en: [
      'what is your return policy',
      'how long does shipping take?',
      'how do I get a refund?',
      'do you ship internationally?',
      'can I get an invoice?',
    ],
    ja: [
      '返品の方法を教えてください',
      '送料はいくらですか',
      '配送にはどのくらいかかりますか',
      '領収書は発行できますか',
    ],
  },
  promo: {
    zh: ['现在有什么优惠活动吗', '有满减吗', '优惠券怎么用'],
    en: ['any discounts right now?', 'do you have a coupon for me?'],
    ja: ['セールはありますか', 'クーポンは使えますか'],
  },
  outOfScope: {
    zh: ['今天天气怎么样', '给我讲个笑话吧', '推荐一部好看的电影'],
    en: ['can you recommend a good movie?', 'what is the capital of France?', 'are you a robot?'],
    ja: ['今日の天気は？', 'おすすめの映画は？'],
  },
};

const track = {
  zh: [(n) => `我的订单${n}到哪了`, (n) => `${n}这个单发货了吗`, (n) => `帮我查下物流，订单号 ${n}`],
  en: [
    (n) => `where is my order ${n}?`,
    (n) => `has order ${n} shipped yet?`,
    (n) => `can you track ${n} for me`,
  ],
  ja: [(n) => `注文${n}はいつ届きますか`, (n) => `${n}の配送状況を教えてください`],
};
const whenArrive = { zh: '大概什么时候能到？', en: 'when will it arrive?', ja: 'いつ頃届きますか？' };

const stock = {
  zh: [(c, s) => `这件有${c}${s}码吗`, (c, s) => `${c}的${s}码还有货吗`],
  en: [(c, s) => `do you have this in ${c}, size ${s}?`, (c, s) => `is the ${c} one in ${s} in stock?`],
  ja: [(c, s) => `この商品の${c}の${s}サイズはありますか`, (c, s) => `${c}で${s}の在庫はありますか`],
};
const stockNamed = {
  zh: (name, c, s) => `${name}有${c}${s}码吗`,
  en: (name, c, s) => `do you have the ${name} in ${c}, size ${s}?`,
  ja: (name, c, s) => `${name}の${c}、${s}サイズはありますか`,
};
const otherSize = { zh: (s) => `那${s}码呢`, en: (s) => `what about ${s}?`, ja: (s) => `${s}はありますか` };
const sizeAdvice = {
  zh: ['我身高170体重65公斤穿什么码', '165cm 50kg 选哪个尺码合适'],
  en: ["I'm 178 cm and 75 kg, which size should I get?", 'I usually wear a medium, which size fits me?'],
  ja: ['身長160cmで体重50kgですが、何サイズがいいですか'],
};

/**
 * One shopper's conversation of exactly `turns` messages. Each message is { text, metadata }.
 * A third of the shoppers are logged in: every push carries `metadata.customerRef` (the shop's
 * customer id, trusted because the API channel is signed) and they ask about their own orders.
 * Anonymous shoppers asking about an order answer the bot's question for the phone's last four digits.
 * No topic here asks for a human or complains: a hand-off would end the bot's replies.
 */
export function conversation(r, shop, turns) {
  const locale = r.next() < 0.5 ? 'zh' : r.next() < 0.6 ? 'en' : 'ja';
  const customerRef = r.next() < 0.33 ? r.pick(shop.customers) : null;
  const base = customerRef ? { customerRef } : {};
  const msgs = [];
  const say = (text, extra = {}) => msgs.push({ text, metadata: { ...base, ...extra } });

  if (turns > 1 && r.next() < 0.7) say(r.pick(PHRASES.greeting[locale]));
  let outOfScopeUsed = false;
  while (msgs.length < turns - (turns > 2 ? 1 : 0)) {
    const x = r.next();
    if (x < 0.3) {
      // order tracking with a real demo order number
      if (customerRef) {
        const order = r.pick(shop.byCustomer.get(customerRef));
        say(r.pick(track[locale])(order.number));
      } else {
        const order = r.pick(shop.orders);
        say(r.pick(track[locale])(order.number));
        if (order.tail.length === 4) say(order.tail);
        else if (order.email) say(order.email);
      }
      if (r.next() < 0.4) say(whenArrive[locale]);
    } else if (x < 0.5) {
      // stock of a product the shopper is looking at (or names)
      const sku = r.pick(shop.skus);
      const colour = COLOURS[sku.colour]?.[locale] ?? sku.colour;
      if (r.next() < 0.7) say(r.pick(stock[locale])(colour, sku.size), { productId: sku.id });
      else
        say(
          stockNamed[locale]({ zh: sku.name_zh, en: sku.name_en, ja: sku.name_ja }[locale], colour, sku.size),
        );
      if (r.next() < 0.3) {
        const other = r.pick(
          shop.skus.filter((s) => s.id === sku.id && s.colour === sku.colour && s.size !== sku.size),
        );
        if (other) say(otherSize[locale](other.size), { productId: sku.id });
      }
    } else if (x < 0.75) {
      say(r.pick(PHRASES.faq[locale]));
    } else if (x < 0.82) {
      const sku = r.pick(shop.skus.filter((s) => s.category === 'apparel'));
      say(r.pick(sizeAdvice[locale]), { productId: sku.id });
    } else if (x < 0.9) {
      say(r.pick(PHRASES.promo[locale]));
    } else if (!outOfScopeUsed) {
      outOfScopeUsed = true;
      say(r.pick(PHRASES.outOfScope[locale]));
    }
  }
  msgs.length = Math.min(msgs.length, turns);
  while (msgs.length < turns) say(r.pick(PHRASES.thanks[locale]));
  return { locale, customerRef, messages: msgs };
}

/** `count` conversations from a seed. */
export function conversations(shop, count, turns, seed) {
  const r = rng(seed);
  return Array.from({ length: count }, () => conversation(r, shop, turns));
}
