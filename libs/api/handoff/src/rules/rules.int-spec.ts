import { EscalationRuleDto, RuleInput, RuleVersionDto } from '@kefu/shared/contracts';
import { angryRule, Issues, useRulesApp } from './testing/rules-test-kit';

describe('escalation rules API (PostgreSQL)', () => {
  const k = useRulesApp();
  const call = <T>(method: string, path: string, body?: unknown, cookie?: string) =>
    k.call<T>(method, path, body, cookie);
  const create = (input: Partial<RuleInput> = {}) => k.create(input);
  const audit = (action: string) => k.audit(action);
  const count = (sql: string) => k.count(sql);

  it('creates, reads, updates, switches off and deletes a rule, keeping every version and an audit line for each', async () => {
    const rule = await create();
    expect(rule).toMatchObject({
      ...angryRule,
      id: expect.any(String),
      position: 1,
      version: 1,
      updatedBy: { id: k.adminId, name: expect.any(String) },
    });
    expect((await call<EscalationRuleDto>('GET', `/api/v1/handoff/rules/${rule.id}`)).body).toEqual(rule);

    const edited = {
      ...angryRule,
      name: 'Very angry shoppers',
      conditions: [{ field: 'emotion_score', op: 'gte', value: 0.9 }],
      expectedVersion: 1,
    };
    const put = await call<EscalationRuleDto>('PUT', `/api/v1/handoff/rules/${rule.id}`, edited);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      name: 'Very angry shoppers',
      version: 2,
      conditions: [{ field: 'emotion_score', op: 'gte', value: 0.9 }],
    });
    expect(put.body).not.toHaveProperty('expectedVersion');

    const off = await call<EscalationRuleDto>('PATCH', `/api/v1/handoff/rules/${rule.id}`, {
      enabled: false,
    });
    expect(off.body).toMatchObject({ enabled: false, version: 3 });
    expect(
      (await call<EscalationRuleDto>('PATCH', `/api/v1/handoff/rules/${rule.id}`, { enabled: false })).body
        .version,
    ).toBe(3);

    expect((await call('DELETE', `/api/v1/handoff/rules/${rule.id}`)).status).toBe(204);
    expect((await call('GET', `/api/v1/handoff/rules/${rule.id}`)).status).toBe(404);
    expect((await call<EscalationRuleDto[]>('GET', '/api/v1/handoff/rules')).body).toEqual([]);

    const versions = (await call<RuleVersionDto[]>('GET', `/api/v1/handoff/rules/${rule.id}/versions`)).body;
    expect(versions.map((v) => [v.version, v.change])).toEqual([
      [4, 'deleted'],
      [3, 'disabled'],
      [2, 'updated'],
      [1, 'created'],
    ]);
    expect(versions[0].rule).toBeNull();
    expect(versions[1].rule).toMatchObject({ name: 'Very angry shoppers', enabled: false });
    expect(versions[3]).toMatchObject({ rule: { name: angryRule.name }, actor: { id: k.adminId } });

    const lines = await audit('rule.*');
    expect(lines.map((a) => a.action)).toEqual([
      'rule.deleted',
      'rule.disabled',
      'rule.updated',
      'rule.created',
    ]);
    expect(lines.every((a) => a.targetId === rule.id && a.actor?.id === k.adminId)).toBe(true);
    expect(lines[2].data).toMatchObject({
      version: 2,
      before: { name: angryRule.name },
      after: { name: 'Very angry shoppers' },
    });
  });

  it('refuses a stale edit with 409 and leaves the rule as it was', async () => {
    const rule = await create();
    await call('PUT', `/api/v1/handoff/rules/${rule.id}`, {
      ...angryRule,
      name: 'first edit',
      expectedVersion: 1,
    });
    const stale = await call<{ message: string }>('PUT', `/api/v1/handoff/rules/${rule.id}`, {
      ...angryRule,
      name: 'second edit',
      expectedVersion: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/changed meanwhile.*version 2/);
    expect((await call<EscalationRuleDto>('GET', `/api/v1/handoff/rules/${rule.id}`)).body).toMatchObject({
      name: 'first edit',
      version: 2,
    });
    expect(await count(`SELECT count(*)::int AS n FROM escalation_rule_versions`)).toBe(2);
  });

  it('reorders rules when every rule is named once, recording the old and new order', async () => {
    const a = await create({ name: 'a' });
    const b = await create({ name: 'b' });
    const c = await create({ name: 'c' });
    expect([a.position, b.position, c.position]).toEqual([1, 2, 3]);
    const res = await call<EscalationRuleDto[]>('POST', '/api/v1/handoff/rules/reorder', {
      ids: [c.id, a.id, b.id],
    });
    expect(res.status).toBe(200);
    expect(res.body.map((r) => [r.name, r.position])).toEqual([
      ['c', 1],
      ['a', 2],
      ['b', 3],
    ]);
    expect((await call<EscalationRuleDto[]>('GET', '/api/v1/handoff/rules')).body.map((r) => r.name)).toEqual(
      ['c', 'a', 'b'],
    );
    const [line] = await audit('rules.reordered');
    expect(line.data).toEqual({ before: [a.id, b.id, c.id], after: [c.id, a.id, b.id] });
    expect(
      (await call<RuleVersionDto[]>('GET', `/api/v1/handoff/rules/${c.id}/versions`)).body[0],
    ).toMatchObject({ version: 2, change: 'reordered' });

    for (const ids of [
      [c.id, a.id],
      [c.id, a.id, b.id, b.id],
      [c.id, a.id, '7f1c5a52-64ad-4f7e-9a0c-6f7a3f1e2b11'],
      ['nope'],
    ]) {
      const bad = await call<Issues>('POST', '/api/v1/handoff/rules/reorder', { ids });
      expect(bad.status).toBe(400);
      expect(bad.body.issues.length).toBeGreaterThan(0);
    }
    expect((await call<EscalationRuleDto[]>('GET', '/api/v1/handoff/rules')).body.map((r) => r.name)).toEqual(
      ['c', 'a', 'b'],
    );

    await call('DELETE', `/api/v1/handoff/rules/${a.id}`);
    expect(
      (await call<EscalationRuleDto[]>('GET', '/api/v1/handoff/rules')).body.map((r) => [r.name, r.position]),
    ).toEqual([
      ['c', 1],
      ['b', 2],
    ]);
  });

  it('refuses bad rules with 400 naming the field, and stores nothing', async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ ...angryRule, conditions: [{ field: 'mood', op: 'in', value: ['x'] }] }, 'conditions.0.field', /./],
      [
        { ...angryRule, conditions: [{ field: 'emotion', op: 'gte', value: 1 }] },
        'conditions.0.op',
        /emotion takes in or not_in/,
      ],
      [
        { ...angryRule, conditions: [{ field: 'pattern', op: 'matches', value: '(unclosed' }] },
        'conditions.0.value',
        /not a valid regular expression/,
      ],
      [{ ...angryRule, event: 'conversation_idle' }, 'conditions.0.field', /not known at conversation_idle/],
      [{ ...angryRule, actions: [] }, 'actions', /at least one action/],
      [{ ...angryRule, name: '' }, 'name', /name/],
      [{ ...angryRule, actions: [{ type: 'handoff', reason: 'boredom' }] }, 'actions.0.reason', /./],
      [
        { ...angryRule, conditions: [{ field: 'confidence', op: 'lt', value: 3 }] },
        'conditions.0.value',
        /between 0 and 1/,
      ],
      ['just text', 'body', /./],
    ];
    for (const [body, path, message] of cases) {
      const res = await call<Issues>('POST', '/api/v1/handoff/rules', body);
      expect(res.status).toBe(400);
      expect(res.body.issues[0].path).toBe(path);
      expect(res.body.issues[0].message).toMatch(message);
      expect(res.body.message).toMatch(/^invalid body/);
    }
    const malformed = await k.api('POST', '/api/v1/handoff/rules', { raw: '{"name": ', cookie: k.admin });
    expect(malformed.status).toBe(400);
    const rule = await create();
    expect(
      (await call<Issues>('PUT', `/api/v1/handoff/rules/${rule.id}`, { ...angryRule, actions: [] })).status,
    ).toBe(400);
    expect(
      (
        await call<Issues>('PUT', `/api/v1/handoff/rules/${rule.id}`, {
          ...angryRule,
          expectedVersion: 'one',
        })
      ).status,
    ).toBe(400);
    expect((await call<Issues>('PATCH', `/api/v1/handoff/rules/${rule.id}`, { enabled: 'yes' })).status).toBe(
      400,
    );
    expect(await count(`SELECT count(*)::int AS n FROM escalation_rules`)).toBe(1);
    expect((await call<EscalationRuleDto>('GET', `/api/v1/handoff/rules/${rule.id}`)).body.version).toBe(1);
  });

  it('answers 404 for unknown and malformed rule ids', async () => {
    const missing = '7f1c5a52-64ad-4f7e-9a0c-6f7a3f1e2b11';
    for (const id of [missing, 'not-an-id', '1']) {
      expect((await call('GET', `/api/v1/handoff/rules/${id}`)).status).toBe(404);
      expect((await call('PUT', `/api/v1/handoff/rules/${id}`, angryRule)).status).toBe(404);
      expect((await call('PATCH', `/api/v1/handoff/rules/${id}`, { enabled: true })).status).toBe(404);
      expect((await call('DELETE', `/api/v1/handoff/rules/${id}`)).status).toBe(404);
      expect((await call('GET', `/api/v1/handoff/rules/${id}/versions`)).status).toBe(404);
    }
  });

  it('lets only admins read and change rules and settings', async () => {
    const rule = await create();
    const denied: [string, string, unknown?][] = [
      ['GET', '/api/v1/handoff/rules'],
      ['POST', '/api/v1/handoff/rules', angryRule],
      ['PUT', `/api/v1/handoff/rules/${rule.id}`, angryRule],
      ['PATCH', `/api/v1/handoff/rules/${rule.id}`, { enabled: false }],
      ['DELETE', `/api/v1/handoff/rules/${rule.id}`],
      ['POST', '/api/v1/handoff/rules/reorder', { ids: [rule.id] }],
      ['PUT', '/api/v1/handoff/settings', { defaultThreshold: 0.5 }],
    ];
    for (const [method, path, body] of denied)
      expect((await call(method, path, body, k.agent)).status).toBe(403);
    expect((await k.api('GET', '/api/v1/handoff/rules')).status).toBe(401);
    expect((await call<EscalationRuleDto>('GET', `/api/v1/handoff/rules/${rule.id}`)).body).toMatchObject({
      version: 1,
      enabled: true,
    });
  });
});
