/** Money (¥59, 59元, $30, 3000円, 满300减50, 30 off) and quantities (2件, 两件, x2, 2 pcs, qty 3, 2つ). */
import { CN_NUM_CLASS, parseAnyNumber, parseCnNumber } from './cn-number';
import { Scan, numStr, push } from './extraction-context';

const NUM = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const CN = `[${CN_NUM_CLASS}]+`;

const PREFIX_MONEY_RE = new RegExp(
  String.raw`(?<![A-Za-z])(US\$|HK\$|NT\$|A\$|C\$|\$|¥|€|£|RMB|CNY|USD|JPY|EUR|GBP|HKD|人民币|日元|美元)\s?(${NUM})(\s?[kK千万])?(?![\d.])(\s?(?:元|円|块))?`,
  'gi',
);
const SUFFIX_MONEY_RE = new RegExp(
  String.raw`(?<![\d.,A-Za-z$¥€£])(${NUM}|${CN})(\s?[kK千万](?![${CN_NUM_CLASS}]))?\s?(块钱|元钱|元|块|塊|圆|円|日元|日币|美元|美金|刀|欧元|英镑|港币|dollars?|bucks|usd|cny|rmb|yen|euros?|jpy|eur)(?![A-Za-z])`,
  'gi',
);
const MANJIAN_RE = new RegExp(
  String.raw`满\s?(${NUM}|${CN})\s?(元|块)?\s?(?:减|立减|-)\s?(${NUM}|${CN})\s?(元|块)?`,
  'dg',
);
const OFF_RE = new RegExp(
  String.raw`(?<![\d.,A-Za-z])(\$|¥|€|£)?\s?(${NUM})\s?(元|块|円|dollars?|bucks)?\s?(?:off|引き|オフ)(?![A-Za-z%])`,
  'dgi',
);
/** After 一/两, 块 is money only when it is not a measure word for a thing (一块香皂); 块儿 never is. */
const CN_KUAI_OK_RE = /^(?:[^\u4e00-\u9fff]|[钱的吗呢吧啊呀多左右了太就都也还贵便能可])/;
/** A budget without a currency word: 预算3k, budget of 500. */
const BUDGET_RE = new RegExp(
  String.raw`(?:预算|預算|budget(?:\s+(?:is|of))?|予算)\s*[:：是为は]?\s*(?:大概|大约|around|about)?\s*(${NUM})(\s?[kK千万])?(?![\d.])`,
  'gi',
);

const CURRENCY: Record<string, string> = {
  us$: 'USD',
  $: 'USD',
  usd: 'USD',
  dollar: 'USD',
  dollars: 'USD',
  bucks: 'USD',
  刀: 'USD',
  美元: 'USD',
  美金: 'USD',
  hk$: 'HKD',
  hkd: 'HKD',
  港币: 'HKD',
  nt$: 'TWD',
  a$: 'AUD',
  c$: 'CAD',
  rmb: 'CNY',
  cny: 'CNY',
  人民币: 'CNY',
  元: 'CNY',
  元钱: 'CNY',
  块: 'CNY',
  塊: 'CNY',
  块钱: 'CNY',
  圆: 'CNY',
  jpy: 'JPY',
  円: 'JPY',
  日元: 'JPY',
  日币: 'JPY',
  yen: 'JPY',
  '€': 'EUR',
  eur: 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  欧元: 'EUR',
  '£': 'GBP',
  gbp: 'GBP',
  英镑: 'GBP',
};

function currencyOf(symbol: string | undefined, scan: Scan, tail = ''): string {
  if (!symbol) return scan.opts.language === 'ja' ? 'JPY' : scan.opts.language === 'zh' ? 'CNY' : 'USD';
  const s = symbol.trim().toLowerCase();
  if (s === '¥') return scan.opts.language === 'ja' || tail.includes('円') ? 'JPY' : 'CNY';
  return CURRENCY[s] ?? 'CNY';
}

function multiplier(m: string | undefined): number {
  if (!m) return 1;
  const c = m.trim().toLowerCase();
  return c === 'k' || c === '千' ? 1000 : c === '万' ? 10000 : 1;
}

function pushMoney(
  scan: Scan,
  start: number,
  end: number,
  amount: number,
  currency: string,
  prio: number,
  role?: string,
): void {
  if (!Number.isFinite(amount) || amount <= 0) return;
  const meta: Record<string, string | number> = { amount, currency };
  if (role) meta['role'] = role;
  push(scan, 'money', start, end, `${currency} ${numStr(amount)}`, prio, meta);
}

const PREFIX_HINT_RE = /[$¥€£]|RMB|CNY|USD|JPY|EUR|GBP|HKD|人民币|日元|美元/i;
const SUFFIX_HINT_RE =
  /\d\s?[kK千万]?\s?(?:[元块塊圆円刀日美欧英港]|dollar|buck|usd|cny|rmb|yen|euro|jpy|eur)|[零〇一二两俩三四五六七八九十百千万][元块塊圆円刀]/i;
const OFF_HINT_RE = /off|引き|オフ/i;
const QTY_HINT_RE =
  /[\d一二两俩三四五六七八九十]\s?(?:[件个個条條双雙套瓶盒包袋箱支只台部份张張对把罐片顶本枚つ点足着]|セット|pc|piece|pair|unit|item|set|pack|bottle|box)/i;

export function extractMoney(scan: Scan): void {
  const n = scan.n;
  let m: RegExpExecArray | null;
  const prefix = PREFIX_HINT_RE.test(n);
  const suffix = SUFFIX_HINT_RE.test(n);
  const off = OFF_HINT_RE.test(n);
  PREFIX_MONEY_RE.lastIndex = 0;
  while (prefix && (m = PREFIX_MONEY_RE.exec(n))) {
    const amount = Number(m[2].replace(/,/g, '')) * multiplier(m[3]);
    pushMoney(scan, m.index, m.index + m[0].length, amount, currencyOf(m[1], scan, m[4] ?? ''), 1);
  }
  SUFFIX_MONEY_RE.lastIndex = 0;
  while (suffix && (m = SUFFIX_MONEY_RE.exec(n))) {
    const end = m.index + m[0].length;
    const cn = !/\d/.test(m[1]);
    if (cn && (m[3] === '块' || m[3] === '塊')) {
      const next = n.slice(end, end + 1) || ' ';
      if (next === '儿' || ((m[1] === '一' || m[1] === '两') && !CN_KUAI_OK_RE.test(next))) continue;
    }
    if (cn && m[1] === '一' && m[3] === '刀') continue;
    const amount = parseAnyNumber(m[1]) * multiplier(m[2]);
    pushMoney(scan, m.index, end, amount, currencyOf(m[3], scan), 1);
  }
  if (/预算|預算|budget|予算/i.test(n)) {
    BUDGET_RE.lastIndex = 0;
    while ((m = BUDGET_RE.exec(n))) {
      const end = m.index + m[0].length;
      const start = end - m[1].length - (m[2]?.length ?? 0);
      pushMoney(
        scan,
        start,
        end,
        Number(m[1].replace(/,/g, '')) * multiplier(m[2]),
        currencyOf(undefined, scan),
        0,
      );
    }
  }
  if (n.includes('满')) {
    MANJIAN_RE.lastIndex = 0;
    while ((m = MANJIAN_RE.exec(n))) {
      const ix = m.indices;
      if (!ix) continue;
      const currency = scan.opts.language === 'ja' ? 'JPY' : 'CNY';
      pushMoney(scan, ix[1][0], (ix[2] ?? ix[1])[1], parseAnyNumber(m[1]), currency, 4, 'threshold');
      pushMoney(scan, ix[3][0], (ix[4] ?? ix[3])[1], parseAnyNumber(m[3]), currency, 4, 'discount');
    }
  }
  OFF_RE.lastIndex = 0;
  while (off && (m = OFF_RE.exec(n))) {
    const ix = m.indices;
    if (!ix) continue;
    const amount = Number(m[2].replace(/,/g, ''));
    pushMoney(
      scan,
      (ix[1] ?? ix[2])[0],
      (ix[3] ?? ix[2])[1],
      amount,
      currencyOf(m[1] ?? m[3], scan),
      2,
      'discount',
    );
  }
}

const QTY_RE = new RegExp(
  String.raw`(?:(?<![\d.A-Za-z第])(\d{1,4})|(?<![第一二两俩三四五六七八九十百千万])([一二两俩三四五六七八九十]{1,3}))\s?(?:(件|个|個|条|條|双|雙|套|瓶|盒|包|袋|箱|支|只|台|部|份|张|張|对|把|罐|片|顶|本|枚|つ|点|足|着|セット)|(pcs|pc|pieces?|pairs?|units?|items?|sets?|packs?|bottles?|boxes)(?![A-Za-z]))`,
  'gi',
);
/** 个 followed by these is a span of time or a person, not a count of goods (三个月, 一个人). */
const GE_NOT_GOODS_RE = /^(?:月|星期|礼拜|禮拜|小时|钟|鐘|工作日|多月|人|半月|问题|事)/;
const TIMES_RE =
  /(?<![A-Za-z0-9])[x×*]\s?(\d{1,3})(?![\d.A-Za-z])|(?<![\d.A-Za-z])(\d{1,3})\s?[x×](?![A-Za-z0-9])/g;
/** English counts without a unit word: 2 of them, 3 black ones, 2 more. */
const EN_COUNT_RE =
  /(?<![\d.$€£¥])\b(\d{1,3})\s+(?:[a-z]+\s+)?(?:ones?\b|of\s+(?:them|these|those|each)\b|more\b)/gi;
/** 一盒是10片, 一箱24瓶: a pack described, not a count ordered. */
const PACK_DESCRIPTION_RE = /^\s?(?:是|有|装|裝|多少|几|幾|\d|[二两三四五六七八九十])/;
const QTY_LABEL_RE = /(?:qty|quantity|数量|數量|個数)\s*[:：是为は=]?\s*(\d{1,4})(?![\d.])/gi;

export function extractQuantities(scan: Scan, hasDigit: boolean): void {
  const n = scan.n;
  let m: RegExpExecArray | null;
  const units = QTY_HINT_RE.test(n);
  QTY_RE.lastIndex = 0;
  while (units && (m = QTY_RE.exec(n))) {
    const whole = m[0];
    const num = m[1] ?? m[2];
    const unitRaw = m[3] ?? m[4];
    const unit = unitRaw.toLowerCase();
    const end = m.index + whole.length;
    const cn = !/\d/.test(num);
    if (unit === '个' && (num === '一' || GE_NOT_GOODS_RE.test(n.slice(end, end + 3)))) continue;
    if (unit === '点' && (scan.opts.language !== 'ja' || num === '一')) continue;
    if (
      (unit === '把' || unit === '本' || unit === '包' || unit === '部' || unit === '份' || unit === '片') &&
      num === '一'
    )
      continue;
    if (unit === '着' && !cn && scan.opts.language !== 'ja') continue;
    if (num === '一' && PACK_DESCRIPTION_RE.test(n.slice(end, end + 2))) continue;
    const amount = cn ? parseCnNumber(num) : Number(num);
    if (!Number.isFinite(amount) || amount <= 0) continue;
    push(scan, 'quantity', m.index, end, String(amount), 0, { amount, unit: unitRaw });
  }
  if (!hasDigit) return;
  const times = /[x×*]/i.test(n);
  TIMES_RE.lastIndex = 0;
  while (times && (m = TIMES_RE.exec(n))) {
    const amount = Number(m[1] ?? m[2]);
    if (amount > 0)
      push(scan, 'quantity', m.index, m.index + m[0].length, String(amount), 0, { amount, unit: 'x' });
  }
  if (/[a-z]/i.test(n)) {
    EN_COUNT_RE.lastIndex = 0;
    while ((m = EN_COUNT_RE.exec(n))) {
      const amount = Number(m[1]);
      if (amount > 0)
        push(scan, 'quantity', m.index, m.index + m[1].length, String(amount), -1, { amount, unit: 'item' });
    }
  }
  const labelled = /qty|quantity|数量|數量|個数/i.test(n);
  QTY_LABEL_RE.lastIndex = 0;
  while (labelled && (m = QTY_LABEL_RE.exec(n))) {
    const end = m.index + m[0].length;
    const amount = Number(m[1]);
    if (amount > 0)
      push(scan, 'quantity', end - m[1].length, end, String(amount), 0, { amount, unit: 'item' });
  }
}
