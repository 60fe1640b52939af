import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Traditional → simplified pairs of the common characters (see the file's header for its source). */
export const HANT_HANS_TABLE = join(__dirname, '../../data/zh-hant-hans.txt');

let table: { map: Map<string, string>; pattern: RegExp } | undefined;

function load(): { map: Map<string, string>; pattern: RegExp } {
  if (!table) {
    const map = new Map<string, string>();
    for (const line of readFileSync(HANT_HANS_TABLE, 'utf8').split('\n')) {
      const l = line.trim();
      if (!l || l.startsWith('#')) continue;
      const [t, s] = l.split(/\s+/);
      if (t && s && [...t].length === 1 && [...s].length === 1) map.set(t, s);
    }
    table = { map, pattern: new RegExp(`[${[...map.keys()].join('')}]`, 'gu') };
  }
  return table;
}

/**
 * Folds traditional Chinese characters to their simplified forms (退貨運費 → 退货运费), character by
 * character, for the ~1,100 common characters of data/zh-hant-hans.txt. Applied to Chinese text
 * only (never Japanese, whose kanji are not simplified Chinese), to articles and questions alike,
 * before segmentation, so the two meet whichever script either is written in.
 */
export function toSimplified(text: string): string {
  const { map, pattern } = load();
  pattern.lastIndex = 0;
  return pattern.test(text) ? text.replace(pattern, (c) => map.get(c) ?? c) : text;
}
