/**
 * Size advice: the shopper's body measurements and usual size against a product's size chart →
 * a recommended size, a confidence in 0..1, alternatives when between sizes, and the reason (zh-CN/en/ja).
 *
 * Each measurement the chart also covers "votes" for the sizes whose inclusive range contains it (a value on
 * a shared boundary votes for both), or for the nearest size when it falls in a gap or off the chart. When the
 * votes span two or more sizes the shopper is between sizes: a snug fit takes the smaller, a loose fit the
 * larger, otherwise the usual size when it is one of them, otherwise the larger (sizing up is the safer miss).
 * A chart that shares no data with the shopper's input yields `{ status: 'no_advice' }`.
 * Invalid input (negative or implausible measurements, malformed chart) throws `RangeError`.
 */
import { type CalculatorLocale, type LocalizedText, localize } from './common';

export type SizeDimension = 'heightCm' | 'weightKg' | 'chestCm' | 'waistCm' | 'footLengthCm';
export type FitPreference = 'snug' | 'regular' | 'loose';

/** Inclusive range. */
export interface MeasureRange {
  readonly min: number;
  readonly max: number;
}

export interface SizeChartEntry {
  /** Letter ("S", "XL") or numeric EU shoe size ("42", "42.5"). */
  readonly size: string;
  readonly heightCm?: MeasureRange;
  readonly weightKg?: MeasureRange;
  readonly chestCm?: MeasureRange;
  readonly waistCm?: MeasureRange;
  readonly footLengthCm?: MeasureRange;
}

export interface SizeChart {
  /** Ordered from the smallest size to the largest. */
  readonly entries: readonly SizeChartEntry[];
}

export interface SizeAdviceInput {
  readonly heightCm?: number;
  readonly weightKg?: number;
  readonly chestCm?: number;
  readonly waistCm?: number;
  readonly footLengthCm?: number;
  readonly usualSize?: string;
  readonly fit?: FitPreference;
  readonly chart: SizeChart;
}

export type SizeAdvice =
  | {
      readonly status: 'advice';
      readonly size: string;
      readonly confidence: number;
      readonly alternatives: readonly string[];
      readonly betweenSizes: boolean;
      readonly basis: readonly SizeDimension[];
      readonly reason: LocalizedText;
    }
  | { readonly status: 'no_advice'; readonly confidence: 0; readonly reason: LocalizedText };

const DIMENSIONS: readonly SizeDimension[] = ['heightCm', 'weightKg', 'chestCm', 'waistCm', 'footLengthCm'];
const PLAUSIBLE: Readonly<Record<SizeDimension, MeasureRange>> = {
  heightCm: { min: 40, max: 250 },
  weightKg: { min: 2, max: 350 },
  chestCm: { min: 30, max: 200 },
  waistCm: { min: 30, max: 200 },
  footLengthCm: { min: 8, max: 40 },
};

interface Texts {
  readonly dim: Readonly<Record<SizeDimension, (v: number) => string>>;
  readonly join: string;
  readonly fits: (measures: string, size: string) => string;
  readonly between: (measures: string, a: string, b: string) => string;
  readonly pick: Readonly<Record<'snug' | 'loose' | 'usual' | 'up', (size: string) => string>>;
  readonly offChart: (size: string) => string;
  readonly usualAgrees: (usual: string) => string;
  readonly usualDiffers: (usual: string) => string;
  readonly usualOnly: (usual: string) => string;
  readonly noData: string;
}

const TEXTS: Readonly<Record<CalculatorLocale, Texts>> = {
  'zh-CN': {
    dim: {
      heightCm: (v) => `身高${v}cm`,
      weightKg: (v) => `体重${v}kg`,
      chestCm: (v) => `胸围${v}cm`,
      waistCm: (v) => `腰围${v}cm`,
      footLengthCm: (v) => `脚长${v}cm`,
    },
    join: '、',
    fits: (m, s) => `${m}对应 ${s} 码，推荐 ${s}`,
    between: (m, a, b) => `${m}介于 ${a} 和 ${b} 之间`,
    pick: {
      snug: (s) => `喜欢修身，推荐 ${s}`,
      loose: (s) => `喜欢宽松，推荐 ${s}`,
      usual: (s) => `与您平时穿的一致，推荐 ${s}`,
      up: (s) => `建议选大一码 ${s}，穿着更舒适`,
    },
    offChart: (s) => `超出尺码表范围，最接近的是 ${s}，建议咨询客服确认`,
    usualAgrees: (u) => `与您平时穿的 ${u} 一致`,
    usualDiffers: (u) => `与您平时穿的 ${u} 不同，请以尺码表为准`,
    usualOnly: (u) => `尺码表缺少身材数据，按您平时穿的 ${u} 推荐，仅供参考`,
    noData: '该商品尺码表缺少可比对的数据，暂时无法推荐尺码，请查看详情页尺码表或咨询客服',
  },
  en: {
    dim: {
      heightCm: (v) => `height ${v} cm`,
      weightKg: (v) => `weight ${v} kg`,
      chestCm: (v) => `chest ${v} cm`,
      waistCm: (v) => `waist ${v} cm`,
      footLengthCm: (v) => `foot length ${v} cm`,
    },
    join: ', ',
    fits: (m, s) => `Your ${m} match size ${s}; we recommend ${s}`,
    between: (m, a, b) => `Your ${m} fall between ${a} and ${b}`,
    pick: {
      snug: (s) => `for a snug fit, take ${s}`,
      loose: (s) => `for a loose fit, take ${s}`,
      usual: (s) => `${s} matches what you usually wear`,
      up: (s) => `we suggest sizing up to ${s} for comfort`,
    },
    offChart: (s) => `outside the size chart; ${s} is the closest — please check with us`,
    usualAgrees: (u) => `same as your usual ${u}`,
    usualDiffers: (u) => `differs from your usual ${u}; the chart is the better guide`,
    usualOnly: (u) => `The size chart has no body measurements; ${u} is based on your usual size only`,
    noData:
      'The size chart lacks the data to compare; we cannot recommend a size — please see the chart or ask us',
  },
  ja: {
    dim: {
      heightCm: (v) => `身長${v}cm`,
      weightKg: (v) => `体重${v}kg`,
      chestCm: (v) => `胸囲${v}cm`,
      waistCm: (v) => `ウエスト${v}cm`,
      footLengthCm: (v) => `足長${v}cm`,
    },
    join: '・',
    fits: (m, s) => `${m}は${s}サイズに該当します。${s}がおすすめです`,
    between: (m, a, b) => `${m}は${a}と${b}の間です`,
    pick: {
      snug: (s) => `ぴったりめがお好みなら${s}がおすすめです`,
      loose: (s) => `ゆったりめがお好みなら${s}がおすすめです`,
      usual: (s) => `普段のサイズと同じ${s}がおすすめです`,
      up: (s) => `快適さのため一つ大きい${s}がおすすめです`,
    },
    offChart: (s) => `サイズ表の範囲外です。最も近いのは${s}ですので、お問い合わせください`,
    usualAgrees: (u) => `普段の${u}と同じです`,
    usualDiffers: (u) => `普段の${u}とは異なります。サイズ表を目安にしてください`,
    usualOnly: (u) => `サイズ表に体型データがないため、普段のサイズ${u}を基におすすめしています（参考）`,
    noData:
      'サイズ表に比較できるデータがないため、サイズをおすすめできません。サイズ表をご確認いただくか、お問い合わせください',
  },
};

export function adviseSize(input: SizeAdviceInput): SizeAdvice {
  const entries = validateChart(input?.chart);
  const measured = DIMENSIONS.filter((d) => input[d] !== undefined);
  for (const d of measured) validateMeasure(input[d], d);
  if (input.fit !== undefined && !['snug', 'regular', 'loose'].includes(input.fit)) {
    throw new RangeError(`fit must be snug, regular or loose, got ${String(input.fit)}`);
  }
  const usualIdx = input.usualSize === undefined ? -1 : findSize(entries, input.usualSize);
  const basis = measured.filter((d) => entries.some((e) => e[d]));

  if (basis.length === 0) {
    if (usualIdx < 0) return { status: 'no_advice', confidence: 0, reason: localize((l) => TEXTS[l].noData) };
    const size = entries[usualIdx].size;
    return advice(
      size,
      0.5,
      [],
      false,
      [],
      localize((l) => TEXTS[l].usualOnly(size)),
    );
  }

  let offChart = false;
  const votes = basis.flatMap((d) => {
    const v = input[d] as number;
    const hits = entries.flatMap((e, i) => (e[d] && v >= e[d].min && v <= e[d].max ? [i] : []));
    if (hits.length > 0) return hits;
    const withData = entries.flatMap((e, i) => {
      const r = e[d];
      return r ? [{ i, r }] : [];
    });
    const first = withData[0].r;
    const last = withData[withData.length - 1].r;
    if (v < first.min || v > last.max) offChart = true;
    return [nearest(withData, v)];
  });
  const lo = Math.min(...votes);
  const hi = Math.max(...votes);
  const measures = (l: CalculatorLocale) =>
    basis.map((d) => TEXTS[l].dim[d](input[d] as number)).join(TEXTS[l].join);

  let chosen: number;
  let pick: 'snug' | 'loose' | 'usual' | 'up' | null = null;
  if (lo === hi) chosen = lo;
  else if (input.fit === 'snug') [chosen, pick] = [lo, 'snug'];
  else if (input.fit === 'loose') [chosen, pick] = [hi, 'loose'];
  else if (usualIdx >= lo && usualIdx <= hi) [chosen, pick] = [usualIdx, 'usual'];
  else [chosen, pick] = [hi, 'up'];

  let confidence = lo === hi ? 0.9 : hi - lo === 1 ? 0.65 : 0.4;
  if (basis.length === 1) confidence -= 0.1;
  if (offChart) confidence = Math.min(confidence, 0.3);
  const usualAgrees = usualIdx === chosen;
  if (usualIdx >= 0) confidence += usualAgrees ? 0.05 : -0.15;
  confidence = Math.round(Math.min(0.95, Math.max(0.1, confidence)) * 100) / 100;

  const size = entries[chosen].size;
  const alternatives = entries.slice(lo, hi + 1).flatMap((e, i) => (lo + i === chosen ? [] : [e.size]));
  const reason = localize((l) => {
    const t = TEXTS[l];
    const sep = l === 'en' ? '; ' : l === 'ja' ? '。' : '；';
    const parts = [
      pick === null
        ? t.fits(measures(l), size)
        : `${t.between(measures(l), entries[lo].size, entries[hi].size)}${sep}${t.pick[pick](size)}`,
    ];
    if (offChart) parts.push(t.offChart(size));
    if (usualIdx >= 0 && pick !== 'usual')
      parts.push(
        usualAgrees ? t.usualAgrees(entries[usualIdx].size) : t.usualDiffers(entries[usualIdx].size),
      );
    return parts.join(sep);
  });
  return advice(size, confidence, alternatives, lo !== hi, basis, reason);
}

function advice(
  size: string,
  confidence: number,
  alternatives: readonly string[],
  betweenSizes: boolean,
  basis: readonly SizeDimension[],
  reason: LocalizedText,
): SizeAdvice {
  return { status: 'advice', size, confidence, alternatives, betweenSizes, basis, reason };
}

function nearest(withData: readonly { i: number; r: MeasureRange }[], v: number): number {
  const distance = ({ r }: { r: MeasureRange }) => (v < r.min ? r.min - v : v - r.max);
  // Ties (exactly in the middle of a gap) go to the larger size.
  return withData.reduce((best, x) => (distance(x) <= distance(best) ? x : best)).i;
}

/** Matches "m" to "M" and "42.0" to "42". */
function findSize(entries: readonly SizeChartEntry[], size: string): number {
  const norm = (s: string) => {
    const t = s.trim().toUpperCase();
    return /^\d+(\.\d+)?$/.test(t) ? String(Number(t)) : t;
  };
  const wanted = norm(size);
  return entries.findIndex((e) => norm(e.size) === wanted);
}

function validateMeasure(value: unknown, d: SizeDimension): void {
  const p = PLAUSIBLE[d];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < p.min || value > p.max) {
    throw new RangeError(`${d} must be a number between ${p.min} and ${p.max}, got ${String(value)}`);
  }
}

function validateChart(chart: SizeChart | undefined): readonly SizeChartEntry[] {
  if (!chart || !Array.isArray(chart.entries) || chart.entries.length === 0) {
    throw new RangeError('chart.entries must not be empty');
  }
  const seen = new Set<string>();
  chart.entries.forEach((e, i) => {
    if (typeof e?.size !== 'string' || e.size.trim() === '')
      throw new RangeError(`chart.entries[${i}].size must be set`);
    if (seen.has(e.size)) throw new RangeError(`chart.entries[${i}].size "${e.size}" is duplicated`);
    seen.add(e.size);
    for (const d of DIMENSIONS) {
      const r = e[d];
      if (r === undefined) continue;
      if (!Number.isFinite(r.min) || !Number.isFinite(r.max) || r.min < 0 || r.min > r.max) {
        throw new RangeError(`chart.entries[${i}].${d} must be a range with 0 <= min <= max`);
      }
    }
  });
  return chart.entries;
}
