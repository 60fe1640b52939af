import { diffChars, diffLines } from 'diff';
import type { DiffPartDto, KnowledgeDiffDto } from '@kefu/shared/contracts';
import { ArticleContent, CONTENT_FIELDS } from '../indexing/article-index';

const LIST_FIELDS = new Set<keyof ArticleContent>([
  'questions',
  'regions',
  'productIds',
  'categoryIds',
  'tags',
]);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Fields whose values differ between two versions, in the order CONTENT_FIELDS lists them. */
export function changedFields(from: ArticleContent | null, to: ArticleContent): (keyof ArticleContent)[] {
  if (!from) return [...CONTENT_FIELDS];
  return CONTENT_FIELDS.filter((f) => !same(from[f], to[f]));
}

const lines = (xs: string[]) => (xs.length ? `${xs.join('\n')}\n` : '');
const parts = (changes: { value: string; added?: boolean; removed?: boolean }[]): DiffPartDto[] =>
  changes.map((c) => ({ value: c.value, added: !!c.added, removed: !!c.removed }));

/**
 * The diff of two versions, field by field: lists one entry per line, the answer by line, the
 * title by character (CJK titles have no word boundaries), scalars as removed old / added new.
 */
export function diffVersions(
  articleId: number,
  from: { version: number; content: ArticleContent },
  to: { version: number; content: ArticleContent },
): KnowledgeDiffDto {
  const fields: KnowledgeDiffDto['fields'] = [];
  for (const f of changedFields(from.content, to.content)) {
    const a = from.content[f];
    const b = to.content[f];
    let p: DiffPartDto[];
    if (LIST_FIELDS.has(f)) p = parts(diffLines(lines(a as string[]), lines(b as string[])));
    else if (f === 'answer') p = parts(diffLines(a as string, b as string));
    else if (f === 'title') p = parts(diffChars(a as string, b as string));
    else
      p = [
        ...(a === null || a === '' ? [] : [{ value: String(a), added: false, removed: true }]),
        ...(b === null || b === '' ? [] : [{ value: String(b), added: true, removed: false }]),
      ];
    fields.push({ field: f, parts: p });
  }
  return { articleId, from: from.version, to: to.version, fields };
}
