import { AuditPage, LlmUsageReportDto } from '@kefu/shared/contracts';
import { dayKey, UsageRecord } from '../client/usage-recorder';
import { BudgetAlerts } from '../runtime/budget-alerts';
import { Issues, useLlmApp } from '../testing/llm-app-kit';
import { PostgresUsageRecorder } from './postgres-usage-recorder';

const TZ = 'Asia/Shanghai';

describe("Claude's usage: the recorder, the day's spending and the report (PostgreSQL)", () => {
  const k = useLlmApp();
  const recorder = () => k.t.app.get(PostgresUsageRecorder);
  const call = (over: Partial<UsageRecord>): UsageRecord => ({
    at: new Date(),
    purpose: 'reply',
    model: 'claude-sonnet-4-6',
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    latencyMs: 100,
    costUsd: 0,
    outcome: 'ok',
    attempts: 1,
    ...over,
  });
  const report = (query = '', cookie?: string) =>
    k.call<LlmUsageReportDto & Issues>('GET', `/api/v1/llm/usage${query}`, undefined, cookie);

  it("stores every call and sums the spending since the shop's local midnight", async () => {
    // 12:00 in Shanghai on 10 March; its day began at 16:00 UTC on 9 March.
    const now = new Date('2026-03-10T04:00:00Z');
    const r = recorder();
    await r.record(
      call({
        at: new Date('2026-03-09T16:30:00Z'),
        costUsd: 0.5,
        conversationId: 'c9b1d7a4-2f3e-4a5b-8c6d-7e8f9a0b1c2d',
      }),
    );
    await r.record(call({ at: new Date('2026-03-09T15:30:00Z'), costUsd: 2 }));
    await r.record(call({ at: new Date('2026-03-11T00:00:00Z'), costUsd: 4 }));
    expect(await r.spentToday(now)).toBe(0.5);

    // This process's own calls count at once; another process's show up when the sum is read again.
    await r.record(call({ at: now, costUsd: 0.25, outcome: 'timeout', attempts: 3 }));
    await k.t.db.query(
      `INSERT INTO llm_usage (at, purpose, model, outcome, cost_usd) VALUES ($1, 'reply', 'm', 'ok', 10)`,
      [now],
    );
    expect(await r.spentToday(now)).toBe(0.75);
    r.forget();
    expect(await r.spentToday(now)).toBe(10.75);
    // The next day starts from zero.
    expect(await r.spentToday(new Date('2026-03-10T16:00:00Z'))).toBe(4);

    const rows = await k.t.db.query(
      `SELECT purpose, outcome, attempts, latency_ms, cost_usd::text AS cost, conversation_id FROM llm_usage ORDER BY id LIMIT 1`,
    );
    expect(rows[0]).toEqual({
      purpose: 'reply',
      outcome: 'ok',
      attempts: 1,
      latency_ms: 100,
      cost: '0.500000',
      conversation_id: 'c9b1d7a4-2f3e-4a5b-8c6d-7e8f9a0b1c2d',
    });
  });

  it('never fails the call for its bookkeeping', async () => {
    const r = recorder();
    await expect(r.record(call({ conversationId: 'not-a-uuid', costUsd: 0.1 }))).resolves.toBeUndefined();
    expect((await k.t.db.query(`SELECT conversation_id FROM llm_usage`))[0].conversation_id).toBeNull();
    await expect(r.record(call({ outcome: null as unknown as 'ok' }))).resolves.toBeUndefined();
    expect(Number((await k.t.db.query(`SELECT count(*) AS n FROM llm_usage`))[0].n)).toBe(1);
  });

  it('reports each day of the shop calendar, empty days included, with median latency and the cache hit ratio', async () => {
    const now = new Date();
    const today = dayKey(now, TZ);
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
    const insert = (
      at: Date,
      purpose: string,
      outcome: string,
      input: number,
      output: number,
      cacheRead: number,
      cost: number,
      latency: number,
    ) =>
      k.t.db.query(
        `INSERT INTO llm_usage (at, purpose, model, outcome, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_usd, latency_ms)
         VALUES ($1, $2, 'claude-sonnet-4-6', $3, $4, $5, $6, 0, $7, $8)`,
        [at, purpose, outcome, input, output, cacheRead, cost, latency],
      );
    await insert(now, 'reply', 'ok', 1000, 100, 3000, 0.01, 100);
    await insert(now, 'classify', 'ok', 1000, 50, 1000, 0.02, 300);
    await insert(now, 'reply', 'timeout', 0, 0, 0, 0, 5000);
    await insert(hoursAgo(48), 'reply', 'ok', 2000, 10, 0, 0.03, 700);
    await insert(hoursAgo(72), 'reply', 'ok', 9999, 9999, 0, 9, 9);

    const res = await report('?days=3', k.analyst);
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r).toMatchObject({ to: today, timezone: TZ, dailyBudgetUsd: 20 });
    expect(r.days.map((d) => d.day)).toEqual([dayKey(hoursAgo(48), TZ), dayKey(hoursAgo(24), TZ), today]);
    expect(r.from).toBe(r.days[0].day);
    expect(r.days[0]).toMatchObject({
      calls: 1,
      failed: 0,
      inputTokens: 2000,
      costUsd: 0.03,
      medianLatencyMs: 700,
    });
    expect(r.days[1]).toEqual({
      day: dayKey(hoursAgo(24), TZ),
      calls: 0,
      failed: 0,
      inputTokens: 0,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      costUsd: 0,
      medianLatencyMs: null,
    });
    // The timed-out call counts as a failure and stays out of the median.
    expect(r.days[2]).toMatchObject({
      calls: 3,
      failed: 1,
      inputTokens: 2000,
      outputTokens: 150,
      cacheReadTokens: 4000,
      costUsd: 0.03,
      medianLatencyMs: 200,
    });
    expect(r.totals).toEqual({
      calls: 4,
      failed: 1,
      inputTokens: 4000,
      outputTokens: 160,
      cacheReadTokens: 4000,
      cacheWriteTokens: 0,
      costUsd: 0.06,
      cacheHitRatio: 0.5,
    });
    expect(r.byPurpose).toEqual([
      { purpose: 'reply', calls: 3, costUsd: 0.04 },
      { purpose: 'classify', calls: 1, costUsd: 0.02 },
    ]);

    const month = await report();
    expect(month.body.days).toHaveLength(30);
    expect(month.body.totals.calls).toBe(5);
  });

  it('refuses a bad range and readers without the permission', async () => {
    for (const q of ['?days=0', '?days=abc', '?days=400', '?days=1.5']) {
      const res = await report(q);
      expect(res.status).toBe(400);
      expect(res.body.issues[0].path).toBe('days');
    }
    expect((await report('', k.agent)).status).toBe(403);
    expect((await report('', '')).status).toBe(401);
    const empty = await report('?days=1');
    expect(empty.body.days).toHaveLength(1);
    expect(empty.body.totals).toMatchObject({ calls: 0, costUsd: 0, cacheHitRatio: 0 });
  });

  it('alerts once per level per day, in the log and the audit log (actor: the system)', async () => {
    const alerts = k.t.app.get(BudgetAlerts);
    const at = new Date('2026-03-10T04:00:00Z');
    await alerts.raise({ level: 'warning', spentUsd: 16.2, budgetUsd: 20 }, at);
    await alerts.raise({ level: 'warning', spentUsd: 17, budgetUsd: 20 }, at);
    await alerts.raise({ level: 'exhausted', spentUsd: 20.1, budgetUsd: 20 }, at);
    const page = (await k.call<AuditPage>('GET', '/api/v1/audit?action=llm.budget_alert')).body;
    expect(page.items.map((i) => [i.actor, i.data['level'], i.data['day']])).toEqual([
      [null, 'exhausted', '2026-03-10'],
      [null, 'warning', '2026-03-10'],
    ]);
  });
});
