/**
 * Colours in zh, en and ja, reported with an English canonical value. Single-character zh/ja colours
 * (白, 黑, 红 …) count only where they read as colours (白的, 要白, 黑白两色, 白T恤, 黒の), never inside
 * words (明白, 白天, 黑人, 面白い, 赤ちゃん), which are stop entries of the same trie.
 */
import { CharTrie } from './char-trie';
import { Scan, push } from './extraction-context';

interface ColourPayload {
  value: string;
  /** A lone CJK character that needs colour context. */
  single: boolean;
}

const COLOURS: Record<string, string> = {
  // zh
  黑色: 'black', 白色: 'white', 红色: 'red', 紅色: 'red', 蓝色: 'blue', 藍色: 'blue', 绿色: 'green', 綠色: 'green',
  灰色: 'grey', 粉色: 'pink', 粉红: 'pink', 粉红色: 'pink', 紫色: 'purple', 黄色: 'yellow', 黃色: 'yellow', 棕色: 'brown',
  咖啡色: 'brown', 咖色: 'brown', 驼色: 'camel', 卡其: 'khaki', 卡其色: 'khaki', 米色: 'beige', 米白: 'off-white',
  米白色: 'off-white', 奶白: 'off-white', 奶白色: 'off-white', 杏色: 'apricot', 藏青: 'navy', 藏青色: 'navy', 藏蓝: 'navy',
  藏蓝色: 'navy', 深蓝: 'navy', 深蓝色: 'navy', 海军蓝: 'navy', 浅蓝: 'light blue', 浅蓝色: 'light blue', 天蓝: 'sky blue',
  天蓝色: 'sky blue', 宝蓝: 'royal blue', 宝蓝色: 'royal blue', 雾霾蓝: 'haze blue', 酒红: 'burgundy', 酒红色: 'burgundy',
  玫红: 'rose red', 玫红色: 'rose red', 军绿: 'army green', 军绿色: 'army green', 墨绿: 'dark green', 墨绿色: 'dark green',
  浅灰: 'light grey', 浅灰色: 'light grey', 深灰: 'dark grey', 深灰色: 'dark grey', 银色: 'silver', 金色: 'gold',
  玫瑰金: 'rose gold', 正红: 'red', 正红色: 'red', 大红: 'red', 大红色: 'red', 纯黑: 'black', 纯白: 'white', 香槟色: 'champagne', 橙色: 'orange', 橘色: 'orange', 燕麦色: 'oatmeal', 焦糖色: 'caramel',
  象牙白: 'ivory', 透明色: 'clear', 午夜黑: 'black', 曜石黑: 'black', 星空灰: 'grey',
  // ja
  黒色: 'black', 赤色: 'red', 青色: 'blue', 緑色: 'green', 紺色: 'navy', 茶色: 'brown', 黄緑: 'yellow green',
  ブラック: 'black', ホワイト: 'white', ネイビー: 'navy', ベージュ: 'beige', グレー: 'grey', グレイ: 'grey',
  レッド: 'red', ブルー: 'blue', グリーン: 'green', ピンク: 'pink', イエロー: 'yellow', パープル: 'purple',
  ブラウン: 'brown', カーキ: 'khaki', オレンジ: 'orange', シルバー: 'silver', ゴールド: 'gold', アイボリー: 'ivory',
  オフホワイト: 'off-white', ライトブルー: 'light blue', ライトグレー: 'light grey', ダークグレー: 'dark grey',
  チャコール: 'charcoal', ワインレッド: 'burgundy', ミント: 'mint', ラベンダー: 'lavender',
  // en
  black: 'black', white: 'white', navy: 'navy', 'navy blue': 'navy', beige: 'beige', khaki: 'khaki', red: 'red',
  blue: 'blue', grey: 'grey', gray: 'grey', pink: 'pink', green: 'green', yellow: 'yellow', purple: 'purple',
  brown: 'brown', orange: 'orange', silver: 'silver', gold: 'gold', cream: 'cream', ivory: 'ivory',
  burgundy: 'burgundy', olive: 'olive', charcoal: 'charcoal', camel: 'camel', maroon: 'maroon', teal: 'teal',
  lavender: 'lavender', coral: 'coral', 'light blue': 'light blue', 'sky blue': 'sky blue', 'royal blue': 'royal blue',
  'dark blue': 'navy', 'light grey': 'light grey', 'light gray': 'light grey', 'dark grey': 'dark grey',
  'dark gray': 'dark grey', 'dark green': 'dark green', 'army green': 'army green', 'rose gold': 'rose gold',
  'off-white': 'off-white', 'off white': 'off-white', 'wine red': 'burgundy', 'space gray': 'grey', 'space grey': 'grey',
  'midnight black': 'black',
};

const SINGLES: Record<string, string> = {
  黑: 'black', 白: 'white', 红: 'red', 紅: 'red', 蓝: 'blue', 藍: 'blue', 绿: 'green', 綠: 'green', 灰: 'grey',
  粉: 'pink', 紫: 'purple', 黄: 'yellow', 黃: 'yellow', 棕: 'brown', 黒: 'black', 赤: 'red', 青: 'blue', 緑: 'green',
  紺: 'navy',
};

/** Words that contain a colour character or word but are not colours. */
const STOPS = [
  '明白', '白天', '白菜', '白酒', '白领', '白痴', '空白', '白费', '白白', '坦白', '白条', '白糖', '白开水', '蛋白', '白茶',
  '黑人', '黑客', '黑名单', '拉黑', '黑店', '天黑', '黑心', '黑糖', '黑暗', '黑头', '漆黑', '黑色星期五',
  '红包', '红利', '网红', '红人', '走红', '眼红', '红枣', '红酒', '红茶', '红薯', '红豆', '红米', '红书', '小红书', '红烧',
  '蓝牙', '蓝月亮', '黄金', '黄牛', '黄瓜', '黄油', '灰心', '灰尘', '粉丝', '面粉', '奶粉', '粉底', '粉刺', '米粉', '蛋白粉',
  '绿茶', '绿卡', '绿豆', '紫外线', '紫菜', '青春', '青年', '青菜', '年青',
  '面白', '告白', '白紙', '赤ちゃん', '赤字', '赤ん坊', '黒字', '青年', '真っ白', '真っ赤', '真っ黒',
  'black friday', 'green tea', 'gold member', 'red envelope', 'orange juice', 'white list', 'cream cheese',
];

/** Characters after a lone colour that make it a colour: 白的, 黑色款 is covered by 黑色, 黒の, 白い. */
const AFTER_OK = new Set(['的', '款', '系', '码', '碼', '号', '號', '吗', '嗎', '呢', '吧', '色', 'の', 'い', 'を', 'が', 'で', 'と', 'や', 'か', 'っ', ' ', ',', '，', '、', '/', '。', '?', '？', '!', '！']);
/** Characters before a lone colour that make it one: 要白, 选黑, 是红, 一件白. */
const BEFORE_OK = new Set(['要', '选', '選', '换', '換', '拿', '发', '發', '是', '买', '買', '个', '個', '件', '条', '條', '双', '雙', '成', '和', '或', '、', '跟', '与', '還', '还', '纯', '純', 'の', 'は', '/', '偏', '带', '帶']);

const trie = new CharTrie<ColourPayload>();
for (const [k, v] of Object.entries(COLOURS)) trie.set(k, { value: v, single: false });
for (const [k, v] of Object.entries(SINGLES)) trie.set(k, { value: v, single: true });
const STOP: ColourPayload = { value: '', single: false };
for (const w of STOPS) trie.set(w, STOP);

function isCjk(c: string | undefined): boolean {
  return c !== undefined && /[\u3040-\u30ff\u3400-\u9fff]/.test(c);
}

export function extractColours(scan: Scan, productStarts: readonly number[]): void {
  const text = scan.n;
  trie.scan(text, (start, end, p) => {
    if (p === STOP) return;
    if (p.single) {
      const before = text[start - 1];
      const after = text[end];
      const ok =
        end >= text.length ||
        (after !== undefined && AFTER_OK.has(after)) ||
        (before !== undefined && BEFORE_OK.has(before)) ||
        productStarts.includes(end) ||
        (after !== undefined && after in SINGLES) ||
        (before !== undefined && before in SINGLES) ||
        (before === undefined && !isCjk(after));
      if (!ok) return false;
    }
    push(scan, 'color', start, end, p.value, p.single ? 0 : 1);
    return true;
  });
}
