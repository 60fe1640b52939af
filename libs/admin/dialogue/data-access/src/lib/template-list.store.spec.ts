import { HttpErrorResponse } from '@angular/common/http';
import { Injector } from '@angular/core';
import { Observable, of, throwError } from 'rxjs';
import type { DialogueTemplateDto } from './dialogue-template';
import { DialogueTemplatesService } from './dialogue-templates.service';
import { TemplateListStore } from './template-list.store';
import { TemplateFamily } from './template-rows';

const base = {
  region: null,
  quickReplies: null,
  variables: [],
  version: 1,
  updatedBy: null,
  updatedAt: '2026-11-01T00:00:00.000Z',
};
const shippedEn: DialogueTemplateDto = {
  ...base,
  id: 'a',
  key: 'track_order.shipped',
  locale: 'en',
  text: 'Order {order_number} has shipped.',
};
const askEn: DialogueTemplateDto = {
  ...base,
  id: 'b',
  key: 'ask.order_number',
  locale: 'en',
  text: 'Could you share your order number?',
};

class FakeTemplatesApi implements Pick<DialogueTemplatesService, 'list'> {
  answer: () => Observable<DialogueTemplateDto[]> = () => of([shippedEn, askEn]);
  list(): Observable<DialogueTemplateDto[]> {
    return this.answer();
  }
}

function setup() {
  const api = new FakeTemplatesApi();
  const injector = Injector.create({
    providers: [
      { provide: DialogueTemplatesService, useValue: api },
      { provide: TemplateListStore, useClass: TemplateListStore, deps: [] },
    ],
  });
  return { api, store: injector.get(TemplateListStore) };
}

describe('TemplateListStore', () => {
  it('loads every template and shows them grouped by family', () => {
    const { store } = setup();
    expect(store.loaded()).toBe(false);
    store.load();
    expect(store.loaded()).toBe(true);
    expect(store.loading()).toBe(false);
    expect(store.keyCount()).toBe(2);
    expect(store.groups().map((g) => g.family)).toEqual([TemplateFamily.Intent, TemplateFamily.Ask]);
  });

  it('filters on screen without asking the server again, and counts rows per family', () => {
    const { api, store } = setup();
    store.load();
    api.answer = () => {
      throw new Error('the store asked the server again');
    };
    store.setFilters({ q: 'share', locale: null, family: null });
    expect(store.shown().map((r) => r.key)).toEqual(['ask.order_number']);
    expect(store.isFiltered()).toBe(true);
    expect(store.familyCounts().get(TemplateFamily.Ask)).toBe(1);
    expect(store.familyCounts().get(TemplateFamily.Intent)).toBeUndefined();
  });

  it("keeps the server's message when loading fails, and recovers on the next load", () => {
    const { api, store } = setup();
    api.answer = () =>
      throwError(
        () =>
          new HttpErrorResponse({
            status: 403,
            error: { statusCode: 403, message: 'missing permission dialogue.read' },
          }),
      );
    store.load();
    expect(store.error()).toBe('missing permission dialogue.read');
    expect(store.loading()).toBe(false);
    api.answer = () => of([askEn]);
    store.load();
    expect(store.error()).toBeNull();
    expect(store.templates()).toEqual([askEn]);
  });

  it('replaces a saved template in place and adds a new one', () => {
    const { store } = setup();
    store.load();
    store.upsert({ ...shippedEn, text: 'Shipped!', version: 2 });
    expect(store.templates().map((t) => [t.id, t.version])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    store.upsert({ ...shippedEn, id: 'c', locale: 'ja', region: 'JP', text: '発送済み' });
    expect(store.find('track_order.shipped', 'ja', 'JP')?.id).toBe('c');
    expect(store.rows().map((r) => r.id)).toEqual([
      'track_order.shipped',
      'track_order.shipped@JP',
      'ask.order_number',
    ]);
  });
});
