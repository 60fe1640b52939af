import { strToU8, zipSync } from 'fflate';
import { ArticleStatus } from '@kefu/shared/contracts';
import {
  FileFormatError,
  parseCsvRows,
  parseFrontMatter,
  parseJsonRows,
  parseMarkdownZip,
} from './file-parsers';
import { DuplicateTracker, validateRow } from './row-validation';
import { toCsv, toMarkdown } from './knowledge-export.service';

describe('import files', () => {
  it('reads CSV with a BOM, aliased headers, quoted multi-line cells and short rows', () => {
    const rows = parseCsvRows(
      Buffer.from(
        '\uFEFFExternal Key,Title,Questions,Answer,Product IDs\nk1,"Hello, there","a|b","line 1\nline 2",p1|p2\nk2,Short\n',
      ),
    );
    expect(rows).toEqual([
      {
        row: 1,
        fields: {
          externalKey: 'k1',
          title: 'Hello, there',
          questions: 'a|b',
          answer: 'line 1\nline 2',
          productIds: 'p1|p2',
        },
      },
      { row: 2, fields: { externalKey: 'k2', title: 'Short', questions: '', answer: '', productIds: '' } },
    ]);
  });

  it.each([
    ['no title column', 'name,answer\nx,y', /no title column/],
    ['an unclosed quote', 'title,answer\n"x,y', /not valid CSV/],
    ['bytes that are not UTF-8', Buffer.from([0x74, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0xc3, 0x28]), /not UTF-8/],
  ])('refuses a CSV with %s', (_what, input, message) => {
    expect(() => parseCsvRows(input as string)).toThrow(FileFormatError);
    expect(() => parseCsvRows(input as string)).toThrow(message);
  });

  it('reads a JSON array or { articles }, with snake_case aliases, and marks non-objects', () => {
    expect(parseJsonRows('[{"external_key":"a","title":"T"}, 3]')).toEqual([
      { row: 1, fields: { externalKey: 'a', title: 'T' } },
      { row: 2, fields: { __invalid: true } },
    ]);
    expect(parseJsonRows({ articles: [{ title: 'x' }] })).toHaveLength(1);
    expect(() => parseJsonRows('{"rows": []}')).toThrow(/array of articles/);
    expect(() => parseJsonRows('{')).toThrow(/not valid JSON/);
  });

  it('reads front matter with scalars, inline and block lists, and quotes', () => {
    const { fields, body } = parseFrontMatter(
      '---\ntitle: "Say \\"hi\\""\nquestions:\n  - one\n  - \'two\'\ntags: [a, "b, c"]\nstatus: draft\n---\n\nBody **md**\n',
    );
    expect(fields).toEqual({
      title: 'Say "hi"',
      questions: ['one', 'two'],
      tags: ['a', 'b, c'],
      status: 'draft',
    });
    expect(body.trim()).toBe('Body **md**');
    expect(parseFrontMatter('no front matter')).toEqual({ fields: {}, body: 'no front matter' });
  });

  it('reads a zip of Markdown in path order, with key from the path and title from the heading', () => {
    const zip = zipSync({
      'b.md': strToU8('---\nlocale: en\n---\n# Second\nanswer b'),
      'a/first.md': strToU8('---\ntitle: First\nexternal_key: k-first\n---\nanswer a'),
      'notes.txt': strToU8('ignored'),
      '.hidden/x.md': strToU8('ignored'),
    });
    expect(parseMarkdownZip(zip)).toEqual([
      { row: 1, fields: { title: 'First', externalKey: 'k-first', answer: 'answer a' } },
      { row: 2, fields: { locale: 'en', title: 'Second', answer: 'answer b', externalKey: 'b' } },
    ]);
  });

  it('refuses zips that are not zips, hold no Markdown, or unpack too big', () => {
    expect(() => parseMarkdownZip(strToU8('plain text'))).toThrow(/not a zip/);
    expect(() => parseMarkdownZip(zipSync({ 'a.txt': strToU8('x') }))).toThrow(/no .md files/);
    const big = zipSync({ 'a.md': strToU8('x'.repeat(5000)) });
    expect(() => parseMarkdownZip(big, { maxFiles: 10, maxFileBytes: 1000, maxTotalBytes: 10_000 })).toThrow(
      /larger than 1000 bytes/,
    );
    const many = zipSync(Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`${i}.md`, strToU8('x')])));
    expect(() => parseMarkdownZip(many, { maxFiles: 3, maxFileBytes: 1000, maxTotalBytes: 10_000 })).toThrow(
      /more than 3 Markdown files/,
    );
  });
});

describe('import rows', () => {
  const row = (fields: Record<string, unknown>) => ({ row: 17, fields });
  const ok = { title: 'T', answer: 'A', locale: 'en' };

  it('turns a row into article content with list cells split on |', () => {
    const r = validateRow(
      row({ ...ok, questions: 'a | b|', tags: 'x', regions: 'cn|JP', externalKey: 42 }),
      {},
    );
    expect(r).toEqual({
      ok: true,
      content: {
        title: 'T',
        answer: 'A',
        locale: 'en',
        status: ArticleStatus.Published,
        externalKey: '42',
        questions: ['a', 'b'],
        tags: ['x'],
        regions: ['CN', 'JP'],
        productIds: [],
        categoryIds: [],
      },
    });
  });

  it.each([
    [{ ...ok, answer: '  ' }, 'answer is empty'],
    [{ ...ok, title: '' }, 'title is empty'],
    [
      { title: 'T', answer: 'A' },
      'locale is missing (add a locale column, or pass ?locale= with the upload)',
    ],
    [{ ...ok, locale: 'english!' }, 'locale must look like zh-CN, en or ja'],
    [{ ...ok, status: 'live' }, expect.stringMatching(/^status: /)],
    [{ ...ok, tags: Array.from({ length: 31 }, (_, i) => `t${i}`) }, 'at most 30 tags'],
    [{ __invalid: true }, 'the row is not an object'],
  ])('reports %j as "%s"', (fields, message) => {
    expect(validateRow(row(fields), {})).toEqual({ ok: false, message, externalKey: null });
  });

  it('fills locale and status from the upload defaults', () => {
    const r = validateRow(row({ title: 'T', answer: 'A' }), { locale: 'ja', status: ArticleStatus.Draft });
    expect(r.ok && [r.content.locale, r.content.status]).toEqual(['ja', 'draft']);
  });

  it('finds duplicates inside a file by key, or by title when there is no key', () => {
    const tracker = new DuplicateTracker();
    const c = (title: string, externalKey: string | null, locale = 'en') => ({
      ...ok,
      locale,
      title,
      externalKey,
      questions: [],
      regions: [],
      productIds: [],
      categoryIds: [],
      tags: [],
      status: 'published',
    });
    expect(tracker.check(1, c('A', 'k'))).toBeNull();
    expect(tracker.check(2, c('B', 'k'))).toBe('duplicates row 1 (same externalKey "k")');
    expect(tracker.check(3, c('Same', null))).toBeNull();
    expect(tracker.check(4, c(' same ', null))).toBe('duplicates row 3 (same title)');
    expect(tracker.check(5, c('Same', null, 'ja'))).toBeNull();
  });

  it('exports rows that read back to the same content', () => {
    const a = {
      externalKey: 'k"1',
      title: 'Line "one"',
      questions: ['q1', 'q2'],
      answer: 'a\nb',
      locale: 'en',
      status: 'published',
      regions: ['CN'],
      productIds: [],
      categoryIds: ['c'],
      tags: ['x, y'],
    };
    const fromCsv = validateRow(parseCsvRows(toCsv([a]))[0], {});
    const md = parseFrontMatter(toMarkdown(a));
    const fromMd = validateRow({ row: 1, fields: { ...md.fields, answer: md.body.trim() } }, {});
    for (const r of [fromCsv, fromMd])
      expect(r).toEqual({ ok: true, content: { ...a, status: ArticleStatus.Published } });
  });
});
