import { HttpErrorResponse } from '@angular/common/http';
import { Injector } from '@angular/core';
import type { LlmKeyTestDto, LlmSettingsDto, LlmSettingsUpdate } from '@kefu/shared/contracts';
import { Observable, of, throwError } from 'rxjs';
import { LlmApiService } from './llm-api.service';
import { LlmSettingsStore } from './llm-settings.store';
import { settingsDto } from './testing';

const KEY = 'sk-ant-api03-SECRETsecretSECRET-abcd';

function httpError(status: number, body: object): HttpErrorResponse {
  return new HttpErrorResponse({ status, error: { statusCode: status, error: 'Error', ...body } });
}

/** The API as the server behaves: stores the key, answers the DTO with only its last four characters. */
class FakeApi {
  current = settingsDto();
  readonly puts: LlmSettingsUpdate[] = [];
  nextError: HttpErrorResponse | null = null;
  testAnswer: LlmKeyTestDto = { ok: true, model: 'claude-sonnet-4-6', latencyMs: 412 };

  settings(): Observable<LlmSettingsDto> {
    return of(this.current);
  }
  updateSettings(update: LlmSettingsUpdate): Observable<LlmSettingsDto> {
    this.puts.push(update);
    if (this.nextError) {
      const e = this.nextError;
      this.nextError = null;
      return throwError(() => e);
    }
    const { apiKey, expectedVersion: _v, ...settings } = update;
    const key =
      apiKey === undefined
        ? {}
        : apiKey === null
          ? { keySet: false, keyLast4: null, keySource: 'none' as const }
          : { keySet: true, keyLast4: apiKey.slice(-4), keySource: 'settings' as const };
    this.current = {
      ...this.current,
      ...settings,
      ...key,
      status: { ...this.current.status, off: apiKey ? null : this.current.status.off },
      version: this.current.version + 1,
    };
    return of(this.current);
  }
  testConnection(): Observable<LlmKeyTestDto> {
    return this.nextError ? throwError(() => this.nextError) : of(this.testAnswer);
  }
}

function setup(dto: LlmSettingsDto = settingsDto()) {
  const api = new FakeApi();
  api.current = dto;
  const injector = Injector.create({
    providers: [
      { provide: LlmApiService, useValue: api },
      { provide: LlmSettingsStore, useClass: LlmSettingsStore, deps: [] },
    ],
  });
  const store = injector.get(LlmSettingsStore);
  store.load();
  return { api, store };
}

/** Everything the page can render from the store. */
function visibleState(store: LlmSettingsStore): string {
  return JSON.stringify({
    dto: store.dto(),
    form: store.form(),
    draft: store.keyDraft(),
    status: store.status(),
    keyState: store.keyState(),
    keyError: store.keyError(),
    test: store.testResult(),
  });
}

describe('LlmSettingsStore', () => {
  it('saves the whole form with the version it was loaded from, then is clean again', () => {
    const { api, store } = setup(settingsDto({ version: 7 }));
    store.patch({ enabled: false, channels: ['widget'], dailyBudgetUsd: null, neverAbroadRegions: ['CN'], unmaskedRegions: ['US'] });
    expect(store.dirty()).toBe(true);
    let ok: boolean | undefined;
    store.save().subscribe((r) => (ok = r));
    expect(ok).toBe(true);
    expect(api.puts).toEqual([
      {
        enabled: false,
        model: 'claude-sonnet-4-6',
        channels: ['widget'],
        disabledIntents: [],
        classificationFallback: true,
        agentAssist: true,
        streaming: true,
        dailyBudgetUsd: null,
        budgetAlertRatio: 0.8,
        neverAbroadRegions: ['CN'],
        unmaskedRegions: ['US'],
        maxToolSteps: 5,
        timeoutMs: 15000,
        expectedVersion: 7,
      },
    ]);
    expect(api.puts[0]).not.toHaveProperty('apiKey');
    expect(store.dirty()).toBe(false);
    expect(store.dto()?.version).toBe(8);
  });

  it('turns a 409 on save into "changed by someone else" and sends nothing more until reloaded', () => {
    const { api, store } = setup(settingsDto({ version: 2 }));
    store.patch({ maxToolSteps: 3 });
    api.nextError = httpError(409, {
      message: 'The settings were changed by someone else (version 3); reload them.',
    });
    let ok: boolean | undefined;
    store.save().subscribe((r) => (ok = r));
    expect(ok).toBe(false);
    expect(store.conflict()).toBe(true);
    expect(store.form().maxToolSteps).toBe(3);

    store.save().subscribe();
    expect(api.puts).toHaveLength(1);

    api.current = settingsDto({ version: 3, maxToolSteps: 8 });
    store.load();
    expect(store.conflict()).toBe(false);
    expect(store.form().maxToolSteps).toBe(8);
    expect(store.dirty()).toBe(false);
  });

  it("shows a 400's field problems next to the fields and its message", () => {
    const { api, store } = setup();
    store.patch({ model: 'claude-next' });
    api.nextError = httpError(400, {
      message: 'model: a Claude model id such as claude-sonnet-4-6',
      issues: [{ path: 'model', message: 'a Claude model id such as claude-sonnet-4-6' }],
    });
    store.save().subscribe();
    expect(store.issues().model).toBe('a Claude model id such as claude-sonnet-4-6');
    expect(store.saveError()).toContain('model');
    store.patch({ model: 'claude-haiku-4-5' });
    expect(store.issues().model).toBeUndefined();
  });

  it('does not send a form the schema refuses', () => {
    const { api, store } = setup();
    store.patch({ model: 'gpt-4', timeoutMs: NaN });
    expect(store.valid()).toBe(false);
    expect(Object.keys(store.issues())).toEqual(expect.arrayContaining(['model', 'timeoutMs']));
    store.save().subscribe();
    expect(api.puts).toEqual([]);
  });

  it('sends the key on its own and afterwards holds only its last four characters', () => {
    const { api, store } = setup();
    store.keyDraft.set(`  ${KEY} `);
    let ok: boolean | undefined;
    store.saveKey().subscribe((r) => (ok = r));
    expect(ok).toBe(true);
    expect(api.puts).toEqual([{ apiKey: KEY }]);
    expect(store.keyDraft()).toBe('');
    expect(store.keyState()).toBe('stored');
    expect(store.dto()?.keyLast4).toBe('abcd');
    expect(visibleState(store)).not.toContain('SECRET');
    expect(store.status()?.answering).toBe(true);
  });

  it('keeps unsaved edits when the key is saved, and saves them with the new version', () => {
    const { api, store } = setup(settingsDto({ version: 4 }));
    store.patch({ streaming: false });
    store.keyDraft.set(KEY);
    store.saveKey().subscribe();
    expect(store.form().streaming).toBe(false);
    expect(store.dirty()).toBe(true);
    expect(store.conflict()).toBe(false);
    store.save().subscribe();
    expect(api.puts[1]).toMatchObject({ streaming: false, expectedVersion: 5 });
  });

  it('flags a conflict when the key answer carries someone else’s settings while the form has edits', () => {
    const { api, store } = setup();
    store.patch({ streaming: false });
    api.current = { ...api.current, maxToolSteps: 9 };
    store.keyDraft.set(KEY);
    store.saveKey().subscribe();
    expect(store.conflict()).toBe(true);
  });

  it('refuses a key that is too short or has spaces without asking the server', () => {
    const { api, store } = setup();
    store.keyDraft.set('sk-ant-short');
    expect(store.keyProblem()).toBe('short');
    store.saveKey().subscribe();
    store.keyDraft.set('sk-ant-api03 with spaces inside it');
    expect(store.keyProblem()).toBe('spaces');
    store.saveKey().subscribe();
    expect(api.puts).toEqual([]);
  });

  it("shows the server's reason when it cannot store keys, and keeps what was typed", () => {
    const { api, store } = setup(settingsDto({ keyStorageAvailable: false }));
    api.nextError = httpError(409, {
      message: 'Set KEFU_SECRET_KEY to store API keys, or ANTHROPIC_API_KEY.',
    });
    store.keyDraft.set(KEY);
    let ok: boolean | undefined;
    store.saveKey().subscribe((r) => (ok = r));
    expect(ok).toBe(false);
    expect(store.keyError()).toContain('KEFU_SECRET_KEY');
    expect(store.keyState()).toBe('none');
    expect(store.conflict()).toBe(false);
  });

  it('removes the key with apiKey null', () => {
    const { api, store } = setup(
      settingsDto({
        keySet: true,
        keyLast4: 'wxyz',
        keySource: 'settings',
        status: { off: null, breaker: 'closed', spentTodayUsd: 0 },
      }),
    );
    expect(store.keyState()).toBe('stored');
    store.removeKey().subscribe();
    expect(api.puts).toEqual([{ apiKey: null }]);
    expect(store.keyState()).toBe('none');
  });

  it('reports the connection test: latency on success, the error otherwise', () => {
    const { api, store } = setup();
    let ok: boolean | undefined;
    store.test().subscribe((r) => (ok = r));
    expect(ok).toBe(true);
    expect(store.testResult()).toEqual({ ok: true, model: 'claude-sonnet-4-6', latencyMs: 412 });
    expect(store.testing()).toBe(false);

    api.testAnswer = { ok: false, model: 'claude-sonnet-4-6', latencyMs: 80, error: 'invalid x-api-key' };
    store.test().subscribe((r) => (ok = r));
    expect(ok).toBe(false);
    expect(store.testResult()?.error).toBe('invalid x-api-key');

    api.nextError = httpError(502, { message: 'Anthropic API unreachable' });
    store.test().subscribe();
    expect(store.testResult()).toBeNull();
    expect(store.testError()).toBe('Anthropic API unreachable');
  });
});
