import { Cron } from 'croner';
import { ArticleStatus } from '@kefu/shared/contracts';
import { ArticleContent, contentHash } from '../indexing/article-index';
import type { ExistingArticle } from '../imports/article-upserter';
import type { RawRow } from '../imports/file-parsers';
import { DuplicateTracker, validateRow } from '../imports/row-validation';

/** Why a feed run changed nothing. */
export class FeedError extends Error {}

/**
 * Every row of a feed as article content. All or nothing: one bad row fails the run, because the
 * rows a feed no longer has are archived, and a half-read feed would archive the wrong ones.
 */
export function validateFeedRows(rows: RawRow[], locale: string): ArticleContent[] {
  if (!rows.length)
    throw new FeedError(
      'the feed has no articles; nothing was changed (an empty feed never archives everything)',
    );
  const tracker = new DuplicateTracker();
  const out: ArticleContent[] = [];
  for (const r of rows) {
    const v = validateRow(r, { locale, status: ArticleStatus.Published });
    if (!v.ok) throw new FeedError(`row ${r.row}: ${v.message}`);
    if (!v.content.externalKey)
      throw new FeedError(`row ${r.row}: externalKey is missing; every feed row needs one`);
    const dup = tracker.check(r.row, v.content);
    if (dup) throw new FeedError(`row ${r.row}: ${dup}`);
    out.push(v.content);
  }
  return out;
}

export interface FeedPlan {
  create: ArticleContent[];
  update: { content: ArticleContent; existing: ExistingArticle }[];
  unchanged: { content: ArticleContent; existing: ExistingArticle }[];
  /** Articles of this feed that are no longer in it: archived with a new version. */
  archive: ExistingArticle[];
}

/**
 * What a sync does: rows whose key is new are created, rows whose content changed get a new
 * version, the rest are unchanged; articles of this feed missing from it are archived. An
 * article already synced by another feed is a conflict and fails the run.
 */
export function planFeedSync(
  feedId: string,
  contents: ArticleContent[],
  byKey: Map<string, ExistingArticle>,
  ofFeed: ExistingArticle[],
): FeedPlan {
  const plan: FeedPlan = { create: [], update: [], unchanged: [], archive: [] };
  contents.forEach((content, i) => {
    const existing = byKey.get(content.externalKey as string);
    if (!existing) plan.create.push(content);
    else if (existing.feedId && existing.feedId !== feedId) {
      throw new FeedError(
        `row ${i + 1}: externalKey "${content.externalKey}" is article ${existing.id}, which another feed keeps in sync`,
      );
    } else if (existing.contentHash === contentHash(content)) plan.unchanged.push({ content, existing });
    else plan.update.push({ content, existing });
  });
  const keys = new Set(contents.map((c) => c.externalKey));
  plan.archive = ofFeed.filter(
    (a) => a.status !== ArticleStatus.Archived && !(a.externalKey && keys.has(a.externalKey)),
  );
  return plan;
}

/** A five-field cron expression, or a message saying what is wrong with it. */
export function checkSchedule(schedule: string, timezone: string): string | null {
  if (schedule.trim().split(/\s+/).length !== 5)
    return 'schedule must be a five-field cron expression, e.g. "0 3 * * *" (daily at 03:00)';
  try {
    new Cron(schedule, { timezone, paused: true });
    return null;
  } catch (e) {
    return `schedule is not a valid cron expression: ${(e as Error).message}`;
  }
}

/** The next time a schedule fires after `from`. */
export function nextRun(schedule: string, timezone: string, from: Date): Date | null {
  return new Cron(schedule, { timezone, paused: true }).nextRun(from);
}
