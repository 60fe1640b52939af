import { HttpClient } from '@angular/common/http';
import { Injector } from '@angular/core';
import { Observable, of } from 'rxjs';
import { LlmApiService } from './llm-api.service';

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
      ...(params ? { params } : {}),
    });
    return of(null);
  }
  get(url: string, o?: { params?: { toString(): string } }) {
    return this.record('GET', url, undefined, o?.params?.toString());
  }
  post(url: string, body: unknown) {
    return this.record('POST', url, body);
  }
  put(url: string, body: unknown) {
    return this.record('PUT', url, body);
  }
}

function setup() {
  const http = new FakeHttp();
  const injector = Injector.create({
    providers: [
      { provide: HttpClient, useValue: http },
      { provide: LlmApiService, useClass: LlmApiService, deps: [] },
    ],
  });
  return { http, api: injector.get(LlmApiService) };
}

describe('LlmApiService', () => {
  it('reads and saves the settings, sends the key in a PUT and runs the connection test', () => {
    const { http, api } = setup();
    api.settings().subscribe();
    api.updateSettings({ enabled: false, expectedVersion: 3 }).subscribe();
    api.updateSettings({ apiKey: null }).subscribe();
    api.testConnection().subscribe();
    expect(http.requests).toEqual([
      { method: 'GET', url: '/api/v1/llm/settings' },
      { method: 'PUT', url: '/api/v1/llm/settings', body: { enabled: false, expectedVersion: 3 } },
      { method: 'PUT', url: '/api/v1/llm/settings', body: { apiKey: null } },
      { method: 'POST', url: '/api/v1/llm/settings/test', body: {} },
    ]);
  });

  it('asks for the usage of a number of days', () => {
    const { http, api } = setup();
    api.usage(7).subscribe();
    expect(http.requests).toEqual([{ method: 'GET', url: '/api/v1/llm/usage', params: 'days=7' }]);
  });

  it('pages the training candidates by status and cursor, and accepts under an intent or dismisses by id', () => {
    const { http, api } = setup();
    api.trainingCandidates('new', null).subscribe();
    api.trainingCandidates('dismissed', 'c2').subscribe();
    api.accept('a/1', 'order_status').subscribe();
    api.accept('a2').subscribe();
    api.dismiss('a3').subscribe();
    expect(http.requests).toEqual([
      { method: 'GET', url: '/api/v1/llm/training-candidates', params: 'status=new' },
      { method: 'GET', url: '/api/v1/llm/training-candidates', params: 'status=dismissed&cursor=c2' },
      {
        method: 'POST',
        url: '/api/v1/llm/training-candidates/a%2F1/accept',
        body: { intent: 'order_status' },
      },
      { method: 'POST', url: '/api/v1/llm/training-candidates/a2/accept', body: {} },
      { method: 'POST', url: '/api/v1/llm/training-candidates/a3/dismiss', body: {} },
    ]);
  });
});
