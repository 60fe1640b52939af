import type { PiiSpan } from './pii-kind';

/*
 * Street addresses in Chinese, Japanese and English, on width-folded text. Each pattern needs a street-level
 * part (a house number after a road, a building/unit/room, a 丁目/番地 number, a number before "Street"), so a
 * city or district alone ("我住在上海市"), a unit alone ("第2单元") or an ordinary sentence is left as is.
 */

/**
 * `(?>p)` for JavaScript: once `p` has matched it is not re-entered on backtracking. Repeated parts whose names
 * can absorb each other's suffixes (北京市朝阳区…) would otherwise split in exponentially many ways.
 */
let atoms = 0;
function atomic(p: string): string {
  const name = `a${++atoms}`;
  return `(?=(?<${name}>${p}))\\k<${name}>`;
}

// ---- Chinese: [省][市][区/县][街道/镇] 路/街+号 [小区/大厦] [栋/座] [单元] [层] [室]
/** Characters that begin or glue a sentence ("寄到", "我住在", "地址是") and never start a place name. */
const ZH_STOP = '我你他她它们的了在是到寄送往改请帮把与或从去要住址收件货话号码给及并就吗呢吧啊也还再这那个';
const H = `(?:(?![${ZH_STOP}])[\\u4e00-\\u9fff])`;
const ZH_NUM = '[0-9一二三四五六七八九十百零〇两]+';
const ZH_ADMIN = `(?:${H}{2,7}?(?:省|自治区|特别行政区)|${H}{2,7}?(?:市|自治州|地区|盟)|${H}{1,7}?(?:区|县|旗|市)|${H}{1,7}?(?:街道|镇|乡))`;
const ZH_ROAD = `${H}{1,10}?(?:路|大道|大街|街|巷|胡同|道)(?:${ZH_NUM}段)?`;
const ZH_HOUSE = String.raw`\d+(?:-\d+)?(?:号|弄)(?:\d+(?:-\d+)?号)?`;
const ZH_ESTATE = `(?:[A-Za-z]|${H}){2,14}?(?:小区|花园|公寓|大厦|家园|新村|苑|广场|大楼|中心|城|园|村|府|庭|湾)`;
const ZH_BLDG = `(?:[A-Za-z]|${ZH_NUM})(?:号楼|栋|幢|座|号院)`;
const ZH_UNIT = `${ZH_NUM}单元`;
const ZH_ROOM = String.raw`[A-Za-z]?\d+(?:室|房|号房|户)`;
const ZH_FLOOR = String.raw`\d+(?:楼|层|F)`;
// a named tower after the house number (太古汇1座), its room without 室 (1座2203)
const ZH_NAMED_BLDG = `(?:[A-Za-z]|${H}){0,10}?${ZH_BLDG}(?:\\d{3,5}(?![\\d\\u4e00-\\u9fff]))?`;
const ZH_DETAIL = `(?:${ZH_ESTATE}|${ZH_NAMED_BLDG}|${ZH_UNIT}|${ZH_FLOOR}|${ZH_ROOM})`;
const ZH_NUMBERED = `(?:${ZH_BLDG}|${ZH_UNIT}|${ZH_ROOM})`;
const ZH_ADDRESS = new RegExp(
  `(?:${atomic(ZH_ADMIN)}){0,6}(?:` +
    // a road and its house number, then anything inside
    `${ZH_ROAD}${ZH_HOUSE}(?: ?${atomic(ZH_DETAIL)}){0,8}` +
    // an estate with a building, unit or room
    `|(?:${ZH_ROAD}(?:${ZH_HOUSE})?)?${ZH_ESTATE} ?${ZH_NUMBERED}(?: ?${atomic(ZH_DETAIL)}){0,8}` +
    // building + unit/room without a name: 5栋3单元502室
    `|${ZH_BLDG} ?(?:${ZH_UNIT} ?)?(?:${ZH_FLOOR} ?)?${ZH_ROOM}|${ZH_BLDG} ?${ZH_UNIT}` +
    ')',
  'g',
);

// ---- Japanese: 〒 都道府県 市区町村 町名 丁目 番地 号 [建物 階/号室]
const PREFECTURES =
  '北海道|青森県|岩手県|宮城県|秋田県|山形県|福島県|茨城県|栃木県|群馬県|埼玉県|千葉県|東京都|神奈川県|新潟県|富山県|石川県|福井県|山梨県|長野県|' +
  '岐阜県|静岡県|愛知県|三重県|滋賀県|京都府|大阪府|兵庫県|奈良県|和歌山県|鳥取県|島根県|岡山県|広島県|山口県|徳島県|香川県|愛媛県|高知県|' +
  '福岡県|佐賀県|長崎県|熊本県|大分県|宮崎県|鹿児島県|沖縄県';
const J = '[\\u4e00-\\u9fff\\u30a0-\\u30ff々]';
const JT = '[\\u3040-\\u30ff\\u4e00-\\u9fff々]';
const JA_MUNI = `${J}{1,6}?(?:市|区|郡|町|村)`;
const JA_NUM = '(?:\\d+|[一二三四五六七八九十]+)';
const JA_BLOCK = `(?:${JA_NUM}丁目(?:\\d+番地?(?:\\d+号?)?|\\d+(?:-\\d+){0,2})?|\\d+番地?(?:\\d+号)?|\\d+(?:-\\d+){1,3})`;
const JA_BUILDING = String.raw`(?: ?[\u30a0-\u30ff\u4e00-\u9fffA-Za-z]{1,20}? ?\d+(?:階|号室|F)| ?\d+(?:階|号室))?`;
const JA_ADDRESS = new RegExp(
  `(?:〒 ?\\d{3}-\\d{4} ?)?(?:(?:${PREFECTURES})(?:${atomic(JA_MUNI)}){0,3}|(?:${atomic(JA_MUNI)}){1,3})(?:${JT}|\\d+条){0,16}?${JA_BLOCK}${JA_BUILDING}`,
  'g',
);

// ---- English: number + street name + Street/Road/… [Apt/Unit] [, City] [, ST] [ZIP]
const variants = (words: string[]) =>
  words.flatMap((w) => [w, w.toLowerCase(), w.toUpperCase()]).filter((w, i, all) => all.indexOf(w) === i);
const SUFFIX = variants([
  'Street',
  'St',
  'Road',
  'Rd',
  'Avenue',
  'Ave',
  'Boulevard',
  'Blvd',
  'Lane',
  'Ln',
  'Drive',
  'Dr',
  'Way',
  'Court',
  'Ct',
  'Place',
  'Pl',
  'Terrace',
  'Highway',
  'Hwy',
  'Parkway',
  'Pkwy',
  'Square',
  'Close',
  'Crescent',
  'Loop',
  'Circle',
  'Row',
  'Alley',
  'Trail',
  'Plaza',
]).join('|');
const NOT_STREET_WORD = variants([
  'the',
  'a',
  'an',
  'of',
  'on',
  'in',
  'to',
  'for',
  'my',
  'your',
  'our',
  'their',
  'and',
  'or',
  'with',
  'at',
  'by',
  'from',
  'is',
  'was',
  'are',
  'it',
  'this',
  'that',
  'me',
  'you',
  'item',
  'items',
  'pair',
  'pairs',
  'day',
  'days',
  'mile',
  'miles',
  'km',
  'minute',
  'minutes',
  'hour',
  'hours',
  'time',
  'times',
  'year',
  'years',
  'week',
  'weeks',
  'pcs',
  'piece',
  'pieces',
  'unit',
  'units',
  'size',
  'down',
  'up',
  'along',
  'across',
  'off',
  'per',
  'more',
  'less',
  'other',
  'different',
]).join('|');
const WORD = `(?:(?!(?:${NOT_STREET_WORD})\\b)[A-Za-z][A-Za-z'-]*|\\d+(?:st|nd|rd|th))`;
const DIRECTION = '(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)';
const UNIT = `(?:,? ?(?:${variants(['Apt', 'Apartment', 'Unit', 'Suite', 'Ste', 'Room', 'Rm', 'Flat', 'Floor', 'Fl']).join('|')})\\.? ?#? ?[A-Za-z0-9-]+|,? ?# ?[A-Za-z0-9-]+)`;
const CITY = String.raw`(?:, ?[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})`;
const STATE_ZIP = String.raw`(?:,? ?[A-Z]{2}(?: \d{5}(?:-\d{4})?)?(?![A-Za-z])| \d{5}(?:-\d{4})?|,? [A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})`;
const EN_ADDRESS = new RegExp(
  `(?<![A-Za-z0-9])(?:\\d{1,6}[A-Za-z]?(?:-\\d{1,4})? (?:${DIRECTION}\\.? )?(?:${WORD} ){1,4}?(?:${SUFFIX})\\b(?: ${DIRECTION}\\b)?` +
    `${UNIT}?(?:${CITY}${STATE_ZIP}?)?${UNIT}?` +
    `|(?:P\\.? ?O\\.? ?Box|PO Box) \\d+)`,
  'g',
);

/** "改成广东省…", "换成…": the 成 belongs to the verb, not to the place. */
function trimLeadIn(text: string, start: number): number {
  return text[start] === '成' && start > 0 && '改换变'.includes(text[start - 1]) ? start + 1 : start;
}

export function detectAddresses(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const re of [ZH_ADDRESS, JA_ADDRESS, EN_ADDRESS]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const end = m.index + m[0].trimEnd().length;
      spans.push({ kind: 'ADDRESS', start: trimLeadIn(text, m.index), end });
    }
  }
  return spans;
}
