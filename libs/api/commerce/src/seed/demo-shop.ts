import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  EVENT_CODE,
  FATES,
  ORDER_STATUS,
  SHIPMENT_PATH,
  apparelChart,
  demoPromotions,
  prng,
  shoeChart,
} from './demo-shop-rules';

export const DEMO_SHOP_FILE = join(__dirname, '../../data/demo-shop.json');
export const DEMO_SEED = 20_251_121;
export const DEMO_COUNTS = { products: 200, customers: 1_000, orders: 5_000 } as const;
const CURRENCY = 'CNY';
const DAY = 86_400_000;

type Names = { zh: string; en: string; ja: string };
interface CategorySpec {
  types: Names[];
  colours?: string[];
  sizes?: string[];
  storage?: string[];
  price: [number, number];
  sizeChart?: 'apparel' | 'shoes';
}
interface DemoShopWords {
  brands: string[];
  adjectives: Names[];
  categories: Record<string, CategorySpec>;
  surnames: string[];
  givenNames: string[];
  cities: { country: string; region: string; city: string; phonePrefix: string }[];
  carriers: string[];
  gateways: string[];
  failureCodes: string[];
}

/** One table's rows, keyed by column name, ready for a multi-row insert. */
export type Row = Record<string, unknown>;
export interface DemoShop {
  commerce_warehouses: Row[];
  commerce_products: Row[];
  commerce_skus: Row[];
  commerce_stock: Row[];
  commerce_customers: Row[];
  commerce_orders: Row[];
  commerce_order_items: Row[];
  commerce_payments: Row[];
  commerce_shipments: Row[];
  commerce_shipment_events: Row[];
  commerce_promotions: Row[];
  commerce_returns: Row[];
}
/** Insert order (parents first). */
export const DEMO_TABLES: (keyof DemoShop)[] = [
  'commerce_warehouses',
  'commerce_products',
  'commerce_skus',
  'commerce_stock',
  'commerce_customers',
  'commerce_orders',
  'commerce_order_items',
  'commerce_payments',
  'commerce_shipments',
  'commerce_shipment_events',
  'commerce_promotions',
  'commerce_returns',
];

/**
 * The demo shop, generated from the word lists with a seeded PRNG: the same rows on every run for the
 * same `now` (dates are relative to it, so "last week's order" always exists).
 */
export function generateDemoShop(now: Date, seed = DEMO_SEED, file = DEMO_SHOP_FILE): DemoShop {
  const w = JSON.parse(readFileSync(file, 'utf8')) as DemoShopWords;
  const r = prng(seed);
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY).toISOString();
  const shop: DemoShop = {
    commerce_warehouses: [
      { id: 'WH-SH', name: 'Shanghai Central', region: 'CN-East' },
      { id: 'WH-SZ', name: 'Shenzhen South', region: 'CN-South' },
      { id: 'WH-TYO', name: 'Tokyo Bay', region: 'JP' },
    ],
    commerce_products: [],
    commerce_skus: [],
    commerce_stock: [],
    commerce_customers: [],
    commerce_orders: [],
    commerce_order_items: [],
    commerce_payments: [],
    commerce_shipments: [],
    commerce_shipment_events: [],
    commerce_promotions: [],
    commerce_returns: [],
  };

  // Catalogue
  const categories = Object.keys(w.categories);
  const skus: { id: string; productId: string; price: number; name: string; category: string }[] = [];
  for (let i = 0; i < DEMO_COUNTS.products; i++) {
    const category = categories[i % categories.length];
    const spec = w.categories[category];
    const type = spec.types[Math.floor(i / categories.length) % spec.types.length];
    const adj = r.pick(w.adjectives);
    const brand = r.pick(w.brands);
    const id = `P${String(1001 + i)}`;
    // Prices end in .99: ¥78.99 is 7899 fen.
    const base = Math.round(r.int(spec.price[0], spec.price[1]) / 100) * 100 - 1;
    const colours: (string | null)[] = spec.colours ? spec.colours.filter(() => r.next() < 0.6) : [null];
    if (!colours.length && spec.colours) colours.push(spec.colours[0]);
    const sizes: (string | null)[] = spec.sizes ?? [null];
    const storages: (string | null)[] = spec.storage && type.en === 'Smartphone' ? spec.storage : [null];
    const nameEn = `${brand} ${adj.en} ${type.en}`;
    shop.commerce_products.push({
      id,
      name_zh: `${brand} ${adj.zh}${type.zh}`,
      name_en: nameEn,
      name_ja: `${brand} ${adj.ja}${type.ja}`,
      brand,
      category,
      store_id: 'main',
      attributes: {
        origin: r.pick(['CN', 'JP', 'VN']),
        ...(category === 'apparel' ? { material: r.pick(['cotton', 'polyester', 'wool', 'denim']) } : {}),
      },
      size_chart:
        spec.sizeChart === 'apparel'
          ? apparelChart()
          : spec.sizeChart === 'shoes'
            ? shoeChart(spec.sizes ?? [])
            : null,
      active: true,
      created_at: at(365),
    });
    let n = 0;
    for (const colour of colours)
      for (const size of sizes)
        for (const storage of storages) {
          const skuId = `${id}-${String(++n).padStart(2, '0')}`;
          const price = base + (storage ? (spec.storage ?? []).indexOf(storage) * 100_000 : 0);
          shop.commerce_skus.push({
            id: skuId,
            product_id: id,
            colour,
            size,
            storage,
            price,
            currency: CURRENCY,
            created_at: at(365),
          });
          skus.push({ id: skuId, productId: id, price, name: nameEn, category });
          for (const wh of shop.commerce_warehouses) {
            const quantity = r.next() < 0.15 ? 0 : r.int(1, 60);
            shop.commerce_stock.push({
              sku_id: skuId,
              warehouse_id: wh.id,
              quantity,
              reserved: Math.min(quantity, r.int(0, 3)),
              updated_at: at(0),
            });
          }
        }
  }

  // Customers
  const tiers = [
    'regular',
    'regular',
    'regular',
    'regular',
    'regular',
    'regular',
    'silver',
    'silver',
    'gold',
    'vip',
  ];
  for (let i = 0; i < DEMO_COUNTS.customers; i++) {
    const city = r.pick(w.cities);
    const surname = r.pick(w.surnames);
    const given = r.pick(w.givenNames);
    const latin = /^[A-Za-z]/.test(surname);
    const local =
      city.phonePrefix === '86'
        ? `1${r.pick(['38', '39', '58', '86'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}`
        : String(r.int(100_000_000, 999_999_999)) + String(r.int(0, 9));
    shop.commerce_customers.push({
      id: i + 1,
      external_id: `C${String(100001 + i)}`,
      contact_id: null,
      name: latin ? `${given} ${surname}` : `${surname}${given}`,
      phone: `${city.phonePrefix}${local}`,
      email: `shopper${100001 + i}@example.com`,
      tier: r.pick(tiers),
      lifetime_value: 0,
      currency: CURRENCY,
      created_at: at(r.int(200, 900)),
      city,
    });
  }

  // Orders with items, payments, shipments and their events, returns
  const totalWeight = FATES.reduce((s, f) => s + f.weight, 0);
  const ltv = new Map<number, number>();
  let itemId = 0;
  let eventId = 0;
  for (let i = 0; i < DEMO_COUNTS.orders; i++) {
    const id = i + 1;
    // Every fate appears in proportion; the PRNG only shuffles which orders get which.
    let roll = r.next() * totalWeight;
    const rolled = FATES.find((x) => (roll -= x.weight) < 0) ?? FATES[FATES.length - 1];
    // The first orders take each fate once, so every state exists whatever the PRNG draws.
    const { fate, age } = i < FATES.length ? FATES[i] : rolled;
    const customer = shop.commerce_customers[r.int(0, DEMO_COUNTS.customers - 1)];
    const placedDaysAgo = age[0] + r.next() * (age[1] - age[0]);
    const placedAt = at(placedDaysAgo);
    const lines = r.int(1, 3);
    let subtotal = 0;
    const firstItemId = itemId + 1;
    for (let l = 0; l < lines; l++) {
      const sku = r.pick(skus);
      const quantity = r.next() < 0.8 ? 1 : r.int(2, 3);
      subtotal += sku.price * quantity;
      shop.commerce_order_items.push({
        id: ++itemId,
        order_id: id,
        sku_id: sku.id,
        product_id: sku.productId,
        name: sku.name,
        quantity,
        unit_price: sku.price,
        total: sku.price * quantity,
      });
    }
    const discount = subtotal >= 30_000 ? 3_000 : 0;
    const shippingFee = subtotal >= 9_900 ? 0 : 1_000;
    const total = subtotal - discount + shippingFee;
    const number = `KF${String(100000 + i)}`;
    const paid = fate !== 'unpaid' && fate !== 'cancelled';
    const city = customer.city as DemoShopWords['cities'][number];
    shop.commerce_orders.push({
      id,
      number,
      customer_id: customer.id,
      status: ORDER_STATUS[fate],
      store_id: 'main',
      currency: CURRENCY,
      subtotal,
      discount,
      shipping_fee: shippingFee,
      total,
      shipping_address: {
        recipient: customer.name,
        phone: customer.phone,
        country: city.country,
        region: city.region,
        city: city.city,
        line1: `${r.int(1, 999)} ${r.pick(['Nanjing Rd', 'Shennan Blvd', 'Chang’an Ave', 'Dogenzaka', 'Market St'])}`,
      },
      placed_at: placedAt,
      paid_at: paid ? at(placedDaysAgo - 0.01) : null,
      created_at: placedAt,
    });
    const gateway = r.pick(w.gateways);
    if (!paid || r.next() < 0.04)
      shop.commerce_payments.push({
        order_id: id,
        gateway,
        status: 'failed',
        amount: total,
        currency: CURRENCY,
        failure_code: r.pick(w.failureCodes),
        gateway_ref: `${gateway}-${id}-1`,
        created_at: at(placedDaysAgo - 0.005),
      });
    if (paid)
      shop.commerce_payments.push({
        order_id: id,
        gateway,
        status: fate === 'returned' ? 'refunded' : 'succeeded',
        amount: total,
        currency: CURRENCY,
        failure_code: null,
        gateway_ref: `${gateway}-${id}-2`,
        created_at: at(placedDaysAgo - 0.01),
      });
    if (paid && fate !== 'returned')
      ltv.set(customer.id as number, (ltv.get(customer.id as number) ?? 0) + total);

    const path = SHIPMENT_PATH[fate];
    if (path.length) {
      const carrierIdx = r.int(0, w.carriers.length - 1);
      const carrier = w.carriers[carrierIdx];
      const final = path[path.length - 1];
      const shipped = path.includes('shipped');
      // Events spread from the order to (nearly) now, at most a day apart for fresh orders.
      const step = Math.min(placedDaysAgo / (path.length + 0.5), 1.5);
      const eventAt = (k: number) => at(Math.max(placedDaysAgo - 0.02 - k * step, 0));
      const delivered = path.includes('delivered');
      const etaDays = final === 'delayed' ? -r.int(2, 4) : delivered ? placedDaysAgo - 3 : -r.int(1, 3);
      shop.commerce_shipments.push({
        id,
        order_id: id,
        warehouse_id: r.pick(shop.commerce_warehouses).id,
        carrier,
        tracking_number: shipped
          ? `${['SF', 'YT', 'JD', 'YM', '1Z'][carrierIdx]}${String(7_000_000_000 + id * 37)}`
          : null,
        status: final,
        eta: final === 'exception' ? null : at(etaDays),
        exception_reason:
          final === 'delayed' ? 'weather' : final === 'exception' ? 'address_unreachable' : null,
        shipped_at: shipped ? eventAt(path.indexOf('shipped')) : null,
        delivered_at: delivered ? eventAt(path.indexOf('delivered')) : null,
        updated_at: eventAt(path.length - 1),
      });
      path.forEach((status, k) =>
        shop.commerce_shipment_events.push({
          id: ++eventId,
          shipment_id: id,
          status,
          code: EVENT_CODE[status],
          location: status === 'pending' ? null : city.city,
          note: status === 'delayed' ? 'severe weather at the sorting centre' : null,
          occurred_at: eventAt(k),
        }),
      );
    }
    if (fate === 'returned' || (fate === 'delivered' && r.next() < 0.03)) {
      const returned = fate === 'returned';
      const rmaNumber = `RMA${String(100000 + i)}`;
      const status = returned ? 'refunded' : r.pick(['requested', 'approved', 'label_issued']);
      shop.commerce_returns.push({
        rma_number: rmaNumber,
        order_id: id,
        order_item_id: firstItemId,
        kind: returned ? 'return' : 'exchange',
        status,
        reason: returned ? r.pick(['does not fit', 'changed my mind', 'damaged on arrival']) : 'wrong size',
        refund_amount: returned ? total : 0,
        currency: CURRENCY,
        label_url: status === 'label_issued' ? `/returns/${rmaNumber}/label.pdf` : null,
        created_at: at(Math.max(placedDaysAgo - 5, 0)),
        updated_at: at(Math.max(placedDaysAgo - 8, 0)),
      });
    }
  }
  for (const c of shop.commerce_customers) {
    c.lifetime_value = ltv.get(c.id as number) ?? 0;
    delete c.city;
  }
  shop.commerce_promotions = demoPromotions(now);
  return shop;
}
