import type { BulkReplayResultDto, DeliveryFailureRef } from '@kefu/shared/contracts';
import { of } from 'rxjs';
import { chunk, replayAll, ReplayProgress } from './replay-all';

const ref = (i: number): DeliveryFailureRef => ({ kind: i % 2 ? 'message' : 'webhook', id: `id-${i}` });

describe('replay all', () => {
  it('splits a list into chunks of the given size', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 3)).toEqual([]);
    expect(() => chunk([1], 0)).toThrow();
  });

  it('sends the chunks one after another and reports the progress after each', () => {
    const items = Array.from({ length: 5 }, (_, i) => ref(i));
    const sent: DeliveryFailureRef[][] = [];
    const send = (part: DeliveryFailureRef[]) => {
      sent.push(part);
      const results = part.map((r) =>
        r.id === 'id-3'
          ? { ...r, outcome: 'conflict' as const, message: 'already delivered; nothing to replay' }
          : { ...r, outcome: 'queued' as const, message: 'queued for delivery again' },
      );
      return of<BulkReplayResultDto>({
        queued: results.filter((r) => r.outcome === 'queued').length,
        results,
      });
    };
    const seen: ReplayProgress[] = [];
    replayAll(items, send, 2).subscribe((p) => seen.push(p));
    expect(sent.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(seen.map((p) => [p.done, p.queued])).toEqual([
      [0, 0],
      [2, 2],
      [4, 3],
      [5, 4],
    ]);
    expect(seen[3].total).toBe(5);
    expect(seen[3].skipped).toEqual([
      { kind: 'message', id: 'id-3', outcome: 'conflict', message: 'already delivered; nothing to replay' },
    ]);
  });
});
