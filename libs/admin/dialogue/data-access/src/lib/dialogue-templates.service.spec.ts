import { HttpClient, HttpParams } from '@angular/common/http';
import { Injector } from '@angular/core';
import { Observable, of } from 'rxjs';
import type { DialogueTemplateDto } from './dialogue-template';
import { DialogueTemplatesService } from './dialogue-templates.service';

interface Request {
  method: 'GET' | 'PUT';
  url: string;
  params?: string;
  body?: unknown;
}

/** Records what the service asks of HttpClient and answers with `response`. */
class FakeHttp {
  readonly requests: Request[] = [];
  response: unknown = null;

  get(url: string, options?: { params?: HttpParams }): Observable<unknown> {
    this.requests.push({ method: 'GET', url, params: options?.params?.toString() });
    return of(this.response);
  }

  put(url: string, body: unknown): Observable<unknown> {
    this.requests.push({ method: 'PUT', url, body });
    return of(this.response);
  }
}

const template: DialogueTemplateDto = {
  id: '5b8e1c7a-1f0e-4c55-9a57-0d1f1f0b8a11',
  key: 'track_order.shipped',
  locale: 'en',
  region: null,
  text: 'Order {order_number} has shipped with {carrier}.',
  quickReplies: null,
  variables: ['order_number', 'carrier'],
  version: 3,
  updatedBy: null,
  updatedAt: '2026-11-20T08:00:00.000Z',
};

function setup() {
  const http = new FakeHttp();
  const injector = Injector.create({
    providers: [
      { provide: HttpClient, useValue: http },
      { provide: DialogueTemplatesService, useClass: DialogueTemplatesService, deps: [] },
    ],
  });
  return { http, api: injector.get(DialogueTemplatesService) };
}

describe('DialogueTemplatesService', () => {
  it('lists every template when no filter is given', () => {
    const { http, api } = setup();
    http.response = [template];
    let got: DialogueTemplateDto[] = [];
    api.list().subscribe((list) => (got = list));
    expect(http.requests).toEqual([{ method: 'GET', url: '/api/v1/dialogue/templates', params: '' }]);
    expect(got).toEqual([template]);
  });

  it('sends the filters that are set, trimmed, and leaves out blank ones', () => {
    const { http, api } = setup();
    api.list({ key: ' track_order ', locale: 'ja', region: null, q: '   ' }).subscribe();
    expect(http.requests[0].params).toBe('key=track_order&locale=ja');
  });

  it('reads one template by id, encoding the id into the path', () => {
    const { http, api } = setup();
    api.get('a/b').subscribe();
    expect(http.requests[0]).toMatchObject({ method: 'GET', url: '/api/v1/dialogue/templates/a%2Fb' });
  });

  it('saves an edit by id with the version it started from', () => {
    const { http, api } = setup();
    http.response = { ...template, version: 4 };
    let saved: DialogueTemplateDto | undefined;
    api
      .update(template.id, { text: 'Shipped!', quickReplies: [], expectedVersion: 3 })
      .subscribe((t) => (saved = t));
    expect(http.requests).toEqual([
      {
        method: 'PUT',
        url: `/api/v1/dialogue/templates/${template.id}`,
        body: { text: 'Shipped!', quickReplies: [], expectedVersion: 3 },
      },
    ]);
    expect(saved?.version).toBe(4);
  });

  it('adds a regional variant by key, locale and region', () => {
    const { http, api } = setup();
    const input = {
      key: 'track_order.shipped',
      locale: 'ja' as const,
      region: 'JP',
      text: 'ご注文 {order_number} は発送済みです。',
      quickReplies: [{ label: '配送状況', payload: 'track_order' }],
    };
    api.put(input).subscribe();
    expect(http.requests).toEqual([{ method: 'PUT', url: '/api/v1/dialogue/templates', body: input }]);
  });
});
