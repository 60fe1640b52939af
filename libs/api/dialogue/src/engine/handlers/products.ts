import { adviseSize, Cart, CommerceProduct, CommerceStockLine } from '@kefu/api/commerce';
import type { QuickReply } from '../../templates/reply';
import { Turn } from '../turn';
import { asksPrice, colourName, ordinal } from '../vocab';
import type { Handler } from './handler';
import { answerFromKnowledge } from './info';

const MATERIALS: Record<string, Record<'zh' | 'en' | 'ja', string>> = {
  cotton: { zh: '纯棉', en: 'cotton', ja: 'コットン' },
  polyester: { zh: '聚酯纤维', en: 'polyester', ja: 'ポリエステル' },
  wool: { zh: '羊毛', en: 'wool', ja: 'ウール' },
  denim: { zh: '牛仔布', en: 'denim', ja: 'デニム' },
  leather: { zh: '皮革', en: 'leather', ja: 'レザー' },
};

const PRODUCT_SLOTS = ['product_query', 'colour', 'size', 'storage', 'quantity'] as const;

/**
 * The product the shopper means: one chosen from a list offered, one named now, the one on the
 * page, or the one talked about last ("那个"). Asks (with cards to pick from) when unclear.
 */
export async function resolveProduct(t: Turn, opts: { ask: boolean } = { ask: true }): Promise<CommerceProduct | null> {
  const { commerce } = t.deps;
  const offered = t.state.context.offeredProducts;
  let id: string | null = null;
  if (offered?.length) {
    const i = ordinal(t.text);
    const pick = i === null ? undefined : i < 0 ? offered.at(-1) : offered[i];
    if (pick) id = pick;
    const byPayload = offered.find((p) => p === t.text.trim().toUpperCase());
    if (byPayload) id = byPayload;
  }
  const query = typeof t.slots['product_query'] === 'string' ? (t.slots['product_query'] as string) : null;
  if (!id && query) {
    // A product named in this message wins over the page: unless it is the page's product.
    const pageProduct = t.input.page.productId ? await commerce.getProduct(t.input.page.productId) : null;
    if (pageProduct && matches(pageProduct, query)) id = pageProduct.id;
    else {
      const found = await searchProducts(t, query);
      if (!found.length && opts.ask && !t.input.page.productId && !t.state.lastProductId) {
        await t.reply('product.not_found', { query });
        await t.ask('product_query', 'ask.product');
        return null;
      }
      if (found.length === 1) id = found[0].id;
      else if (found.length > 1) {
        const last = found.find((p) => p.id === t.state.lastProductId);
        if (last) id = last.id;
        else if (opts.ask) return offer(t, found);
        else return null;
      }
    }
  }
  if (!id && t.input.page.productId) id = t.input.page.productId;
  if (!id && t.state.lastProductId) id = t.state.lastProductId;
  if (!id) {
    if (opts.ask) await t.ask('product_query', 'ask.product');
    return null;
  }
  const product = await commerce.getProduct(id);
  if (!product) {
    if (opts.ask) await t.ask('product_query', 'ask.product');
    return null;
  }
  t.state.lastProductId = product.id;
  t.productId = product.id;
  if (t.state.awaiting === 'product_query') t.state.awaiting = null;
  return product;
}

/**
 * Products for the words the shopper used: the catalogue search for the product word (singular too:
 * "hoodies"), then narrowed to those whose names share the most other words with the message
 * ("the Tide Minimal Running Shoes" → that one product, not every running shoe).
 */
async function searchProducts(t: Turn, query: string): Promise<CommerceProduct[]> {
  const { commerce } = t.deps;
  let found = await commerce.findProducts(query, { limit: 20 });
  if (!found.length && /s$/i.test(query)) found = await commerce.findProducts(query.replace(/(es|s)$/i, ''), { limit: 20 });
  if (found.length <= 1) return found;
  const said = t.text.toLowerCase();
  const score = (p: CommerceProduct) =>
    new Set(
      [p.names['zh-CN'], p.names.en, p.names.ja]
        .flatMap((n) => n.toLowerCase().split(/\s+/))
        .filter((w) => w.length >= 2 && said.includes(w)),
    ).size;
  const scored = found.map((p) => ({ p, s: score(p) })).sort((a, b) => b.s - a.s);
  const top = scored[0].s;
  return scored.filter((x) => x.s === top).map((x) => x.p).slice(0, 5);
}

function matches(p: CommerceProduct, query: string): boolean {
  const q = query.toLowerCase();
  return [p.names['zh-CN'], p.names.en, p.names.ja, p.brand].some((n) => n.toLowerCase().includes(q));
}

async function offer(t: Turn, products: CommerceProduct[]): Promise<null> {
  const shown = products.slice(0, 3);
  t.state.context = { ...t.state.context, offeredProducts: shown.map((p) => p.id) };
  const quickReplies: QuickReply[] = shown.map((p) => ({ label: t.productName(p), payload: p.id }));
  await t.ask('product_query', 'product.choose', { count: shown.length }, { cards: shown.map((p) => t.productCard(p)), quickReplies });
  return null;
}

function wanted(t: Turn) {
  return {
    colour: typeof t.slots['colour'] === 'string' ? (t.slots['colour'] as string) : undefined,
    size: typeof t.slots['size'] === 'string' ? (t.slots['size'] as string) : undefined,
    storage: typeof t.slots['storage'] === 'string' ? (t.slots['storage'] as string) : undefined,
  };
}

const sameSize = (a: string | null, b: string) => !!a && a.toUpperCase().replace(/\s+/g, '') === b.toUpperCase().replace(/\s+/g, '');

export const stockQuery: Handler = {
  intents: ['stock_query'],
  slots: [...PRODUCT_SLOTS],
  async handle(t) {
    const product = await resolveProduct(t);
    if (!product) return;
    const stock = await t.deps.commerce.stockOf(product.id);
    const lines = stock?.lines ?? [];
    const w = wanted(t);
    const name = t.productName(product);
    if (!w.colour && !w.size && !w.storage) {
      const inStock = lines.filter((l) => l.available > 0);
      if (!inStock.length) {
        await t.reply('stock_query.sold_out', { product: name }, { cards: [t.productCard(product)] });
        return;
      }
      const colours = [...new Set(inStock.map((l) => l.colour).filter(Boolean) as string[])].map((c) => colourName(c, t.lang));
      const sizes = [...new Set(inStock.map((l) => l.size ?? l.storage).filter(Boolean) as string[])];
      const options = t.list([...colours, ...sizes]);
      await t.reply('stock_query.summary', { product: name, options: options || '-' }, { cards: [t.productCard(product, availability(t, true))] });
      await t.ask('size', 'ask.size_colour');
      return;
    }
    const match = (l: CommerceStockLine) =>
      (!w.colour || (l.colour ?? '').toLowerCase() === w.colour) &&
      (!w.size || sameSize(l.size, w.size)) &&
      (!w.storage || sameSize(l.storage, w.storage));
    const hits = lines.filter(match);
    const variant = t.variant(w);
    t.state.awaiting = null;
    if (!hits.length) {
      const avail = lines.filter((l) => l.available > 0);
      const colours = [...new Set(avail.map((l) => l.colour).filter(Boolean) as string[])].map((c) => colourName(c, t.lang));
      const sizes = [...new Set(avail.map((l) => l.size ?? l.storage).filter(Boolean) as string[])];
      await t.reply('stock_query.no_variant', { product: name, variant, options: t.list([...colours, ...sizes]) || '-' });
      return;
    }
    const available = hits.reduce((s, l) => s + l.available, 0);
    if (available > 0) {
      const low = available <= 5;
      await t.reply(low ? 'stock_query.low_stock' : 'stock_query.in_stock', { product: name, variant, count: available }, {
        cards: [t.productCard(product, availability(t, true))],
      });
    } else {
      await t.reply('stock_query.out_of_stock', {
        product: name,
        variant,
        restock_date: new Date(t.input.now.getTime() + 7 * 86_400_000),
        options: inStockOptions(t, lines) || '-',
      });
    }
  },
};

/** "白色、藏青色、M、L": the colours and sizes still in stock. */
function inStockOptions(t: Turn, lines: CommerceStockLine[]): string {
  const avail = lines.filter((l) => l.available > 0);
  const colours = [...new Set(avail.map((l) => l.colour).filter(Boolean) as string[])].map((c) => colourName(c, t.lang));
  const sizes = [...new Set(avail.map((l) => l.size ?? l.storage).filter(Boolean) as string[])];
  return t.list([...colours, ...sizes]);
}

function availability(t: Turn, inStock: boolean): string {
  return inStock ? { zh: '有货', en: 'In stock', ja: '在庫あり' }[t.lang] : { zh: '缺货', en: 'Out of stock', ja: '在庫切れ' }[t.lang];
}

export const productInfo: Handler = {
  intents: ['product_info'],
  slots: [...PRODUCT_SLOTS],
  async handle(t) {
    const product = await resolveProduct(t, { ask: false });
    // "does it come in blue with 256GB?" is a stock question about the product.
    if (product && (t.extracted['colour'] || t.extracted['size'] || t.extracted['storage'])) {
      t.intent = 'stock_query';
      return stockQuery.handle(t);
    }
    // The product's own facts answer a price question; an article must match clearly to win otherwise.
    if (!(product && asksPrice(t.text)) && (await answerFromKnowledge(t, { productId: product?.id, minScore: product ? 0.6 : 0 }))) {
      if (product) t.replies[t.replies.length - 1].cards = [t.productCard(product)];
      return;
    }
    if (product) {
      const name = t.productName(product);
      const price = product.priceFrom === product.priceTo ? t.formatMoney(product.priceFrom, product.currency) : `${t.formatMoney(product.priceFrom, product.currency)} – ${t.formatMoney(product.priceTo, product.currency)}`;
      const raw = typeof product.attributes['material'] === 'string' ? (product.attributes['material'] as string) : null;
      const material = raw ? (MATERIALS[raw.toLowerCase()]?.[t.lang] ?? raw) : null;
      await t.reply(material ? 'product_info.summary' : 'product_info.summary_plain', { product: name, price, brand: product.brand, material: material ?? '' }, { cards: [t.productCard(product)] });
      t.unknown = 'no_article';
      return;
    }
    t.unknown = 'no_article';
    await t.ask('product_query', 'product_info');
  },
};

export const sizeAdvice: Handler = {
  intents: ['size_advice'],
  slots: [...PRODUCT_SLOTS, 'height_cm', 'weight_kg'],
  async handle(t) {
    const product = await resolveProduct(t);
    if (!product) return;
    if (!product.sizeChart?.entries.length) {
      await t.reply('size_advice.no_chart', { product: t.productName(product) });
      return;
    }
    const height = Number(t.slots['height_cm']) || undefined;
    const weight = Number(t.slots['weight_kg']) || undefined;
    const usual = typeof t.slots['size'] === 'string' ? (t.slots['size'] as string) : undefined;
    const footLike = product.sizeChart.entries.some((e) => e.footLengthCm);
    if (!height && !weight && !usual) {
      await t.ask('height_cm', footLike ? 'ask.usual_size' : 'ask.height_weight');
      return;
    }
    const advice = adviseSize({ heightCm: height, weightKg: weight, usualSize: usual, chart: product.sizeChart });
    t.state.awaiting = null;
    if (advice.status === 'advice') {
      await t.reply('size_advice.result', { size: advice.size, reason: advice.reason[t.input.locale] }, { cards: [t.productCard(product)] });
    } else {
      await t.reply('size_advice.no_advice', { reason: advice.reason[t.input.locale] });
    }
  },
};

export const promotionRules: Handler = {
  intents: ['promotion_rules', 'coupon_issue'],
  slots: [...PRODUCT_SLOTS, 'money'],
  async handle(t) {
    const product = await resolveProduct(t, { ask: false });
    const quantity = Math.max(1, Math.min(99, Number(t.slots['quantity']) || 1));
    let cart: Cart | null = null;
    if (product) {
      cart = { currency: product.currency, lines: [{ sku: product.id, unitPrice: product.priceFrom, quantity, storeId: 'main', category: product.category }] };
    } else if (typeof t.slots['money'] === 'number' && t.slots['money'] > 0) {
      const minor = Math.round((t.slots['money'] as number) * 100);
      cart = { currency: 'CNY', lines: [{ sku: 'cart', unitPrice: minor, quantity: 1, storeId: 'main', category: 'general' }] };
    }
    if (t.intent === 'coupon_issue') {
      if (!(await answerFromKnowledge(t))) await t.reply('coupon_issue');
      return;
    }
    if (!cart) {
      if (await answerFromKnowledge(t)) return;
      await t.ask('product_query', 'promotion_rules.ask');
      return;
    }
    const result = await t.deps.commerce.promotionsFor(cart, t.input.now);
    t.state.awaiting = null;
    await t.reply(
      'promotion_rules.result',
      { explanation: result.explanation[t.input.locale], total: t.money(result.total, result.currency), saved: t.money(result.totalSaving, result.currency) },
      product ? { cards: [t.productCard(product)] } : {},
    );
  },
};
