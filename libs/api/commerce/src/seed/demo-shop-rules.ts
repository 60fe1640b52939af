import type { SizeChart, SizeChartEntry } from '../calculators/size-advice';
import type { ShipmentStatus } from '../entities/shipment.entity';

/** The demo shop's fixed rules: the PRNG, what happens to orders, size charts and promotions. */
const DAY = 86_400_000;
/** One table's rows, keyed by column name. */
type Row = Record<string, unknown>;

/** mulberry32: a small seeded PRNG, so the demo shop is the same on every install. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  return { next, int, pick };
}

/** What happens to an order, with its share of the 5,000 and how old such orders are (days). */
export const FATES: { fate: Fate; weight: number; age: [number, number] }[] = [
  { fate: 'unpaid', weight: 3, age: [0, 1] },
  { fate: 'cancelled', weight: 2, age: [1, 60] },
  { fate: 'paid', weight: 8, age: [0, 2] },
  { fate: 'packed', weight: 7, age: [0, 3] },
  { fate: 'shipped', weight: 8, age: [1, 3] },
  { fate: 'in_transit', weight: 12, age: [2, 6] },
  { fate: 'delayed', weight: 5, age: [3, 8] },
  { fate: 'exception', weight: 2, age: [3, 10] },
  { fate: 'delivered', weight: 48, age: [5, 180] },
  { fate: 'returned', weight: 5, age: [10, 120] },
];
export type Fate =
  | 'unpaid'
  | 'cancelled'
  | 'paid'
  | 'packed'
  | 'shipped'
  | 'in_transit'
  | 'delayed'
  | 'exception'
  | 'delivered'
  | 'returned';

export const ORDER_STATUS: Record<Fate, string> = {
  unpaid: 'pending_payment',
  cancelled: 'cancelled',
  paid: 'paid',
  packed: 'processing',
  shipped: 'shipped',
  in_transit: 'shipped',
  delayed: 'shipped',
  exception: 'shipped',
  delivered: 'delivered',
  returned: 'returned',
};
/** The shipment states an order passes through to reach its fate (empty: no shipment). */
export const SHIPMENT_PATH: Record<Fate, ShipmentStatus[]> = {
  unpaid: [],
  cancelled: [],
  paid: ['pending'],
  packed: ['pending', 'packed'],
  shipped: ['pending', 'packed', 'shipped'],
  in_transit: ['pending', 'packed', 'shipped', 'in_transit'],
  delayed: ['pending', 'packed', 'shipped', 'in_transit', 'delayed'],
  exception: ['pending', 'packed', 'shipped', 'in_transit', 'exception'],
  delivered: ['pending', 'packed', 'shipped', 'in_transit', 'delivered'],
  returned: ['pending', 'packed', 'shipped', 'in_transit', 'delivered', 'returned'],
};
export const EVENT_CODE: Record<ShipmentStatus, string> = {
  pending: 'order_received',
  packed: 'packed',
  shipped: 'picked_up',
  in_transit: 'in_transit',
  delayed: 'weather_delay',
  delivered: 'delivered',
  returned: 'returned_to_sender',
  exception: 'address_unreachable',
};

export function apparelChart(): SizeChart {
  const sizes = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];
  const entries: SizeChartEntry[] = sizes.map((size, i) => ({
    size,
    heightCm: { min: 150 + i * 6, max: 157 + i * 6 },
    weightKg: { min: 42 + i * 7, max: 50 + i * 7 },
    chestCm: { min: 80 + i * 5, max: 85 + i * 5 },
  }));
  return { entries };
}

export function shoeChart(sizes: string[]): SizeChart {
  return {
    entries: sizes.map((size) => {
      const foot = (Number(size) - 36) * 0.5 + 22.5;
      return { size, footLengthCm: { min: foot, max: foot + 0.4 } };
    }),
  };
}

/** A handful of running promotions in the calculators' shape (rules without id and kind). */
export function demoPromotions(now: Date): Row[] {
  const from = new Date(now.getTime() - 30 * DAY).toISOString();
  const until = new Date(now.getTime() + 60 * DAY).toISOString();
  const row = (id: string, kind: string, rules: Record<string, unknown>) => ({
    id,
    kind,
    rules: { ...rules, validFrom: from, validUntil: until },
    valid_from: from,
    valid_until: until,
    active: true,
    created_at: from,
  });
  return [
    row('THRESHOLD-300-30', 'threshold', {
      label: {
        'zh-CN': '满300减30,满500减60',
        en: '¥30 off ¥300, ¥60 off ¥500',
        ja: '300元以上で30元引き、500元以上で60元引き',
      },
      benefit: {
        type: 'tiered',
        tiers: [
          { threshold: 30_000, off: 3_000 },
          { threshold: 50_000, off: 6_000 },
        ],
      },
    }),
    row('APPAREL-10', 'percentage', {
      label: { 'zh-CN': '服饰9折', en: '10% off apparel', ja: 'アパレル10%オフ' },
      benefit: { type: 'percent', percentOff: 10, cap: 10_000 },
      categories: ['apparel'],
    }),
    row('STORE-20', 'store_coupon', {
      label: {
        'zh-CN': '店铺券满199减20',
        en: 'Store coupon ¥20 off ¥199',
        ja: 'ストアクーポン199元以上で20元引き',
      },
      benefit: { type: 'amount', off: 2_000 },
      minSpend: 19_900,
      storeIds: ['main'],
    }),
    row('PLATFORM-15', 'platform_coupon', {
      label: {
        'zh-CN': '平台券满99减15',
        en: 'Platform coupon ¥15 off ¥99',
        ja: 'プラットフォームクーポン99元以上で15元引き',
      },
      benefit: { type: 'amount', off: 1_500 },
      minSpend: 9_900,
    }),
    row('FLASH-25', 'percentage', {
      label: {
        'zh-CN': '电子产品限时75折(不与其他优惠同享)',
        en: '25% off electronics (exclusive)',
        ja: '家電25%オフ(他の割引と併用不可)',
      },
      benefit: { type: 'percent', percentOff: 25, cap: 50_000 },
      categories: ['electronics'],
      exclusive: true,
    }),
  ];
}
