import { ArticleStatus } from '@kefu/shared/contracts';
import { ArticleContent, contentHash } from '../indexing/article-index';
import type { ExistingArticle } from '../imports/article-upserter';
import { checkSchedule, FeedError, nextRun, planFeedSync, validateFeedRows } from './feed-plan';

const content = (key: string, answer = 'a'): ArticleContent => ({
  externalKey: key,
  title: `T ${key}`,
  questions: [],
  answer,
  locale: 'en',
  regions: [],
  productIds: [],
  categoryIds: [],
  tags: [],
  status: ArticleStatus.Published,
});
let nextId = 1;
const existing = (c: ArticleContent, feedId: string | null, status = 'published'): ExistingArticle => ({
  id: nextId++,
  version: 1,
  status: status as ArticleStatus,
  locale: c.locale,
  title: c.title,
  externalKey: c.externalKey,
  contentHash: contentHash(c),
  feedId,
  searchTokens: [],
});

describe('feed sync plan', () => {
  it('creates new keys, updates changed ones, leaves the same ones and archives the ones the feed dropped', () => {
    const same = existing(content('same'), 'f1');
    const changed = existing(content('changed', 'old'), 'f1');
    const dropped = existing(content('dropped'), 'f1');
    const alreadyArchived = existing(content('gone-before'), 'f1', 'archived');
    const plan = planFeedSync(
      'f1',
      [content('same'), content('changed', 'new'), content('new')],
      new Map([
        ['same', same],
        ['changed', changed],
      ]),
      [same, changed, dropped, alreadyArchived],
    );
    expect(plan.create.map((c) => c.externalKey)).toEqual(['new']);
    expect(plan.update.map((u) => u.existing.id)).toEqual([changed.id]);
    expect(plan.unchanged.map((u) => u.existing.id)).toEqual([same.id]);
    expect(plan.archive.map((a) => a.id)).toEqual([dropped.id]);
  });

  it('takes over an article no feed owns, but refuses one another feed keeps in sync', () => {
    const manual = existing(content('k'), null);
    expect(planFeedSync('f1', [content('k', 'new')], new Map([['k', manual]]), []).update).toHaveLength(1);
    const other = existing(content('k'), 'f2');
    expect(() => planFeedSync('f1', [content('k')], new Map([['k', other]]), [])).toThrow(
      `row 1: externalKey "k" is article ${other.id}, which another feed keeps in sync`,
    );
  });

  it('validates every row before anything is applied', () => {
    const row = (n: number, fields: Record<string, unknown>) => ({ row: n, fields });
    expect(
      validateFeedRows([row(1, { externalKey: 'a', title: 'A', answer: 'x' })], 'zh-CN')[0],
    ).toMatchObject({ locale: 'zh-CN', status: 'published' });
    expect(() => validateFeedRows([], 'en')).toThrow(FeedError);
    expect(() =>
      validateFeedRows(
        [
          row(1, { externalKey: 'a', title: 'A', answer: 'x' }),
          row(2, { externalKey: 'a', title: 'B', answer: 'y' }),
        ],
        'en',
      ),
    ).toThrow('row 2: duplicates row 1 (same externalKey "a")');
    expect(() => validateFeedRows([row(1, { title: 'A', answer: 'x' })], 'en')).toThrow(
      'row 1: externalKey is missing; every feed row needs one',
    );
  });

  it('accepts five-field cron schedules and computes the next run in the feed time zone', () => {
    expect(checkSchedule('0 3 * * *', 'UTC')).toBeNull();
    expect(checkSchedule('0 0 3 * * *', 'UTC')).toMatch(/five-field/);
    expect(checkSchedule('61 3 * * *', 'UTC')).toMatch(/not a valid cron/);
    const next = nextRun('0 3 * * *', 'Asia/Tokyo', new Date('2026-03-01T12:00:00Z'));
    expect(next?.toISOString()).toBe('2026-03-01T18:00:00.000Z');
  });
});
