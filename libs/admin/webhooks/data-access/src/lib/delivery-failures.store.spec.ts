import { HttpErrorResponse } from '@angular/common/http';
import { Injector } from '@angular/core';
import type {
  BulkReplayResultDto,
  DeliveryFailureDto,
  DeliveryFailurePageDto,
  DeliveryFailureRef,
} from '@kefu/shared/contracts';
import { Observable, of, throwError } from 'rxjs';
import { DeliveryFailuresApiService, DeliveryFailuresQuery } from './delivery-failures-api.service';
import { DeliveryFailuresStore } from './delivery-failures.store';

const failure = (i: number, kind: 'webhook' | 'message' = 'webhook'): DeliveryFailureDto => ({
  kind,
  id: `00000000-0000-4000-8000-00000000000${i}`,
  target:
    kind === 'webhook'
      ? { type: 'webhook', id: 'w1', name: 'CRM', url: 'https://crm.example.com/hooks' }
      : { type: 'inbox', id: 'i1', name: 'Shop app', channel: 'api' },
  event: kind === 'webhook' ? 'message.created' : null,
  conversationId: null,
  error: 'the receiver answered HTTP 500',
  attempts: 8,
  responseStatus: 500,
  failedAt: '2026-11-21T08:00:00.000Z',
});

class FakeApi {
  queries: DeliveryFailuresQuery[] = [];
  pages: DeliveryFailurePageDto[] = [];
  replayAnswer: (ref: DeliveryFailureRef) => Observable<unknown> = (ref) =>
    of({ ...ref, outcome: 'queued', message: 'queued' });
  bulk: DeliveryFailureRef[][] = [];

  list(q: DeliveryFailuresQuery) {
    this.queries.push(q);
    return of(this.pages.shift() as DeliveryFailurePageDto);
  }
  replay(ref: DeliveryFailureRef) {
    return this.replayAnswer(ref);
  }
  replayMany(items: DeliveryFailureRef[]) {
    this.bulk.push(items);
    const results = items.map((r) => ({ ...r, outcome: 'queued' as const, message: 'queued' }));
    return of<BulkReplayResultDto>({ queued: results.length, results });
  }
}

function setup() {
  const api = new FakeApi();
  const injector = Injector.create({
    providers: [
      { provide: DeliveryFailuresApiService, useValue: api },
      { provide: DeliveryFailuresStore, useClass: DeliveryFailuresStore, deps: [] },
    ],
  });
  return { api, store: injector.get(DeliveryFailuresStore) };
}

describe('DeliveryFailuresStore', () => {
  it('loads the newest failures, then the next page after them', () => {
    const { api, store } = setup();
    api.pages.push(
      { items: [failure(1), failure(2)], nextCursor: 'c1', total: 3 },
      { items: [failure(3, 'message')], nextCursor: null, total: 3 },
    );
    store.load();
    expect(store.items().map((i) => i.id)).toEqual([failure(1).id, failure(2).id]);
    store.loadMore();
    expect(api.queries[1]).toMatchObject({ cursor: 'c1' });
    expect(store.items()).toHaveLength(3);
    expect(store.nextCursor()).toBeNull();
    expect(store.empty()).toBe(false);
  });

  it('filters by kind from the first page again', () => {
    const { api, store } = setup();
    api.pages.push({ items: [], nextCursor: null, total: 0 }, { items: [], nextCursor: null, total: 0 });
    store.load();
    store.setKind('message');
    expect(api.queries[1]).toMatchObject({ kind: 'message', cursor: null });
    expect(store.empty()).toBe(true);
  });

  it('takes a replayed failure out of the list, and one that was already delivered too', () => {
    const { api, store } = setup();
    api.pages.push({ items: [failure(1), failure(2)], nextCursor: null, total: 2 });
    store.load();
    store.replayOne(failure(1)).subscribe();
    expect(store.items().map((i) => i.id)).toEqual([failure(2).id]);
    api.replayAnswer = () =>
      throwError(
        () =>
          new HttpErrorResponse({ status: 409, error: { statusCode: 409, message: 'already delivered' } }),
      );
    let error: unknown;
    store.replayOne(failure(2)).subscribe({ error: (e) => (error = e) });
    expect(error).toBeInstanceOf(HttpErrorResponse);
    expect(store.items()).toEqual([]);
    expect(store.total()).toBe(0);
    expect(store.busy()).toBe(false);
  });

  it('replays every failure shown in chunks and reports the progress', () => {
    const { api, store } = setup();
    const many = Array.from({ length: 45 }, (_, i) => ({
      ...failure(1),
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    }));
    api.pages.push({ items: many, nextCursor: null, total: 45 });
    store.load();
    const done: number[] = [];
    store.replayAllShown().subscribe((p) => done.push(p.done));
    expect(api.bulk.map((b) => b.length)).toEqual([20, 20, 5]);
    expect(done).toEqual([0, 20, 40, 45]);
    expect(store.items()).toEqual([]);
    expect(store.progress()).toMatchObject({ total: 45, done: 45, queued: 45, skipped: [] });
  });
});
