import { HttpClient } from '@angular/common/http';
import { Injector } from '@angular/core';
import { Observable, of } from 'rxjs';
import { AuditApiService } from './audit-api.service';
import { HumanEditsApiService } from './human-edits-api.service';
import { KillSwitchApiService } from './kill-switch-api.service';
import { TeamsApiService } from './teams-api.service';

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
  delete(url: string) {
    return this.record('DELETE', url);
  }
}

function setup() {
  const http = new FakeHttp();
  const injector = Injector.create({
    providers: [
      { provide: HttpClient, useValue: http },
      { provide: TeamsApiService, useClass: TeamsApiService, deps: [] },
      { provide: KillSwitchApiService, useClass: KillSwitchApiService, deps: [] },
      { provide: HumanEditsApiService, useClass: HumanEditsApiService, deps: [] },
      { provide: AuditApiService, useClass: AuditApiService, deps: [] },
    ],
  });
  return {
    http,
    teams: injector.get(TeamsApiService),
    killSwitch: injector.get(KillSwitchApiService),
    edits: injector.get(HumanEditsApiService),
    audit: injector.get(AuditApiService),
  };
}

const team = {
  name: 'Returns',
  description: '',
  assignment: 'least_load' as const,
  businessHours: { enabled: false, timezone: 'Asia/Shanghai', days: [] },
  escalateAfterMinutes: null,
  escalationAction: 'notify_lead' as const,
  leadUserId: null,
  members: [],
};

describe('hand-off admin endpoints', () => {
  it('lists, creates, updates and deletes teams by id, and lists the agents', () => {
    const { http, teams } = setup();
    teams.list().subscribe();
    teams.create(team).subscribe();
    teams.update('t/1', team).subscribe();
    teams.remove('t1').subscribe();
    teams.agents().subscribe();
    expect(http.requests).toEqual([
      { method: 'GET', url: '/api/v1/handoff/teams' },
      { method: 'POST', url: '/api/v1/handoff/teams', body: team },
      { method: 'PUT', url: '/api/v1/handoff/teams/t%2F1', body: team },
      { method: 'DELETE', url: '/api/v1/handoff/teams/t1' },
      { method: 'GET', url: '/api/v1/handoff/agents' },
    ]);
  });

  it('reads the kill switch, pauses and resumes a pause', () => {
    const { http, killSwitch } = setup();
    killSwitch.get().subscribe();
    killSwitch.pause({ scope: 'channel', value: 'wechat', reason: 'outage' }).subscribe();
    killSwitch.resume('p1').subscribe();
    expect(http.requests).toEqual([
      { method: 'GET', url: '/api/v1/handoff/kill-switch' },
      { method: 'POST', url: '/api/v1/handoff/kill-switch', body: { scope: 'channel', value: 'wechat', reason: 'outage' } },
      { method: 'DELETE', url: '/api/v1/handoff/kill-switch/p1' },
    ]);
  });

  it('lists human edits with only the filters set, sends and dismisses one', () => {
    const { http, edits } = setup();
    edits.list().subscribe();
    edits.list({ status: 'new', limit: 25, cursor: 'c2' }).subscribe();
    edits.list({ status: null, cursor: null }).subscribe();
    edits.send('e1', { target: 'training', intent: 'get_refund' }).subscribe();
    edits.dismiss('e1').subscribe();
    expect(http.requests).toEqual([
      { method: 'GET', url: '/api/v1/handoff/human-edits', params: '' },
      { method: 'GET', url: '/api/v1/handoff/human-edits', params: 'status=new&limit=25&cursor=c2' },
      { method: 'GET', url: '/api/v1/handoff/human-edits', params: '' },
      { method: 'POST', url: '/api/v1/handoff/human-edits/e1/send', body: { target: 'training', intent: 'get_refund' } },
      { method: 'POST', url: '/api/v1/handoff/human-edits/e1/dismiss', body: {} },
    ]);
  });

  it('reads the audit log by action group, target id and cursor', () => {
    const { http, audit } = setup();
    audit.list({ action: 'kill_switch.*', targetId: ' ', cursor: null, limit: 20 }).subscribe();
    audit.list({ targetId: 'c1', cursor: 'x' }).subscribe();
    expect(http.requests).toEqual([
      { method: 'GET', url: '/api/v1/audit', params: 'action=kill_switch.*&targetId=%20&limit=20' },
      { method: 'GET', url: '/api/v1/audit', params: 'targetId=c1&cursor=x' },
    ]);
  });
});
