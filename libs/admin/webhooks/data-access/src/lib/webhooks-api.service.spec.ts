import { HttpClient } from '@angular/common/http';
import { Injector } from '@angular/core';
import { Observable, of } from 'rxjs';
import { DeliveryFailuresApiService } from './delivery-failures-api.service';
import { WebhooksApiService } from './webhooks-api.service';

interface Request {
  method: string;
  url: string;
  body?: unknown;
  params?: string;
}

class FakeHttp {
  readonly requests: Request[] = [];
  private record(method: string, url: string, body?: unknown, params?: string): Observable<unknown> {
    this.requests.push({
      method,
      url,
      ...(body === undefined ? {} : { body }),
      ...(params === undefined ? {} : { params }),
    });
    return of(null);
  }
  get(url: string, o?: { params?: { toString(): string } }) {
    return this.record('GET', url, undefined, o?.params?.toString());
  }
  post(url: string, body: unknown) {
    return this.record('POST', url, body);
  }
  patch(url: string, body: unknown) {
    return this.record('PATCH', url, body);
  }
  delete(url: string) {
    return this.record('DELETE', url);
  }
}

function setup() {
  const http = new FakeHttp();
  const injector = Injector.create({
    providers: [
      { provide: HttpClient, useValue: http },
      { provide: WebhooksApiService, useClass: WebhooksApiService, deps: [] },
      { provide: DeliveryFailuresApiService, useClass: DeliveryFailuresApiService, deps: [] },
    ],
  });
  return {
    http,
    webhooks: injector.get(WebhooksApiService),
    failures: injector.get(DeliveryFailuresApiService),
  };
}

describe('webhooks and delivery-failures endpoints', () => {
  it('creates, changes, tests, rotates and deletes webhooks by id, encoding it into the path', () => {
    const { http, webhooks } = setup();
    webhooks
      .create({ name: 'CRM', url: 'https://crm.example.com/hooks', events: ['message.created'] })
      .subscribe();
    webhooks.update('a/b', { enabled: false }).subscribe();
    webhooks.test('w1').subscribe();
    webhooks.rotateSecret('w1').subscribe();
    webhooks.remove('w1').subscribe();
    expect(http.requests).toEqual([
      {
        method: 'POST',
        url: '/api/v1/webhooks',
        body: { name: 'CRM', url: 'https://crm.example.com/hooks', events: ['message.created'] },
      },
      { method: 'PATCH', url: '/api/v1/webhooks/a%2Fb', body: { enabled: false } },
      { method: 'POST', url: '/api/v1/webhooks/w1/test', body: {} },
      { method: 'POST', url: '/api/v1/webhooks/w1/rotate-secret', body: {} },
      { method: 'DELETE', url: '/api/v1/webhooks/w1' },
    ]);
  });

  it('lists failures with only the filters set, and replays one or many', () => {
    const { http, failures } = setup();
    failures.list().subscribe();
    failures.list({ kind: 'webhook', limit: 50, cursor: 'abc' }).subscribe();
    failures.replay({ kind: 'message', id: 'm1' }).subscribe();
    failures.replayMany([{ kind: 'webhook', id: 'd1' }]).subscribe();
    expect(http.requests).toEqual([
      { method: 'GET', url: '/api/v1/delivery-failures', params: '' },
      { method: 'GET', url: '/api/v1/delivery-failures', params: 'kind=webhook&limit=50&cursor=abc' },
      { method: 'POST', url: '/api/v1/delivery-failures/message/m1/replay', body: {} },
      {
        method: 'POST',
        url: '/api/v1/delivery-failures/replay',
        body: { items: [{ kind: 'webhook', id: 'd1' }] },
      },
    ]);
  });
});
