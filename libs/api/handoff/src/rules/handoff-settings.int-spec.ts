import { EscalationRuleDto, RuleInput } from '@kefu/shared/contracts';
import { EscalationPolicy } from './escalation-policy.service';
import { seedDefaultRules } from './rules-seed';
import { angryRule, facts, Issues, useRulesApp } from './testing/rules-test-kit';

describe('hand-off settings, safety triggers, the policy and the default rules (PostgreSQL)', () => {
  const k = useRulesApp();
  const call = <T>(method: string, path: string, body?: unknown, cookie?: string) =>
    k.call<T>(method, path, body, cookie);
  const create = (input: Partial<RuleInput> = {}) => k.create(input);
  const audit = (action: string) => k.audit(action);
  const count = (sql: string) => k.count(sql);

  it('round-trips the settings with an audit line holding before and after', async () => {
    const initial = (await call<Record<string, unknown>>('GET', '/api/v1/handoff/settings')).body;
    expect(initial).toMatchObject({
      defaultThreshold: 0.85,
      intentThresholds: {},
      misunderstandingLimit: 3,
      version: 1,
      updatedBy: null,
    });
    const [{ id: teamId }] = await k.t.db.query(`INSERT INTO teams (name) VALUES ('VIP') RETURNING id`);
    const next = {
      defaultThreshold: 0.8,
      intentThresholds: { track_order: 0.7, get_refund: 0.9 },
      vipTeamId: teamId,
      misunderstandingLimit: 2,
    };
    const put = await call<Record<string, unknown>>('PUT', '/api/v1/handoff/settings', next);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      ...next,
      ambiguityMargin: 0.1,
      version: 2,
      updatedBy: { id: k.adminId },
    });
    expect((await call('GET', '/api/v1/handoff/settings')).body).toEqual(put.body);
    const [line] = await audit('settings.updated');
    expect(line).toMatchObject({
      actor: { id: k.adminId },
      data: {
        version: 2,
        before: { defaultThreshold: 0.85 },
        after: { defaultThreshold: 0.8, vipTeamId: teamId },
      },
    });
    expect(await k.t.app.get(EscalationPolicy).settings()).toMatchObject({
      defaultThreshold: 0.8,
      intentThresholds: { track_order: 0.7 },
    });

    const bad: [unknown, string][] = [
      [{ defaultThreshold: 1.5 }, 'defaultThreshold'],
      [{ intentThresholds: { 'Track Order': 0.5 } }, 'intentThresholds.Track Order'],
      [{ intentThresholds: { track_order: -1 } }, 'intentThresholds.track_order'],
      [{ defaultTeamId: '7f1c5a52-64ad-4f7e-9a0c-6f7a3f1e2b11' }, 'defaultTeamId'],
      [{ misunderstandingLimit: 0 }, 'misunderstandingLimit'],
    ];
    for (const [body, path] of bad) {
      const res = await call<Issues>('PUT', '/api/v1/handoff/settings', body);
      expect(res.status).toBe(400);
      expect(res.body.issues[0].path).toBe(path);
    }
    expect((await call('GET', '/api/v1/handoff/settings')).body).toMatchObject({
      version: 2,
      defaultThreshold: 0.8,
    });
  });

  it('tolerates an old or missing settings row', async () => {
    await k.t.db.query(
      `UPDATE handoff_settings SET settings = '{"defaultThreshold": 7, "ambiguityMargin": 0.2, "retired": true}'`,
    );
    expect((await call('GET', '/api/v1/handoff/settings')).body).toMatchObject({
      defaultThreshold: 0.85,
      ambiguityMargin: 0.2,
    });
    await k.t.db.query(`DELETE FROM handoff_settings`);
    expect((await call('GET', '/api/v1/handoff/settings')).body).toMatchObject({
      defaultThreshold: 0.85,
      version: 0,
    });
    expect((await call('PUT', '/api/v1/handoff/settings', { defaultThreshold: 0.7 })).body).toMatchObject({
      defaultThreshold: 0.7,
      version: 2,
    });
  });

  it('lists the four safety triggers with the reason and priority they hand off with', async () => {
    const res = await call<{ trigger: string; reason: string; priority: string; description: string }[]>(
      'GET',
      '/api/v1/handoff/safety-triggers',
    );
    expect(res.body.map((s) => [s.trigger, s.reason, s.priority])).toEqual([
      ['customer_request', 'customer_request', 'normal'],
      ['legal_threat', 'policy', 'high'],
      ['harm_threat', 'negative_emotion', 'urgent'],
      ['self_harm', 'negative_emotion', 'urgent'],
    ]);
    expect(res.body.every((s) => s.description.length > 20)).toBe(true);
  });

  it('evaluates the stored rules at once after a change, with safety first and a draft in place of a rule', async () => {
    const policy = k.t.app.get(EscalationPolicy);
    expect((await policy.evaluate('message_understood', facts)).decision.handoff).toBeNull();
    const rule = await create();
    const { decision, traces } = await policy.evaluate('message_understood', facts);
    expect(decision.handoff).toEqual({
      teamId: null,
      priority: 'high',
      reason: 'negative_emotion',
      ruleId: rule.id,
      safety: null,
    });
    expect(traces[0].conditions.map((c) => c.explanation)).toEqual([
      'emotion angry is one of angry',
      'angry score 0.9 is at least 0.8',
    ]);

    const safe = await policy.evaluate('message_understood', { ...facts, text: '我不想活了' });
    expect(safe.decision.handoff).toMatchObject({
      reason: 'negative_emotion',
      priority: 'urgent',
      safety: 'self_harm',
      ruleId: rule.id,
    });
    expect(safe.safety.find((s) => s.trigger === 'self_harm')).toMatchObject({
      fired: true,
      evidence: '不想活',
    });
    const asked = await policy.evaluate('message_understood', { ...facts, text: '转人工' });
    expect(asked.decision.handoff).toMatchObject({
      reason: 'customer_request',
      priority: 'high',
      safety: 'customer_request',
    });

    const draft = {
      id: rule.id,
      rule: {
        ...angryRule,
        conditions: [{ field: 'emotion' as const, op: 'in' as const, value: ['happy'] }],
      },
    };
    expect((await policy.evaluate('message_understood', facts, { draft })).decision.handoff).toBeNull();
    const appended = await policy.evaluate('message_understood', facts, {
      draft: { id: null, rule: { ...angryRule, actions: [{ type: 'tag', tags: ['draft'] }] } },
    });
    expect(appended.decision.tags).toEqual(['draft']);
    expect(appended.traces.map((r) => r.ruleId)).toEqual([rule.id, 'draft']);
    expect((await policy.evaluate('before_reply', { ...facts, text: '转人工' })).safety).toEqual([]);

    await call('PATCH', `/api/v1/handoff/rules/${rule.id}`, { enabled: false });
    expect((await policy.evaluate('message_understood', facts)).decision.handoff).toBeNull();
  });

  it('seeds the default rules once, readable, and they route an angry VIP to the VIP team first', async () => {
    const teams = { general: '', senior: '', vip: '', returns: '' };
    for (const name of Object.keys(teams) as (keyof typeof teams)[])
      teams[name] = (await k.t.db.query(`INSERT INTO teams (name) VALUES ($1) RETURNING id`, [name]))[0].id;
    await k.t.db.transaction((em) => seedDefaultRules(em, teams));
    await k.t.db.transaction((em) => seedDefaultRules(em, teams));
    const rules = (await call<EscalationRuleDto[]>('GET', '/api/v1/handoff/rules')).body;
    expect(rules).toHaveLength(6);
    expect(rules.map((r) => r.position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rules.every((r) => r.description.length > 40 && r.version === 1)).toBe(true);
    expect(
      await count(`SELECT count(*)::int AS n FROM escalation_rule_versions WHERE change = 'created'`),
    ).toBe(6);

    const policy = k.t.app.get(EscalationPolicy);
    policy.invalidate();
    const vip = await policy.evaluate('message_understood', { ...facts, intent: 'complaint', emotionScore: 0.85 });
    expect(vip.decision.handoff).toMatchObject({
      teamId: teams.vip,
      priority: 'urgent',
      reason: 'negative_emotion',
      ruleId: rules[0].id,
    });
    expect(vip.traces[1].skipped).toBe('stopped');
    // An impatient VIP asking where the order is gets the bot's answer first.
    const impatient = await policy.evaluate('message_understood', { ...facts, intent: 'track_order', emotion: 'frustrated', emotionScore: 0.9 });
    expect(impatient.decision.handoff).toBeNull();
    const angry = await policy.evaluate('message_understood', { ...facts, customerTier: null });
    expect(angry.decision.handoff).toMatchObject({ teamId: teams.senior, priority: 'high' });
    const refund = await policy.evaluate('before_reply', {
      ...facts,
      intent: 'get_refund',
      customerTier: null,
    });
    expect(refund.decision.handoff).toMatchObject({ teamId: teams.returns, reason: 'policy' });
    const routed = await policy.evaluate('handoff', { ...facts, handoffReason: 'low_confidence' });
    expect(routed.decision.handoff).toMatchObject({
      teamId: teams.vip,
      priority: 'high',
      reason: 'low_confidence',
    });
    expect(routed.decision.tags).toEqual(['after_hours']);
  });
});
