#!/usr/bin/env node
// `node scripts/demo-facts.mjs`: facts of the deterministic demo shop, for writing conversation stories
// (docs/stories.md). It generates the shop with generateDemoShop() exactly as the seeder does (ids,
// numbers and states are fixed by the seed; dates are relative to today 00:00 UTC) — no database needed.
//
//   node scripts/demo-facts.mjs                      a few customers (one per shipment state) and products
//   node scripts/demo-facts.mjs --customer C100001   that customer's orders (repeatable)
//   node scripts/demo-facts.mjs --order KF100123     that order and its customer (repeatable)
//   node scripts/demo-facts.mjs --product P1005      that product's variants and stock (repeatable)
//   node scripts/demo-facts.mjs --state delayed      three customers with an order in that state: a shipment
//                                                    state (pending packed shipped in_transit delayed
//                                                    exception delivered returned) or unpaid / cancelled
//   add --json for machine-readable output.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

// The generator is plain TypeScript with no framework imports: compile it on the fly with SWC (the
// compiler Jest already uses), so this works without a build.
const swc = require('@swc/core');
const Module = require('node:module');
Module._extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformFileSync(filename, {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
    sourceMaps: false,
  });
  module._compile(code, filename);
};
const { generateDemoShop } = require(join(root, 'libs/api/commerce/src/seed/demo-shop.ts'));

const args = process.argv.slice(2);
const many = (flag) => args.flatMap((a, i) => (a === flag && args[i + 1] ? [args[i + 1]] : []));
const asJson = args.includes('--json');
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(
    'usage: node scripts/demo-facts.mjs [--customer C100001]... [--order KF100123]... [--product P1005]... [--state delayed] [--json]\n',
  );
  process.exit(0);
}

const DAY = 86_400_000;
const now = new Date();
now.setUTCHours(0, 0, 0, 0);
const shop = generateDemoShop(now);

const customersById = new Map(shop.commerce_customers.map((c) => [c.id, c]));
const customersByRef = new Map(shop.commerce_customers.map((c) => [c.external_id, c]));
const ordersByCustomer = new Map();
for (const o of shop.commerce_orders) {
  const list = ordersByCustomer.get(o.customer_id) ?? [];
  list.push(o);
  ordersByCustomer.set(o.customer_id, list);
}
const ordersByNumber = new Map(shop.commerce_orders.map((o) => [o.number, o]));
const itemsByOrder = groupBy(shop.commerce_order_items, (i) => i.order_id);
const shipmentByOrder = new Map(shop.commerce_shipments.map((s) => [s.order_id, s]));
const returnsByOrder = groupBy(shop.commerce_returns, (r) => r.order_id);
const paymentsByOrder = groupBy(shop.commerce_payments, (p) => p.order_id);
const skusByProduct = groupBy(shop.commerce_skus, (s) => s.product_id);
const stockBySku = groupBy(shop.commerce_stock, (s) => s.sku_id);
const productsById = new Map(shop.commerce_products.map((p) => [p.id, p]));

function groupBy(rows, key) {
  const m = new Map();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k) ?? [];
    list.push(r);
    m.set(k, list);
  }
  return m;
}

const money = (fen) => `¥${(fen / 100).toFixed(2)}`;
const daysFromNow = (iso) =>
  iso ? Math.round(((new Date(iso).getTime() - now.getTime()) / DAY) * 10) / 10 : null;
const relative = (iso) => {
  const d = daysFromNow(iso);
  if (d === null) return '-';
  if (Math.abs(d) < 0.05) return 'today';
  return d < 0 ? `${-d} d ago` : `in ${d} d`;
};
/** The state a story cares about: the shipment's when there is one, else the order's. */
const stateOf = (o) =>
  shipmentByOrder.get(o.id)?.status ?? (o.status === 'pending_payment' ? 'unpaid' : o.status);

function orderFacts(o) {
  const s = shipmentByOrder.get(o.id);
  const payments = paymentsByOrder.get(o.id) ?? [];
  return {
    number: o.number,
    status: o.status,
    placed: relative(o.placed_at),
    total: money(o.total),
    items: (itemsByOrder.get(o.id) ?? []).map((i) => `${i.quantity}× ${i.name} (${i.sku_id})`),
    shipment: s
      ? {
          status: s.status,
          carrier: s.carrier,
          tracking: s.tracking_number,
          eta: s.eta ? relative(s.eta) : null,
          exception: s.exception_reason,
          city: o.shipping_address.city,
        }
      : null,
    failedPayment: payments.find((p) => p.status === 'failed')?.failure_code ?? null,
    returns: (returnsByOrder.get(o.id) ?? []).map((r) => `${r.rma_number} ${r.kind} ${r.status}`),
  };
}

function customerFacts(c) {
  const orders = (ordersByCustomer.get(c.id) ?? [])
    .slice()
    .sort((a, b) => (a.placed_at < b.placed_at ? 1 : -1));
  return {
    customerRef: c.external_id,
    name: c.name,
    tier: c.tier,
    phoneLast4: String(c.phone).slice(-4),
    phone: c.phone,
    email: c.email,
    orders: orders.map(orderFacts),
  };
}

function productFacts(p) {
  const skus = skusByProduct.get(p.id) ?? [];
  const available = (sku) =>
    (stockBySku.get(sku.id) ?? []).reduce((n, st) => n + Math.max(st.quantity - st.reserved, 0), 0);
  const uniq = (xs) => [...new Set(xs.filter((x) => x !== null))];
  return {
    productId: p.id,
    name: { zh: p.name_zh, en: p.name_en, ja: p.name_ja },
    category: p.category,
    price: money(Math.min(...skus.map((s) => s.price))),
    colours: uniq(skus.map((s) => s.colour)),
    sizes: uniq(skus.map((s) => s.size)),
    storage: uniq(skus.map((s) => s.storage)),
    sizeChart: p.size_chart ? true : false,
    stock: skus.map((s) => ({
      sku: s.id,
      variant: [s.colour, s.size, s.storage].filter(Boolean).join(' / ') || '(single)',
      available: available(s),
    })),
  };
}

// What to show
const wantedCustomers = many('--customer');
const wantedOrders = many('--order');
const wantedProducts = many('--product');
const wantedStates = many('--state');
const defaults =
  !wantedCustomers.length && !wantedOrders.length && !wantedProducts.length && !wantedStates.length;

const customers = [];
const missing = [];
for (const ref of wantedCustomers) {
  const c = customersByRef.get(ref);
  if (c) customers.push(c);
  else missing.push(`customer ${ref}`);
}
for (const number of wantedOrders) {
  const o = ordersByNumber.get(number);
  if (o) customers.push(customersById.get(o.customer_id));
  else missing.push(`order ${number}`);
}
const states = defaults
  ? [
      'unpaid',
      'cancelled',
      'pending',
      'packed',
      'shipped',
      'in_transit',
      'delayed',
      'exception',
      'delivered',
      'returned',
    ]
  : wantedStates;
for (const state of states) {
  // The customer with the fewest orders among those holding an order in this state: easiest to talk about.
  const holders = shop.commerce_orders
    .filter((o) => stateOf(o) === state)
    .map((o) => customersById.get(o.customer_id));
  if (!holders.length) {
    missing.push(`an order in state ${state}`);
    continue;
  }
  const take = defaults ? 1 : 3;
  const sorted = [...new Set(holders)].sort(
    (a, b) =>
      (ordersByCustomer.get(a.id)?.length ?? 0) - (ordersByCustomer.get(b.id)?.length ?? 0) || a.id - b.id,
  );
  customers.push(...sorted.slice(0, take));
}
if (defaults) customers.unshift(customersByRef.get('C100001'));

const products = [];
for (const id of wantedProducts) {
  const p = productsById.get(id);
  if (p) products.push(p);
  else missing.push(`product ${id}`);
}
if (defaults) {
  // One product of each category.
  const seen = new Set();
  for (const p of shop.commerce_products) {
    if (seen.has(p.category)) continue;
    seen.add(p.category);
    products.push(p);
  }
}

const uniqueCustomers = [...new Set(customers)];
const out = {
  generatedFor: now.toISOString().slice(0, 10),
  customers: uniqueCustomers.map(customerFacts),
  products: products.map(productFacts),
  notFound: missing,
};

if (asJson) {
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
} else {
  const w = (l = '') => process.stdout.write(`${l}\n`);
  w(
    `Demo shop facts (dates relative to ${out.generatedFor}; ids, numbers and states are the same on every install)`,
  );
  for (const c of out.customers) {
    w();
    w(`${c.customerRef}  ${c.name}  tier ${c.tier}  phone …${c.phoneLast4} (${c.phone})  ${c.email}`);
    for (const o of c.orders) {
      const s = o.shipment;
      const ship = s
        ? `shipment ${s.status}${s.carrier ? ` · ${s.carrier}` : ''}${s.tracking ? ` ${s.tracking}` : ''}${s.eta ? ` · ETA ${s.eta}` : ''}${s.exception ? ` · ${s.exception}` : ''} · ${s.city}`
        : 'no shipment';
      w(
        `  ${o.number}  ${o.status.padEnd(15)} placed ${o.placed.padEnd(10)} ${o.total.padStart(10)}  ${ship}`,
      );
      w(`      ${o.items.join('; ')}`);
      if (o.failedPayment) w(`      failed payment: ${o.failedPayment}`);
      if (o.returns.length) w(`      returns: ${o.returns.join('; ')}`);
    }
  }
  for (const p of out.products) {
    w();
    w(
      `${p.productId}  ${p.name.zh} / ${p.name.en} / ${p.name.ja}  (${p.category}, from ${p.price}${p.sizeChart ? ', size chart' : ''})`,
    );
    if (p.colours.length) w(`  colours: ${p.colours.join(', ')}`);
    if (p.sizes.length) w(`  sizes:   ${p.sizes.join(', ')}`);
    if (p.storage.length) w(`  storage: ${p.storage.join(', ')}`);
    const out0 = p.stock.filter((s) => s.available === 0).map((s) => s.variant);
    w(
      `  stock:   ${p.stock.length} variants, ${p.stock.reduce((n, s) => n + s.available, 0)} available${out0.length ? `; sold out: ${out0.join(', ')}` : ''}`,
    );
  }
  if (out.notFound.length) {
    w();
    w(`not found: ${out.notFound.join(', ')}`);
  }
}
process.exit(out.notFound.length && !defaults ? 1 : 0);
