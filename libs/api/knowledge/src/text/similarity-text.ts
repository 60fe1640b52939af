import { toSimplified } from './hant';
import { normalizeText, scriptOf } from './normalize';

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+/gu;

/**
 * The form pg_trgm compares. pg_trgm splits on spaces and makes trigrams inside each word, which on
 * unspaced Chinese or Japanese only says whether long stretches match. Written as overlapping
 * character pairs (退货运费 → 退货 货运 运费) every pair becomes a word, so the trigram similarity
 * measures shared character pairs: it forgives a segmentation difference or a wrong character.
 * It also does not depend on the database's ctype locale classifying CJK as letters: the pairs are
 * compared the same on PostgreSQL and PGlite (checked in the PGlite parity test). Chinese text
 * (by `locale` and script, as segment() decides) has its traditional characters folded to simplified.
 */
export function similarityText(text: string, locale = 'zh'): string {
  return normalizeText(text)
    .split(' ')
    .map((chunk) => (scriptOf(chunk, locale) === 'zh' ? toSimplified(chunk) : chunk)) // as segment() reads it
    .join(' ')
    .replace(CJK_RUN, (run) => {
      const c = [...run];
      if (c.length < 2) return ` ${run} `;
      const pairs: string[] = [];
      for (let i = 0; i + 2 <= c.length; i++) pairs.push(c[i] + c[i + 1]);
      return ` ${pairs.join(' ')} `;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** Markdown to the words a reader sees: links and images keep their text, syntax goes. */
export function markdownText(md: string): string {
  return md
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[`*_#>~|]/g, ' ');
}
