import { parse as parseCsv } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import type { KnowledgeFileFormat } from '@kefu/shared/contracts';

/** The file as a whole cannot be read (not CSV, not JSON, not a zip, too big): nothing is imported. */
export class FileFormatError extends Error {}

/** One row of an import file before validation: 1-based position and its fields by canonical name. */
export interface RawRow {
  row: number;
  fields: Record<string, unknown>;
}

const ALIASES: Record<string, string> = {
  external_key: 'externalKey',
  externalkey: 'externalKey',
  key: 'externalKey',
  title: 'title',
  question: 'questions',
  questions: 'questions',
  variants: 'questions',
  answer: 'answer',
  locale: 'locale',
  language: 'locale',
  status: 'status',
  region: 'regions',
  regions: 'regions',
  product_id: 'productIds',
  product_ids: 'productIds',
  productids: 'productIds',
  products: 'productIds',
  category_id: 'categoryIds',
  category_ids: 'categoryIds',
  categoryids: 'categoryIds',
  categories: 'categoryIds',
  tag: 'tags',
  tags: 'tags',
};

/** external_key, External Key, externalKey → externalKey; unknown names are kept as given. */
export function canonicalField(name: string): string {
  const k = name
    .trim()
    .replace(/^\uFEFF/, '')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return ALIASES[k] ?? ALIASES[k.replace(/_/g, '')] ?? name.trim();
}

function canonicalize(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[canonicalField(k)] = v;
  return out;
}

function utf8(data: Buffer | Uint8Array | string): string {
  if (typeof data === 'string') return data;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, '');
  } catch {
    throw new FileFormatError('the file is not UTF-8 text; save it as UTF-8 (Excel: "CSV UTF-8")');
  }
}

/** CSV with a header row; title and answer columns are required. */
export function parseCsvRows(data: Buffer | Uint8Array | string): RawRow[] {
  const text = utf8(data);
  let records: string[][];
  try {
    records = parseCsv(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as string[][];
  } catch (e) {
    throw new FileFormatError(`the file is not valid CSV: ${(e as Error).message}`);
  }
  if (!records.length) throw new FileFormatError('the CSV file is empty');
  const header = records[0].map(canonicalField);
  for (const required of ['title', 'answer']) {
    if (!header.includes(required))
      throw new FileFormatError(`the CSV has no ${required} column (header: ${records[0].join(', ')})`);
  }
  return records.slice(1).map((cells, i) => {
    const fields: Record<string, unknown> = {};
    header.forEach((h, j) => (fields[h] = cells[j] ?? ''));
    return { row: i + 1, fields };
  });
}

/** A JSON array of articles, or `{ "articles": [...] }`. */
export function parseJsonRows(data: Buffer | Uint8Array | string | unknown): RawRow[] {
  let value: unknown = data;
  if (typeof data === 'string' || data instanceof Uint8Array) {
    try {
      value = JSON.parse(utf8(data));
    } catch (e) {
      throw new FileFormatError(`the file is not valid JSON: ${(e as Error).message}`);
    }
  }
  const list = Array.isArray(value)
    ? value
    : value && typeof value === 'object' && Array.isArray((value as { articles?: unknown }).articles)
      ? (value as { articles: unknown[] }).articles
      : null;
  if (!list)
    throw new FileFormatError('the JSON must be an array of articles or an object with an "articles" array');
  return list.map((item, i) => ({
    row: i + 1,
    fields:
      item && typeof item === 'object' && !Array.isArray(item)
        ? canonicalize(item as Record<string, unknown>)
        : { __invalid: true },
  }));
}

export interface ZipLimits {
  maxFiles: number;
  maxFileBytes: number;
  maxTotalBytes: number;
}
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxFiles: 20_000,
  maxFileBytes: 1_048_576,
  maxTotalBytes: 200 * 1_048_576,
};

/**
 * A zip of Markdown files, each with a front-matter block. Files are read in path order; the row
 * number is the file's position. The external key defaults to the path without `.md`; the title to
 * the first `# heading` of the body when the front matter has none.
 */
export function parseMarkdownZip(data: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): RawRow[] {
  if (data.length < 4 || data[0] !== 0x50 || data[1] !== 0x4b)
    throw new FileFormatError('the file is not a zip archive');
  let files = 0;
  let total = 0;
  let tooBig: string | null = null;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(data, {
      filter: (f) => {
        if (!isMarkdownPath(f.name)) return false;
        files++;
        total += f.originalSize;
        if (f.originalSize > limits.maxFileBytes)
          tooBig ??= `${f.name} is larger than ${limits.maxFileBytes} bytes`;
        return (
          files <= limits.maxFiles && total <= limits.maxTotalBytes && f.originalSize <= limits.maxFileBytes
        );
      },
    });
  } catch (e) {
    throw new FileFormatError(`the zip archive cannot be read: ${(e as Error).message}`);
  }
  if (files > limits.maxFiles)
    throw new FileFormatError(`the zip holds more than ${limits.maxFiles} Markdown files`);
  if (total > limits.maxTotalBytes)
    throw new FileFormatError(`the zip's Markdown files add up to more than ${limits.maxTotalBytes} bytes`);
  if (tooBig) throw new FileFormatError(tooBig);
  const paths = Object.keys(entries).sort();
  if (!paths.length) throw new FileFormatError('the zip holds no .md files');
  return paths.map((path, i) => {
    let text: string;
    try {
      text = utf8(entries[path]);
    } catch {
      return { row: i + 1, fields: { __invalid: `${path} is not UTF-8 text` } };
    }
    const { fields, body } = parseFrontMatter(text);
    const out: Record<string, unknown> = { ...fields };
    let answer = body.trim();
    if (out['title'] === undefined) {
      const h = /^#\s+(.+)\n?/.exec(answer);
      if (h) {
        out['title'] = h[1].trim();
        answer = answer.slice(h[0].length).trim();
      }
    }
    out['answer'] ??= answer;
    if (out['externalKey'] === undefined) out['externalKey'] = path.replace(/\.md$/i, '');
    return { row: i + 1, fields: out };
  });
}

function isMarkdownPath(name: string): boolean {
  return /\.md$/i.test(name) && !name.split('/').some((p) => p.startsWith('.') || p === '__MACOSX');
}

/**
 * The front matter of a Markdown file: `key: value`, `key: [a, b]` and block lists (`- item`),
 * with optional quotes. Enough for the fields of an article; not a YAML parser.
 */
export function parseFrontMatter(text: string): { fields: Record<string, unknown>; body: string } {
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { fields: {}, body: text };
  const fields: Record<string, unknown> = {};
  let listKey: string | null = null;
  for (const line of m[1].split(/\r?\n/)) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const item = /^\s*-\s+(.*)$/.exec(line);
    if (item && listKey) {
      (fields[listKey] as string[]).push(unquote(item[1]));
      continue;
    }
    const kv = /^([A-Za-z_][\w -]*?)\s*:\s*(.*)$/.exec(line);
    if (!kv) continue;
    const key = canonicalField(kv[1]);
    const raw = kv[2].trim();
    if (raw === '') {
      fields[key] = [];
      listKey = key;
    } else {
      listKey = null;
      fields[key] = raw.startsWith('[') && raw.endsWith(']') ? splitInline(raw.slice(1, -1)) : unquote(raw);
    }
  }
  return { fields, body: text.slice(m[0].length) };
}

function unquote(s: string): string {
  const t = s.trim();
  if (t.length >= 2 && ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'")))) {
    return t.startsWith('"')
      ? t.slice(1, -1).replace(/\\(["\\n])/g, (_m, c: string) => (c === 'n' ? '\n' : c))
      : t.slice(1, -1).replace(/''/g, "'");
  }
  return t === 'null' || t === '~' ? '' : t;
}

function splitInline(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (const ch of s) {
    if (quote) {
      if (ch === quote) quote = null;
      cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      cur += ch;
    } else if (ch === ',') {
      out.push(unquote(cur));
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(unquote(cur));
  return out.filter((x) => x !== '');
}

/** Rows of a file in the given format. */
export function parseRows(format: KnowledgeFileFormat, data: Buffer | Uint8Array): RawRow[] {
  if (!data.length) throw new FileFormatError('the file is empty');
  switch (format) {
    case 'csv':
      return parseCsvRows(data);
    case 'json':
      return parseJsonRows(data);
    case 'markdown':
      return parseMarkdownZip(data);
  }
}
