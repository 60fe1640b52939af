import { HttpClient } from '@angular/common/http';
import { Injector } from '@angular/core';
import { Observable, of } from 'rxjs';
import { WorkspaceApiService } from './workspace-api.service';

interface Request {
  method: string;
  url: string;
  body?: unknown;
  params?: string;
}

class FakeHttp {
  readonly requests: Request[] = [];
  private record(method: string, url: string, body?: unknown, params?: string): Observable<unknown> {
    this.requests.push({ method, url, ...(body === undefined ? {} : { body }), ...(params === undefined ? {} : { params }) });
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
      { provide: WorkspaceApiService, useClass: WorkspaceApiService, deps: [] },
    ],
  });
  return { http, api: injector.get(WorkspaceApiService) };
}

describe('WorkspaceApiService', () => {
  it('asks for the queue with its view and team', () => {
    const { http, api } = setup();
    api.queue({ view: 'waiting', teamId: 't1' }).subscribe();
    api.queue({ view: 'open' }).subscribe();
    expect(http.requests).toEqual([
      { method: 'GET', url: '/api/v1/handoff/queue', params: 'view=waiting&teamId=t1' },
      { method: 'GET', url: '/api/v1/handoff/queue', params: 'view=open' },
    ]);
  });

  it('posts the actions to the conversation', () => {
    const { http, api } = setup();
    api.takeover('c/1').subscribe();
    api.handback('c1').subscribe();
    api.resolve('c1').subscribe();
    api.transfer('c1', { teamId: 't', userId: null, note: 'n' }).subscribe();
    api.setTags('c1', ['a']).subscribe();
    api.assign('c1', null).subscribe();
    expect(http.requests).toEqual([
      { method: 'POST', url: '/api/v1/conversations/c%2F1/takeover', body: {} },
      { method: 'POST', url: '/api/v1/conversations/c1/handback', body: {} },
      { method: 'POST', url: '/api/v1/conversations/c1/resolve', body: {} },
      { method: 'POST', url: '/api/v1/conversations/c1/transfer', body: { teamId: 't', userId: null, note: 'n' } },
      { method: 'PUT', url: '/api/v1/conversations/c1/tags', body: { tags: ['a'] } },
      { method: 'POST', url: '/api/v1/conversations/c1/assign', body: { userId: null } },
    ]);
  });

  it('sends replies with the suggestion and clientId, and notes', () => {
    const { http, api } = setup();
    const suggestion = { text: 's', source: 'template' as const, ref: 'k' };
    api.reply('c1', { text: 'hi', suggestion, clientId: 'x' }).subscribe();
    api.addNote('c1', 'careful').subscribe();
    expect(http.requests).toEqual([
      { method: 'POST', url: '/api/v1/conversations/c1/reply', body: { text: 'hi', suggestion, clientId: 'x' } },
      { method: 'POST', url: '/api/v1/conversations/c1/notes', body: { text: 'careful' } },
    ]);
  });

  it('reads the agent side: me, availability, notifications, profile', () => {
    const { http, api } = setup();
    api.me().subscribe();
    api.setAvailability('busy').subscribe();
    api.notifications().subscribe();
    api.markRead('n1').subscribe();
    api.profile('k1').subscribe();
    api.suggestions('c1').subscribe();
    expect(http.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v1/handoff/me',
      'PUT /api/v1/handoff/me/availability',
      'GET /api/v1/handoff/notifications',
      'POST /api/v1/handoff/notifications/n1/read',
      'GET /api/v1/contacts/k1/profile',
      'GET /api/v1/conversations/c1/suggestions',
    ]);
    expect(http.requests[1].body).toEqual({ availability: 'busy' });
  });

  it('reads the hand-off summary and asks for a new one', () => {
    const { http, api } = setup();
    api.summary('c/1').subscribe();
    api.refreshSummary('c1').subscribe();
    expect(http.requests).toEqual([
      { method: 'GET', url: '/api/v1/conversations/c%2F1/summary' },
      { method: 'POST', url: '/api/v1/conversations/c1/summary', body: {} },
    ]);
  });
});
