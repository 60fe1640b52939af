import { ArticleContent } from '../indexing/article-index';
import { changedFields, diffVersions } from './version-diff';

const base: ArticleContent = {
  externalKey: null,
  title: '退货政策',
  questions: ['可以退货吗', '怎么退'],
  answer: 'line 1\nline 2\n',
  locale: 'zh-CN',
  regions: [],
  productIds: [],
  categoryIds: [],
  tags: ['returns'],
  status: 'draft',
};

describe('version diff', () => {
  it('lists the fields that changed', () => {
    expect(changedFields(base, { ...base, tags: ['returns', 'policy'], status: 'published' })).toEqual([
      'tags',
      'status',
    ]);
    expect(changedFields(null, base)).toHaveLength(10);
    expect(changedFields(base, { ...base })).toEqual([]);
  });

  it('diffs lists by entry, the answer by line, the title by character and scalars as old → new', () => {
    const d = diffVersions(
      7,
      { version: 1, content: base },
      {
        version: 2,
        content: {
          ...base,
          title: '退货规则',
          questions: ['可以退货吗', '七天无理由'],
          answer: 'line 1\nline two\n',
          status: 'published',
        },
      },
    );
    expect(d).toMatchObject({ articleId: 7, from: 1, to: 2 });
    const field = (f: string) => d.fields.find((x) => x.field === f)?.parts;
    expect(field('title')).toEqual([
      { value: '退货', added: false, removed: false },
      { value: '政策', added: false, removed: true },
      { value: '规则', added: true, removed: false },
    ]);
    expect(field('questions')).toEqual([
      { value: '可以退货吗\n', added: false, removed: false },
      { value: '怎么退\n', added: false, removed: true },
      { value: '七天无理由\n', added: true, removed: false },
    ]);
    expect(
      field('answer')
        ?.filter((p) => p.added || p.removed)
        .map((p) => p.value),
    ).toEqual(['line 2\n', 'line two\n']);
    expect(field('status')).toEqual([
      { value: 'draft', added: false, removed: true },
      { value: 'published', added: true, removed: false },
    ]);
  });
});
