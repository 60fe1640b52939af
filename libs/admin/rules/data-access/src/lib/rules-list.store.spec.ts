import { Injector } from '@angular/core';
import type { EscalationRuleDto } from '@kefu/shared/contracts';
import { of, Subject, throwError } from 'rxjs';
import { RulesApiService } from './rules-api.service';
import { moveItem, RulesListStore } from './rules-list.store';

const rule = (id: string, position: number, event: EscalationRuleDto['event'] = 'message_understood'): EscalationRuleDto => ({
  id,
  position,
  name: id,
  description: '',
  enabled: true,
  event,
  match: 'all',
  conditions: [],
  actions: [{ type: 'tag', tags: ['x'] }],
  stopProcessing: false,
  version: 1,
  updatedAt: '2026-01-01T00:00:00Z',
  updatedBy: null,
});

function setup(api: Partial<Record<keyof RulesApiService, unknown>>) {
  const injector = Injector.create({
    providers: [
      { provide: RulesApiService, useValue: { safetyTriggers: () => of([]), teams: () => of([]), ...api } },
      { provide: RulesListStore, useClass: RulesListStore, deps: [] },
    ],
  });
  return injector.get(RulesListStore);
}

describe('rules list', () => {
  it('moves an item to a new index', () => {
    expect(moveItem(['a', 'b', 'c', 'd'], 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b'], 1, 1)).toEqual(['a', 'b']);
  });

  it('loads the rules and counts them per event, and tells an empty list apart from loading', () => {
    const store = setup({ list: () => of([rule('a', 1), rule('b', 2, 'handoff')]) });
    expect(store.empty()).toBe(false);
    store.load();
    expect(store.countByEvent()).toEqual({ message_understood: 1, handoff: 1 });
    store.event.set('handoff');
    expect(store.shown().map((r) => r.id)).toEqual(['b']);

    const none = setup({ list: () => of([]) });
    none.load();
    expect(none.empty()).toBe(true);
  });

  it('shows the new order at once, sends every id, and keeps the server’s answer', () => {
    const reply = new Subject<EscalationRuleDto[]>();
    const sent: string[][] = [];
    const store = setup({
      list: () => of([rule('a', 1), rule('b', 2), rule('c', 3)]),
      reorder: (ids: string[]) => (sent.push(ids), reply),
    });
    store.load();
    store.move(2, 0).subscribe();
    expect(store.rules().map((r) => `${r.id}${r.position}`)).toEqual(['c1', 'a2', 'b3']);
    expect(sent).toEqual([['c', 'a', 'b']]);
    expect(store.reordering()).toBe(true);
    reply.next([rule('c', 1), rule('a', 2), rule('b', 3)]);
    reply.complete();
    expect(store.reordering()).toBe(false);
  });

  it('puts the old order back when the server refuses the new one', () => {
    const store = setup({
      list: () => of([rule('a', 1), rule('b', 2)]),
      reorder: () => throwError(() => new Error('nope')),
    });
    store.load();
    let failed = false;
    store.move(0, 1).subscribe({ error: () => (failed = true) });
    expect(failed).toBe(true);
    expect(store.rules().map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('reorders within a filtered event without moving the rules of other events', () => {
    const sent: string[][] = [];
    const store = setup({
      list: () => of([rule('a', 1), rule('x', 2, 'handoff'), rule('b', 3), rule('c', 4)]),
      reorder: (ids: string[]) => (sent.push(ids), of([])),
    });
    store.load();
    store.event.set('message_understood');
    store.move(0, 2).subscribe();
    expect(sent).toEqual([['b', 'x', 'c', 'a']]);
  });

  it('flips the switch at once and back when saving fails', () => {
    const store = setup({
      list: () => of([rule('a', 1)]),
      setEnabled: () => throwError(() => new Error('offline')),
    });
    store.load();
    store.setEnabled(store.rules()[0], false).subscribe({ error: () => undefined });
    expect(store.rules()[0].enabled).toBe(true);
    expect(store.busy().size).toBe(0);
  });

  it('drops a deleted rule and renumbers the rest', () => {
    const store = setup({ list: () => of([rule('a', 1), rule('b', 2)]), remove: () => of(undefined) });
    store.load();
    store.remove(store.rules()[0]).subscribe();
    expect(store.rules().map((r) => `${r.id}${r.position}`)).toEqual(['b1']);
  });
});
