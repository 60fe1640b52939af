import type { BulkReplayResultDto, DeliveryFailureRef, ReplayResultDto } from '@kefu/shared/contracts';
import { concatMap, from, map, Observable, scan, startWith } from 'rxjs';

/** How far a "replay all" has got. */
export interface ReplayProgress {
  total: number;
  done: number;
  queued: number;
  /** Items that were not queued, with the server's reason. */
  skipped: ReplayResultDto[];
}

/** Splits `items` into chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (size < 1) throw new Error('chunk size must be at least 1');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Replays `items` a chunk at a time, one request after another, emitting the progress after each chunk
 * (and once at the start), so the page can show a progress bar for long lists.
 */
export function replayAll(
  items: readonly DeliveryFailureRef[],
  send: (chunk: DeliveryFailureRef[]) => Observable<BulkReplayResultDto>,
  chunkSize = 20,
): Observable<ReplayProgress> {
  const start: ReplayProgress = { total: items.length, done: 0, queued: 0, skipped: [] };
  return from(chunk(items, chunkSize)).pipe(
    concatMap((part) => send(part).pipe(map((result) => ({ part, result })))),
    scan(
      (p, { part, result }) => ({
        total: p.total,
        done: p.done + part.length,
        queued: p.queued + result.queued,
        skipped: [...p.skipped, ...result.results.filter((r) => r.outcome !== 'queued')],
      }),
      start,
    ),
    startWith(start),
  );
}
