import { HttpErrorResponse } from '@angular/common/http';
import { Injector } from '@angular/core';
import type { LlmTrainingCandidateDto, LlmTrainingCandidateStatus, Page } from '@kefu/shared/contracts';
import { Observable, of, throwError } from 'rxjs';
import { LlmApiService } from './llm-api.service';
import { LlmTrainingStore } from './llm-training.store';
import { candidate } from './testing';

class FakeApi {
  readonly calls: unknown[][] = [];
  pages: Record<string, LlmTrainingCandidateDto[]> = {
    new: [candidate({ id: 'c1' }), candidate({ id: 'c2', llmIntent: 'refund_request' })],
    accepted: [candidate({ id: 'c9', status: 'accepted' })],
  };
  fail: HttpErrorResponse | null = null;

  trainingCandidates(
    status: LlmTrainingCandidateStatus,
    cursor: string | null,
  ): Observable<Page<LlmTrainingCandidateDto>> {
    this.calls.push(['list', status, cursor]);
    return of({ items: this.pages[status] ?? [], nextCursor: null });
  }
  accept(id: string, intent?: string): Observable<unknown> {
    this.calls.push(['accept', id, intent]);
    return this.fail ? throwError(() => this.fail) : of(candidate({ id }));
  }
  dismiss(id: string): Observable<unknown> {
    this.calls.push(['dismiss', id]);
    return this.fail ? throwError(() => this.fail) : of(candidate({ id }));
  }
}

function setup() {
  const api = new FakeApi();
  const injector = Injector.create({
    providers: [
      { provide: LlmApiService, useValue: api },
      { provide: LlmTrainingStore, useClass: LlmTrainingStore, deps: [] },
    ],
  });
  const store = injector.get(LlmTrainingStore);
  store.setStatus('new');
  return { api, store };
}

const ids = (store: LlmTrainingStore) => store.list.items().map((c) => c.id);

describe('LlmTrainingStore', () => {
  it("accepts under Claude's intent by default and takes the candidate off the list", () => {
    const { api, store } = setup();
    const [first] = store.list.items();
    expect(store.intentFor(first)).toBe('exchange_request');
    let used: string | null | undefined;
    store.accept(first).subscribe((i) => (used = i));
    expect(used).toBe('exchange_request');
    expect(api.calls).toContainEqual(['accept', 'c1', 'exchange_request']);
    expect(ids(store)).toEqual(['c2']);
    expect(store.working().size).toBe(0);
  });

  it('accepts under the intent the admin picked instead', () => {
    const { api, store } = setup();
    const second = store.list.items()[1];
    store.pick('c2', 'order_status ');
    store.accept(second).subscribe();
    expect(api.calls).toContainEqual(['accept', 'c2', 'order_status']);
    expect(ids(store)).toEqual(['c1']);
  });

  it('dismisses', () => {
    const { api, store } = setup();
    store.dismiss(store.list.items()[0]).subscribe();
    expect(api.calls).toContainEqual(['dismiss', 'c1']);
    expect(ids(store)).toEqual(['c2']);
  });

  it('keeps a candidate whose accept failed, with the message; drops one someone else already handled', () => {
    const { api, store } = setup();
    api.fail = new HttpErrorResponse({
      status: 400,
      error: { statusCode: 400, error: 'Bad Request', message: 'Unknown intent: order_stat' },
    });
    let used: string | null | undefined;
    store.accept(store.list.items()[0]).subscribe((i) => (used = i));
    expect(used).toBeNull();
    expect(ids(store)).toEqual(['c1', 'c2']);
    expect(store.actionError()).toBe('Unknown intent: order_stat');

    api.fail = new HttpErrorResponse({
      status: 409,
      error: { statusCode: 409, error: 'Conflict', message: 'Already accepted' },
    });
    store.dismiss(store.list.items()[0]).subscribe();
    expect(ids(store)).toEqual(['c2']);
  });

  it('does not send an empty intent', () => {
    const { api, store } = setup();
    store.pick('c1', '  ');
    store.accept(store.list.items()[0]).subscribe();
    expect(api.calls.filter((c) => c[0] === 'accept')).toEqual([]);
  });

  it('reads another status when the tab changes', () => {
    const { api, store } = setup();
    store.setStatus('accepted');
    expect(api.calls.filter((c) => c[0] === 'list')).toEqual([
      ['list', 'new', null],
      ['list', 'accepted', null],
    ]);
    expect(ids(store)).toEqual(['c9']);
  });
});
