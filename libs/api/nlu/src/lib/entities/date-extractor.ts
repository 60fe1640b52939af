/**
 * Dates, absolute (2024-11-25, 11月25日, 11/25, Nov 25, 25号) and relative (昨天, 上周, 3 days ago, 先週),
 * resolved against `opts.now` in `opts.timezone` (the process's zone when absent). Value is `YYYY-MM-DD`;
 * a week or month is reported as its first day with `meta.from` / `meta.to`.
 */
import { parseCnNumber } from './cn-number';
import { Scan, push } from './extraction-context';

/** A calendar day as a UTC-midnight timestamp (days are exact; no DST). */
type Day = number;
const DAY_MS = 86_400_000;

const ISO_RE = /(?<!\d)((?:19|20)\d{2})\s?[-/.年]\s?(\d{1,2})\s?[-/.月]\s?(\d{1,2})\s?(?:日|号|號)?(?!\d)/g;
const MD_CJK_RE = /(?<![\d年./-])(\d{1,2})\s?月\s?(\d{1,2})\s?(日|号|號)?(?![\d月])/g;
const MD_CN_RE =
  /(?<![一二三四五六七八九十])([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})(?:日|号|號)/g;
const SLASH_RE = /(?<![\d/.:-])(\d{1,2})\/(\d{1,2})(?![\d/%]|\s?(?:件|个|個|pcs))/g;
const MONTHS =
  'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec';
const EN_MD_RE = new RegExp(
  String.raw`\b(${MONTHS})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+((?:19|20)\d{2}))?(?![\d:])`,
  'gi',
);
const EN_DM_RE = new RegExp(
  String.raw`(?<![\d.])(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(${MONTHS})\b\.?(?:,?\s+((?:19|20)\d{2}))?`,
  'gi',
);
const DAY_ONLY_RE = /(?<![\d月/.\-年])(\d{1,2})\s?(日|号|號)(?![\d間间元币幣本語语前後后以内中ほで])/g;

const REL_HINT_RE =
  /[天日周週星期拜月昨今明前后後曜双雙]|today|yesterday|tomorrow|tonight|week|month|ago|monday|tuesday|wednesday|thursday|friday|saturday|sunday|おととい|あさって/i;
const REL_WORDS_RE =
  /(大前天|前天|昨天|昨晚|昨日|今天|今日|明天|明日|后天|後天|一昨日|おととい|明後日|あさって|day before yesterday|yesterday|today|tonight|tomorrow|上上(?:个|個)?(?:周|週|星期|礼拜|禮拜)|上(?:个|個)?(?:周|週|星期|礼拜|禮拜)|先週|last week|(?:这|這)(?:个|個)?(?:周|週|星期|礼拜|禮拜)|本(?:周|週)|今週|this week|下(?:个|個)?(?:周|週|星期|礼拜|禮拜)|来週|next week|上(?:个|個)月|上月|先月|last month|(?:这|這)(?:个|個)月|本月|今月|this month|下(?:个|個)月|来月|next month)(?:(?:的|の)?(一|二|三|四|五|六|日|天|末|[月火水木金土日]曜日?))?/gi;
const MONTH_HINT_RE = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i;
const EN_WEEKDAY_RE = /\b(last|this|next)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/gi;
/** A weekday alone: 周五, 星期三, 礼拜天, 金曜日, (by) Thursday. */
const BARE_WEEKDAY_RE =
  /(?<![上下这這本先今来])(?:周|週|星期|礼拜|禮拜)([一二三四五六日天])|(?<![先今来週の])([月火水木金土日])曜日?|\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/gi;
/** Words that put a bare weekday in the past (下的单, since, ordered) or the future (能到, by, までに). */
const PAST_CUE_RE =
  /下的单|下单|下了单|买的|買的|拍的|付的|签收|簽收|寄的|发的|since|last|ago|ordered|bought|placed|paid|注文し|買っ|届いた|購入し|発送され/i;
/** Shopping festivals: 双十一 / 双11 (11-11), 双十二 / 双12 (12-12). */
const FESTIVAL_RE = /双(?:十一|11)|雙(?:十一|11)|双(?:十二|12)|雙(?:十二|12)/g;
const AGO_RE =
  /(?<![A-Za-z])(\d{1,2}|[一二两三四五六七八九十半]{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s?(?:个|個)?\s?(天|日|days?|周|週間|週|星期|礼拜|禮拜|weeks?|月|ヶ月|か月|カ月|months?)\s?(前|ago|以前)/gi;

const EN_NUM: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};
const ZH_WEEKDAY = '一二三四五六日';
const JA_WEEKDAY = '月火水木金土日';
const EN_WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const formatters = new Map<string, Intl.DateTimeFormat>();

function todayOf(now: Date, timezone: string | undefined): Day {
  if (!timezone) return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timezone, f);
  }
  const [y, m, d] = f.format(now).split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

function iso(day: Day): string {
  const d = new Date(day);
  const m = d.getUTCMonth() + 1;
  const dd = d.getUTCDate();
  return `${d.getUTCFullYear()}-${m < 10 ? '0' : ''}${m}-${dd < 10 ? '0' : ''}${dd}`;
}

/** The day for y-m-d, or NaN when it does not exist (2月30日). */
function dayOf(y: number, m: number, d: number): Day {
  if (m < 1 || m > 12 || d < 1 || d > 31) return NaN;
  const t = Date.UTC(y, m - 1, d);
  return new Date(t).getUTCDate() === d ? t : NaN;
}

/** Monday (0) .. Sunday (6). */
function weekdayOf(day: Day): number {
  return (new Date(day).getUTCDay() + 6) % 7;
}

/** The nearest existing date among `candidates` to `today`, future dates counting a little further. */
function nearest(today: Day, candidates: Day[]): Day {
  let best = NaN;
  let bestCost = Infinity;
  for (const c of candidates) {
    if (Number.isNaN(c)) continue;
    const cost = c > today ? (c - today) * 1.5 : today - c;
    if (cost < bestCost) {
      best = c;
      bestCost = cost;
    }
  }
  return best;
}

function pushDate(
  scan: Scan,
  start: number,
  end: number,
  day: Day,
  prio: number,
  meta?: Record<string, string>,
): void {
  if (Number.isNaN(day)) return;
  push(scan, 'date', start, end, iso(day), prio, meta);
}

function pushRange(scan: Scan, start: number, end: number, from: Day, to: Day, relative: string): void {
  push(scan, 'date', start, end, iso(from), 2, { from: iso(from), to: iso(to), relative });
}

function monthDay(today: Day, m: number, d: number): Day {
  const y = new Date(today).getUTCFullYear();
  return nearest(today, [dayOf(y - 1, m, d), dayOf(y, m, d), dayOf(y + 1, m, d)]);
}

function monthIndex(name: string): number {
  const k = name.toLowerCase().slice(0, 3);
  return ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(k) + 1;
}

export function extractDates(scan: Scan, hasDigit: boolean): void {
  const n = scan.n;
  let todayCache = NaN;
  /** Today's date, worked out only once a date is found. */
  const T = (): Day =>
    Number.isNaN(todayCache) ? (todayCache = todayOf(scan.opts.now, scan.opts.timezone)) : todayCache;
  let m: RegExpExecArray | null;
  if (hasDigit) {
    const fourDigits = /\d{4}/.test(n);
    const month = n.includes('月');
    const slash = n.includes('/');
    const monthName = MONTH_HINT_RE.test(n);
    const dayMark = /[日号號]/.test(n);
    ISO_RE.lastIndex = 0;
    while (fourDigits && (m = ISO_RE.exec(n)))
      pushDate(scan, m.index, m.index + m[0].length, dayOf(+m[1], +m[2], +m[3]), 3);
    MD_CJK_RE.lastIndex = 0;
    while (month && (m = MD_CJK_RE.exec(n)))
      pushDate(scan, m.index, m.index + m[0].length, monthDay(T(), +m[1], +m[2]), 2);
    SLASH_RE.lastIndex = 0;
    while (slash && (m = SLASH_RE.exec(n))) {
      let a = +m[1];
      let b = +m[2];
      if (a > 12 && b <= 12) [a, b] = [b, a];
      pushDate(scan, m.index, m.index + m[0].length, monthDay(T(), a, b), 1);
    }
    EN_MD_RE.lastIndex = 0;
    while (monthName && (m = EN_MD_RE.exec(n))) {
      if (/^(?:may|march|mar)$/i.test(m[1]) && scan.text[m.index] !== m[1][0].toUpperCase()) continue;
      const mo = monthIndex(m[1]);
      const day = m[3] ? dayOf(+m[3], mo, +m[2]) : monthDay(T(), mo, +m[2]);
      pushDate(scan, m.index, m.index + m[0].length, day, 2);
    }
    EN_DM_RE.lastIndex = 0;
    while (monthName && (m = EN_DM_RE.exec(n))) {
      if (/^(?:may|march|mar)$/i.test(m[2]) && !/^[A-Z]/.test(m[2])) continue;
      const mo = monthIndex(m[2]);
      const day = m[3] ? dayOf(+m[3], mo, +m[1]) : monthDay(T(), mo, +m[1]);
      pushDate(scan, m.index, m.index + m[0].length, day, 2);
    }
    DAY_ONLY_RE.lastIndex = 0;
    while (dayMark && (m = DAY_ONLY_RE.exec(n))) {
      const d = +m[1];
      if (d < 1 || d > 31) continue;
      const t = new Date(T());
      const y = t.getUTCFullYear();
      const mo = t.getUTCMonth() + 1;
      const day = nearest(T(), [
        dayOf(y, mo, d),
        mo === 1 ? dayOf(y - 1, 12, d) : dayOf(y, mo - 1, d),
        mo === 12 ? dayOf(y + 1, 1, d) : dayOf(y, mo + 1, d),
      ]);
      pushDate(scan, m.index, m.index + m[0].length, day, 0, { inferred: 'month' });
    }
  }
  if (n.includes('月')) {
    MD_CN_RE.lastIndex = 0;
    while ((m = MD_CN_RE.exec(n))) {
      pushDate(
        scan,
        m.index,
        m.index + m[0].length,
        monthDay(T(), parseCnNumber(m[1]), parseCnNumber(m[2])),
        2,
      );
    }
  }
  if (!REL_HINT_RE.test(n)) return;
  REL_WORDS_RE.lastIndex = 0;
  while ((m = REL_WORDS_RE.exec(n))) {
    let weekday: string | undefined = m[2];
    let end = m.index + m[0].length;
    // 上周一直… is "all last week", not "last Monday"
    if (weekday === '一' && /[直下样樣起些点點]/.test(n[end] ?? '')) {
      weekday = undefined;
      end -= 1;
      REL_WORDS_RE.lastIndex = end;
    }
    relative(scan, T(), m.index, end, m[1].toLowerCase(), weekday);
  }
  const enWeekday = /day\b/i.test(n);
  EN_WEEKDAY_RE.lastIndex = 0;
  while (enWeekday && (m = EN_WEEKDAY_RE.exec(n))) {
    const target = EN_WEEKDAYS.indexOf(m[2].toLowerCase());
    const wd = weekdayOf(T());
    const which = m[1].toLowerCase();
    let day: Day;
    if (which === 'this') day = T() + (target - wd) * DAY_MS;
    else if (which === 'next') day = T() + (7 - wd + target) * DAY_MS;
    else day = T() - ((wd - target + 7) % 7 || 7) * DAY_MS; // last: the most recent one before T()
    pushDate(scan, m.index, m.index + m[0].length, day, 2, { relative: `${which}_${m[2].toLowerCase()}` });
  }
  if (/[周週期拜曜]|day/i.test(n)) {
    const past = PAST_CUE_RE.test(n);
    BARE_WEEKDAY_RE.lastIndex = 0;
    while ((m = BARE_WEEKDAY_RE.exec(n))) {
      let idx: number;
      if (m[1]) idx = ZH_WEEKDAY.indexOf(m[1] === '天' ? '日' : m[1]);
      else if (m[2]) idx = JA_WEEKDAY.indexOf(m[2]);
      else idx = EN_WEEKDAYS.indexOf(m[3].toLowerCase());
      // 周一直…: 一 starts 一直, not Monday
      if (m[1] === '一' && /[直下样樣起些点點]/.test(n[m.index + m[0].length] ?? '')) continue;
      if (m[2] && m[0].length === 1) continue; // a lone 月/日 is not a weekday
      const wd = weekdayOf(T());
      const strict = /since/i.test(n);
      const day = past
        ? T() - ((wd - idx + 7) % 7 || (strict ? 7 : 0)) * DAY_MS
        : T() + ((idx - wd + 7) % 7) * DAY_MS;
      pushDate(scan, m.index, m.index + m[0].length, day, 1, {
        relative: `${past ? 'past' : 'next'}_${EN_WEEKDAYS[idx]}`,
      });
    }
  }
  if (n.includes('双') || n.includes('雙')) {
    FESTIVAL_RE.lastIndex = 0;
    while ((m = FESTIVAL_RE.exec(n))) {
      const twelve = /十二|12/.test(m[0]);
      pushDate(scan, m.index, m.index + m[0].length, monthDay(T(), twelve ? 12 : 11, twelve ? 12 : 11), 2, {
        relative: twelve ? 'double_12' : 'double_11',
      });
    }
  }
  const ago = /前|ago/i.test(n);
  AGO_RE.lastIndex = 0;
  while (ago && (m = AGO_RE.exec(n))) {
    const q = m[1].toLowerCase();
    const k = /\d/.test(q) ? +q : q in EN_NUM ? EN_NUM[q] : q === '半' ? 0.5 : parseCnNumber(q);
    if (!Number.isFinite(k) || k <= 0) continue;
    const unit = m[2].toLowerCase();
    if (/^[a-z]/.test(q) && !/^[a-z]/.test(unit)) continue;
    if (unit === '日' && n[m.index + m[0].length - 1] !== '前') continue;
    const isDay = /^(?:天|日|day)/.test(unit);
    const isWeek = /^(?:周|週|星期|礼拜|禮拜|week)/.test(unit);
    let day: Day;
    if (isDay || isWeek) day = T() - Math.round(isDay ? k : k * 7) * DAY_MS;
    else if (k === 0.5) day = T() - 15 * DAY_MS;
    else day = monthsBefore(T(), Math.round(k));
    pushDate(scan, m.index, m.index + m[0].length, day, 2, {
      relative: `${numLabel(k)}_${isDay ? 'days' : isWeek ? 'weeks' : 'months'}_ago`,
    });
  }
}

/** The same day of the month `k` months earlier, clamped to that month's last day. */
function monthsBefore(today: Day, k: number): Day {
  const t = new Date(today);
  const y = t.getUTCFullYear();
  const mo = t.getUTCMonth() - k;
  const last = new Date(Date.UTC(y, mo + 1, 0)).getUTCDate();
  return Date.UTC(y, mo, Math.min(t.getUTCDate(), last));
}

function numLabel(k: number): string {
  return String(k).replace('.', '_');
}

const DAY_WORDS: Record<string, [number, string]> = {
  大前天: [-3, 'three_days_ago'],
  前天: [-2, 'day_before_yesterday'],
  一昨日: [-2, 'day_before_yesterday'],
  おととい: [-2, 'day_before_yesterday'],
  'day before yesterday': [-2, 'day_before_yesterday'],
  昨天: [-1, 'yesterday'],
  昨晚: [-1, 'yesterday'],
  昨日: [-1, 'yesterday'],
  yesterday: [-1, 'yesterday'],
  今天: [0, 'today'],
  今日: [0, 'today'],
  today: [0, 'today'],
  tonight: [0, 'today'],
  明天: [1, 'tomorrow'],
  明日: [1, 'tomorrow'],
  tomorrow: [1, 'tomorrow'],
  后天: [2, 'day_after_tomorrow'],
  後天: [2, 'day_after_tomorrow'],
  明後日: [2, 'day_after_tomorrow'],
  あさって: [2, 'day_after_tomorrow'],
};

function relative(
  scan: Scan,
  today: Day,
  start: number,
  end: number,
  word: string,
  weekdayPart: string | undefined,
): void {
  const dw = DAY_WORDS[word];
  if (dw) {
    // a weekday part cannot follow a day word; give the word back its own span
    pushDate(scan, start, start + word.length, today + dw[0] * DAY_MS, 2, { relative: dw[1] });
    return;
  }
  const isMonth = /月|month/.test(word) && !/^(?:周|週|星期)/.test(word);
  const offset = /^上上/.test(word)
    ? -2
    : /^(?:上|先|last)/.test(word)
      ? -1
      : /^(?:下|来|next)/.test(word)
        ? 1
        : 0;
  const label =
    offset === -2
      ? 'week_before_last'
      : `${offset < 0 ? 'last' : offset > 0 ? 'next' : 'this'}_${isMonth ? 'month' : 'week'}`;
  if (isMonth) {
    if (weekdayPart) end = start + word.length;
    const t = new Date(today);
    const from = Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + offset, 1);
    const to = Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + offset + 1, 0);
    pushRange(scan, start, end, from, to, label);
    return;
  }
  const monday = today - weekdayOf(today) * DAY_MS + offset * 7 * DAY_MS;
  if (weekdayPart) {
    const w = weekdayPart.replace(/^[的の]/, '')[0];
    if (w === '末') {
      pushRange(scan, start, end, monday + 5 * DAY_MS, monday + 6 * DAY_MS, `${label}end`);
      return;
    }
    let idx = ZH_WEEKDAY.indexOf(w === '天' ? '日' : w);
    if (/曜/.test(weekdayPart) || /[月火水木金土]/.test(w)) idx = JA_WEEKDAY.indexOf(w);
    if (idx >= 0) {
      pushDate(scan, start, end, monday + idx * DAY_MS, 2, { relative: `${label}_${EN_WEEKDAYS[idx]}` });
      return;
    }
  }
  pushRange(scan, start, start + word.length, monday, monday + 6 * DAY_MS, label);
}
