import { AuditPage, LlmKeyTestDto, LlmSettingsDto } from '@kefu/shared/contracts';
import { createTestApp, TestApp } from '@kefu/api/platform/testing';
import { LlmRuntime } from '../runtime/llm-runtime';
import { llmRoot, Issues, useLlmApp } from '../testing/llm-app-kit';
import { PostgresUsageRecorder } from '../usage/postgres-usage-recorder';
import { LlmSettingsService } from './llm-settings.service';
import { SecretBox } from './secret-box';

const KEY = 'sk-ant-api03-Zq8vW3xYkLmN0pQrStUv-wxyz';
const TEST_SECRET = 'kefu-test-secret-0123456789abcdef0123456789';

describe("Claude's settings: the encrypted key, validation, permissions and the runtime (PostgreSQL)", () => {
  const k = useLlmApp();
  const settings = (cookie?: string) =>
    k.call<LlmSettingsDto>('GET', '/api/v1/llm/settings', undefined, cookie);
  const put = (body: unknown, cookie?: string) =>
    k.call<LlmSettingsDto & Issues>('PUT', '/api/v1/llm/settings', body, cookie);
  const runtime = () => k.t.app.get(LlmRuntime);
  const audits = async () =>
    (await k.call<AuditPage>('GET', '/api/v1/audit?action=llm.settings_updated')).body.items;

  it('stores the key sealed and never answers it again; the audit line says only how it ends', async () => {
    const initial = await settings();
    expect(initial.status).toBe(200);
    expect(initial.body).toMatchObject({
      enabled: true,
      model: 'claude-sonnet-4-6',
      keySet: false,
      keyLast4: null,
      keySource: 'none',
      keyStorageAvailable: true,
      status: { off: 'no_key', breaker: 'closed', spentTodayUsd: 0 },
      version: 0,
      updatedBy: null,
    });

    const saved = await put({ apiKey: KEY, model: 'claude-haiku-4-5', expectedVersion: 0 });
    expect(saved.status).toBe(200);
    expect(saved.raw).not.toContain(KEY);
    expect(saved.raw).not.toContain(KEY.slice(0, 20));
    expect(saved.body).toMatchObject({
      model: 'claude-haiku-4-5',
      keySet: true,
      keyLast4: 'wxyz',
      keySource: 'settings',
      status: { off: null },
      version: 1,
      updatedBy: { id: k.adminId },
    });
    const again = await settings();
    expect(again.raw).not.toContain(KEY);
    expect(again.body).toEqual(saved.body);

    const [row] = await k.t.db.query(`SELECT api_key_enc, key_last4 FROM llm_settings`);
    expect(row.api_key_enc).toMatch(/^v1:/);
    expect(row.api_key_enc).not.toContain(KEY);
    expect(row.key_last4).toBe('wxyz');
    expect(new SecretBox(TEST_SECRET).open(row.api_key_enc)).toBe(KEY);

    const [line] = await audits();
    expect(line).toMatchObject({
      actor: { id: k.adminId },
      data: {
        version: 1,
        key: 'set, ends …wxyz',
        before: { model: 'claude-sonnet-4-6' },
        after: { model: 'claude-haiku-4-5' },
      },
    });
    expect(JSON.stringify(await audits())).not.toContain(KEY);

    // A change that names one setting keeps the key and every other setting.
    const budget = await put({ dailyBudgetUsd: 5 });
    expect(budget.body).toMatchObject({
      dailyBudgetUsd: 5,
      model: 'claude-haiku-4-5',
      keySet: true,
      version: 2,
    });
    expect((await audits())[0].data).not.toHaveProperty('key');

    const removed = await put({ apiKey: null });
    expect(removed.body).toMatchObject({
      keySet: false,
      keyLast4: null,
      keySource: 'none',
      status: { off: 'no_key' },
      version: 3,
    });
    expect((await audits())[0].data).toMatchObject({ key: 'removed' });
    expect((await k.t.db.query(`SELECT api_key_enc FROM llm_settings`))[0].api_key_enc).toBeNull();
  });

  it('treats a key sealed under another secret as no key, and says so', async () => {
    const sealed = new SecretBox('another-secret-of-at-least-32-characters!!').seal(KEY);
    await k.t.db.query(
      `INSERT INTO llm_settings (id, api_key_enc, key_last4, version) VALUES (1, $1, 'wxyz', 1)`,
      [sealed],
    );
    k.t.app.get(LlmSettingsService).invalidate();
    const res = await settings();
    expect(res.body).toMatchObject({
      keySet: true,
      keyLast4: 'wxyz',
      keySource: 'none',
      status: { off: 'no_key' },
    });
    expect(await runtime().resolve({ purpose: 'reply' })).toEqual({ ok: false, reason: 'no_key' });
    const test = await k.call<LlmKeyTestDto>('POST', '/api/v1/llm/settings/test');
    expect(test.body).toMatchObject({ ok: false, error: expect.stringMatching(/cannot be decrypted/) });
    expect(k.fake.requests).toHaveLength(0);
  });

  it('refuses bad settings with a 400 naming the field, and changes nothing', async () => {
    await put({ apiKey: KEY });
    const bad: [unknown, string][] = [
      [{ model: 'gpt-4' }, 'model'],
      [{ neverAbroadRegions: ['China'] }, 'neverAbroadRegions.0'],
      [{ unmaskedRegions: ['US', 'usa'] }, 'unmaskedRegions.1'],
      [{ dailyBudgetUsd: -1 }, 'dailyBudgetUsd'],
      [{ apiKey: 'abc' }, 'apiKey'],
      [{ channels: ['fax'] }, 'channels.0'],
      [{ timeoutMs: 10 }, 'timeoutMs'],
      [{ enabled: 'yes' }, 'enabled'],
    ];
    for (const [body, path] of bad) {
      const res = await put(body);
      expect(res.status).toBe(400);
      expect(res.body.issues[0].path).toBe(path);
      expect(res.body.message).toContain(path);
    }
    expect((await k.send('PUT', '/api/v1/llm/settings', '{"model": ')).status).toBe(400);
    expect((await put([1, 2])).status).toBe(400);
    const after = await settings();
    expect(after.body).toMatchObject({
      version: 1,
      model: 'claude-sonnet-4-6',
      dailyBudgetUsd: 20,
      keySet: true,
    });
  });

  it('answers 409 to a stale version and keeps the other admin’s change', async () => {
    await put({ model: 'claude-opus-4-6' });
    const stale = await put({ model: 'claude-haiku-4-5', expectedVersion: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/changed by someone else.*version 1/);
    expect((await settings()).body).toMatchObject({ model: 'claude-opus-4-6', version: 1 });
  });

  it('lets only admins see or change the settings; analysts read usage only', async () => {
    expect((await settings(k.agent)).status).toBe(403);
    expect((await put({ enabled: false }, k.agent)).status).toBe(403);
    expect((await k.call('POST', '/api/v1/llm/settings/test', undefined, k.agent)).status).toBe(403);
    expect((await settings(k.analyst)).status).toBe(403);
    expect((await put({ enabled: false }, k.analyst)).status).toBe(403);
    expect((await k.call('GET', '/api/v1/llm/usage', undefined, k.analyst)).status).toBe(200);
    expect((await k.call('GET', '/api/v1/llm/usage', undefined, k.agent)).status).toBe(403);
    expect((await settings('')).status).toBe(401);
    expect((await settings()).body.enabled).toBe(true);
  });

  it('says why Claude may not answer a scope: disabled, no key, channel, intent, region, feature, budget', async () => {
    const rt = runtime();
    expect(await rt.resolve({ purpose: 'reply', channel: 'widget' })).toEqual({
      ok: false,
      reason: 'no_key',
    });
    await put({
      apiKey: KEY,
      channels: ['widget', 'api'],
      disabledIntents: ['get_refund'],
      neverAbroadRegions: ['cn'],
      unmaskedRegions: ['us', 'CN'],
    });

    const ok = await rt.resolve({ purpose: 'reply', channel: 'widget', intent: 'track_order', region: 'US' });
    expect(ok.ok).toBe(true);
    if (!ok.ok) throw new Error('unreachable');
    expect(ok.settings.neverAbroadRegions).toEqual(['CN']);
    expect(ok.settings.unmaskedRegions).toEqual(['US', 'CN']);
    // Masked unless the shopper's region is allowed unmasked; an unknown region is masked.
    expect(ok.mask).toBe(false);
    const masked = async (region: string | null) => {
      const h = await rt.resolve({ purpose: 'reply', channel: 'widget', region });
      return h.ok && h.mask;
    };
    expect(await masked('DE')).toBe(true);
    expect(await masked(null)).toBe(true);
    expect(await masked(' us ')).toBe(false);
    expect(ok.client.enabled).toBe(true);
    // One client while nothing it is built from changes: its breaker remembers.
    const same = await rt.resolve({ purpose: 'classify' });
    expect(same.ok && same.client).toBe(ok.client);

    const reason = async (scope: Parameters<LlmRuntime['resolve']>[0]) => {
      const h = await rt.resolve(scope);
      return h.ok ? 'ok' : h.reason;
    };
    expect(await reason({ purpose: 'reply', channel: 'email' })).toBe('channel_off');
    expect(await reason({ purpose: 'classify', channel: 'wechat' })).toBe('channel_off');
    expect(await reason({ purpose: 'suggest', channel: 'email' })).toBe('channel_off');
    expect(await reason({ purpose: 'reply', channel: 'widget', intent: 'get_refund' })).toBe('intent_off');
    expect(await reason({ purpose: 'classify', channel: 'widget', intent: 'get_refund' })).toBe('ok');
    // Never abroad wins over unmasked: nothing is sent at all.
    expect(await reason({ purpose: 'reply', channel: 'api', region: 'cn' })).toBe('never_abroad');
    expect(await reason({ purpose: 'handoff_summary', region: 'CN' })).toBe('never_abroad');

    await put({ classificationFallback: false, agentAssist: false });
    expect(await reason({ purpose: 'classify', channel: 'widget' })).toBe('feature_off');
    expect(await reason({ purpose: 'suggest' })).toBe('feature_off');
    expect(await reason({ purpose: 'handoff_summary' })).toBe('feature_off');
    expect(await reason({ purpose: 'reply', channel: 'widget' })).toBe('ok');

    const changed = await rt.resolve({ purpose: 'reply' });
    expect(changed.ok && changed.client).toBe(ok.client);
    await put({ model: 'claude-opus-4-6' });
    const rebuilt = await rt.resolve({ purpose: 'reply' });
    expect(rebuilt.ok && rebuilt.client).not.toBe(ok.client);

    await put({ dailyBudgetUsd: 1 });
    const usage = k.t.app.get(PostgresUsageRecorder);
    const call = {
      purpose: 'reply',
      model: 'claude-opus-4-6',
      inputTokens: 1,
      outputTokens: 1,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      latencyMs: 5,
      outcome: 'ok' as const,
    };
    await usage.record({ ...call, at: new Date(), costUsd: 0.6 });
    expect(await reason({ purpose: 'reply' })).toBe('ok');
    await usage.record({ ...call, at: new Date(), costUsd: 0.4 });
    expect(await reason({ purpose: 'reply' })).toBe('budget');
    expect((await settings()).body.status).toMatchObject({ off: 'budget', spentTodayUsd: 1 });
    await put({ dailyBudgetUsd: null });
    expect(await reason({ purpose: 'reply' })).toBe('ok');

    await put({ enabled: false });
    expect(await reason({ purpose: 'reply', channel: 'widget' })).toBe('disabled');
    expect((await settings()).body.status.off).toBe('disabled');
    expect(k.fake.requests).toHaveLength(0);
  });

  it('tests the key with one tiny call: ok, or the API’s own words when it refuses', async () => {
    const none = await k.call<LlmKeyTestDto>('POST', '/api/v1/llm/settings/test');
    expect(none.body).toMatchObject({ ok: false, error: expect.stringMatching(/no API key/) });

    await put({ apiKey: KEY, model: 'claude-haiku-4-5' });
    k.fake.script([{ message: { usage: { input_tokens: 8, output_tokens: 1 } } }]);
    const ok = await k.call<LlmKeyTestDto>('POST', '/api/v1/llm/settings/test');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, model: 'claude-haiku-4-5' });
    expect(ok.body.latencyMs).toBeGreaterThanOrEqual(0);
    const [sent] = k.fake.requests;
    expect(sent.body).toMatchObject({ max_tokens: 1, model: 'claude-haiku-4-5' });
    expect(sent.headers['x-api-key'] ?? String(sent.headers['authorization']).replace(/^Bearer /, '')).toBe(
      KEY,
    );

    k.fake.script([{ status: 401, error: { type: 'authentication_error', message: 'invalid x-api-key' } }]);
    const refused = await k.call<LlmKeyTestDto>('POST', '/api/v1/llm/settings/test');
    expect(refused.body).toMatchObject({
      ok: false,
      model: 'claude-haiku-4-5',
      error: expect.stringContaining('invalid x-api-key'),
    });
    expect(refused.body.error).toContain('401');
    expect(refused.raw).not.toContain(KEY);
    // One request each: the test does not retry.
    expect(k.fake.requests).toHaveLength(2);
    const rows: { purpose: string; outcome: string }[] = await k.t.db.query(
      `SELECT purpose, outcome FROM llm_usage ORDER BY id`,
    );
    expect(rows).toEqual([
      { purpose: 'test', outcome: 'ok' },
      { purpose: 'test', outcome: 'error' },
    ]);
  });

  describe('a server without KEFU_SECRET_KEY', () => {
    let bare: TestApp;
    beforeAll(async () => {
      bare = await createTestApp(llmRoot, {
        KEFU_SECRET_KEY: undefined,
        ANTHROPIC_API_KEY: 'sk-ant-env-0123456789abcdefghij',
        ANTHROPIC_BASE_URL: k.fake.url,
      });
    }, 120_000);
    afterAll(() => bare?.close());

    it('cannot store a key (409 saying what to set) but uses ANTHROPIC_API_KEY', async () => {
      const refused = await k.call<Issues>('PUT', '/api/v1/llm/settings', { apiKey: KEY }, k.admin, bare.url);
      expect(refused.status).toBe(409);
      expect(refused.body.message).toMatch(/KEFU_SECRET_KEY.*ANTHROPIC_API_KEY/);
      expect(refused.raw).not.toContain(KEY);
      const view = await k.call<LlmSettingsDto>('GET', '/api/v1/llm/settings', undefined, k.admin, bare.url);
      expect(view.body).toMatchObject({
        keyStorageAvailable: false,
        keySet: false,
        keySource: 'environment',
        status: { off: null },
        version: 0,
      });
      expect(view.raw).not.toContain('sk-ant-env');
      const changed = await k.call<LlmSettingsDto>(
        'PUT',
        '/api/v1/llm/settings',
        { model: 'claude-haiku-4-5' },
        k.admin,
        bare.url,
      );
      expect(changed.body).toMatchObject({ model: 'claude-haiku-4-5', version: 1 });
      const h = await bare.app.get(LlmRuntime).resolve({ purpose: 'reply' });
      expect(h.ok).toBe(true);
    });
  });
});
