import { ArticleStatus, createArticleSchema } from '@kefu/shared/contracts';
import type { ArticleContent } from '../indexing/article-index';
import type { RawRow } from './file-parsers';

export interface RowDefaults {
  locale?: string;
  status?: ArticleStatus;
}

export type RowResult =
  { ok: true; content: ArticleContent } | { ok: false; message: string; externalKey: string | null };

const LIST_FIELDS = ['questions', 'regions', 'productIds', 'categoryIds', 'tags'] as const;

function asText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A list cell: an array, or text with entries separated by `|` (or new lines). */
function asList(v: unknown): unknown {
  if (v === undefined || v === null || v === '') return [];
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'number' ? String(x) : x));
  if (typeof v === 'string') return v.split(/\s*[|\n]\s*/).filter((x) => x.trim() !== '');
  return v;
}

/**
 * Turns one file row into article content, or the reason it cannot be imported, worded for the
 * import report (`answer is empty`, `locale must look like zh-CN, en or ja`).
 */
export function validateRow(raw: RawRow, defaults: RowDefaults): RowResult {
  const f = raw.fields;
  const key = asText(f['externalKey'])?.trim() || null;
  const fail = (message: string): RowResult => ({ ok: false, message, externalKey: key });
  if (f['__invalid'])
    return fail(typeof f['__invalid'] === 'string' ? f['__invalid'] : 'the row is not an object');

  const title = asText(f['title'])?.trim() ?? '';
  const answer = asText(f['answer'])?.trim() ?? '';
  if (!title) return fail('title is empty');
  if (!answer) return fail('answer is empty');
  const locale = asText(f['locale'])?.trim() || defaults.locale;
  if (!locale) return fail('locale is missing (add a locale column, or pass ?locale= with the upload)');
  const status = asText(f['status'])?.trim().toLowerCase() || defaults.status || ArticleStatus.Published;

  const candidate: Record<string, unknown> = { title, answer, locale, status, externalKey: key };
  for (const l of LIST_FIELDS) candidate[l] = asList(f[l]);
  const parsed = createArticleSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue.path[0] ?? '');
    const firstWord = issue.message.split(' ')[0].toLowerCase().replace(/s$/, '');
    // Our messages name their field ("tag is empty", "at most 30 tags"); zod's own ones do not.
    const named = !field || field.toLowerCase().startsWith(firstWord) || issue.message.startsWith('at most');
    return fail(named ? issue.message : `${field}: ${issue.message}`);
  }
  return { ok: true, content: parsed.data };
}

/**
 * Duplicates inside one file: the same external key twice, or (for rows without a key) the same
 * title twice in one locale. Returns `duplicates row N` for the later row.
 */
export class DuplicateTracker {
  private readonly byKey = new Map<string, number>();
  private readonly byTitle = new Map<string, number>();

  check(row: number, c: ArticleContent): string | null {
    if (c.externalKey) {
      const first = this.byKey.get(c.externalKey);
      if (first !== undefined) return `duplicates row ${first} (same externalKey "${c.externalKey}")`;
      this.byKey.set(c.externalKey, row);
      return null;
    }
    const t = titleKey(c.locale, c.title);
    const first = this.byTitle.get(t);
    if (first !== undefined) return `duplicates row ${first} (same title)`;
    this.byTitle.set(t, row);
    return null;
  }
}

export const titleKey = (locale: string, title: string) => `${locale}\u0000${title.trim().toLowerCase()}`;
