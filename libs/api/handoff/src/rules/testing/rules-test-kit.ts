/* Helpers for this area's integration tests (not exported from index.ts). */
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  AuditEntryDto,
  AuditPage,
  EscalationRuleDto,
  Role,
  RuleFacts,
  RuleInput,
  SESSION_COOKIE,
} from '@kefu/shared/contracts';
import { AuditModule } from '@kefu/api/audit';
import { FirstAdminService, IdentityModule, UsersService } from '@kefu/api/identity';
import { AppConfig, ConfigModule } from '@kefu/api/platform/config';
import { DatabaseModule } from '@kefu/api/platform/database';
import { HttpModule } from '@kefu/api/platform/http';
import { QueueModule } from '@kefu/api/platform/queue';
import { createTestApp, resetDatabase, TestApp } from '@kefu/api/platform/testing';
import { HANDOFF_ENTITIES } from '../../entities';
import { EscalationPolicy } from '../escalation-policy.service';
import { RULES_CONTROLLERS, RULES_PROVIDERS } from '../index';

@Module({
  imports: [TypeOrmModule.forFeature(HANDOFF_ENTITIES)],
  providers: RULES_PROVIDERS,
  controllers: RULES_CONTROLLERS,
})
class RulesTestModule {}

@Module({})
class RulesTestRoot {}

/** Identity, audit and this area's rules, wired the way HandoffModule wires them. */
export const rulesRoot = (config: AppConfig) => ({
  module: RulesTestRoot,
  imports: [
    ConfigModule.forRoot(config),
    DatabaseModule.forRoot({ migrations: [] }),
    QueueModule,
    HttpModule,
    IdentityModule,
    AuditModule,
    RulesTestModule,
  ],
});

export const angryRule: RuleInput = {
  name: 'Angry shoppers reach a human',
  description: 'angry and sure of it',
  enabled: true,
  event: 'message_understood',
  match: 'all',
  conditions: [
    { field: 'emotion', op: 'in', value: ['angry'] },
    { field: 'emotion_score', op: 'gte', value: 0.8 },
  ],
  actions: [{ type: 'handoff', teamId: null, priority: 'high', reason: 'negative_emotion' }],
  stopProcessing: false,
};

export const facts: RuleFacts = {
  event: 'message_understood',
  text: 'where is my parcel',
  language: 'en',
  intent: 'track_order',
  confidence: 0.9,
  threshold: 0.85,
  margin: 0.5,
  emotion: 'angry',
  emotionScore: 0.9,
  misunderstandings: 0,
  customerTier: 'gold',
  orderValue: 3000,
  region: 'CN',
  channel: 'widget',
  businessHoursOpen: false,
  retrievalScore: 0.5,
  outcome: 'refused',
  handoffReason: null,
  idleMinutes: null,
};

/** JSON over fetch, with an optional session cookie. */
export const client =
  (base: string) =>
  async (method: string, path: string, opts: { body?: unknown; raw?: string; cookie?: string } = {}) => {
    const headers: Record<string, string> = {};
    if (opts.cookie) headers['cookie'] = opts.cookie;
    const payload = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${base}${path}`, { method, headers, body: payload });
    const text = await res.text();
    return {
      status: res.status,
      body: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
      setCookie: res.headers.getSetCookie(),
    };
  };

export const sessionCookie = (res: { setCookie: string[] }) =>
  (res.setCookie.find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? '').split(';')[0];

export type Issues = { message: string; issues: { path: string; message: string }[] };

/** The signed-in admin and agent, and calls as either. */
export interface RulesContext {
  t: TestApp;
  admin: string;
  agent: string;
  adminId: string;
  api: ReturnType<typeof client>;
  call<T>(
    method: string,
    path: string,
    body?: unknown,
    cookie?: string,
  ): Promise<{ status: number; body: T }>;
  create(input?: Partial<RuleInput>): Promise<EscalationRuleDto>;
  audit(action: string): Promise<AuditEntryDto[]>;
  count(sql: string): Promise<number>;
}

/** Boots the rules app once for the file and empties the database before each test. */
export function useRulesApp(): RulesContext {
  const ctx = {} as RulesContext;
  ctx.call = async <T>(method: string, path: string, body?: unknown, cookie = ctx.admin) => {
    const res = await ctx.api(method, path, { body, cookie });
    return { status: res.status, body: res.body as unknown as T };
  };
  ctx.create = async (input: Partial<RuleInput> = {}) => {
    const res = await ctx.call<EscalationRuleDto>('POST', '/api/v1/handoff/rules', {
      ...angryRule,
      ...input,
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  ctx.audit = async (action: string) =>
    (await ctx.call<AuditPage>('GET', `/api/v1/audit?action=${action}`)).body.items;
  ctx.count = async (sql: string) => Number((await ctx.t.db.query(sql))[0].n);

  beforeAll(async () => {
    ctx.t = await createTestApp(rulesRoot);
    ctx.api = client(ctx.t.url);
  });
  afterAll(() => ctx.t.close());
  beforeEach(async () => {
    const { t, api } = ctx;
    await resetDatabase(t.db);
    await t.db.query(`INSERT INTO handoff_settings (id) VALUES (1)`);
    t.app.get(EscalationPolicy).invalidate();
    await t.app.get(FirstAdminService).ensureFirstAdmin();
    await t.app
      .get(UsersService)
      .create({ email: 'agent@kefu.test', name: 'Agent Wu', role: Role.Agent, password: 'agent-password' });
    const login = async (email: string, password: string) =>
      sessionCookie(await api('POST', '/api/v1/auth/login', { body: { email, password } }));
    ctx.admin = await login(t.config.ADMIN_EMAIL as string, t.config.ADMIN_PASSWORD as string);
    ctx.agent = await login('agent@kefu.test', 'agent-password');
    ctx.adminId = (await t.db.query(`SELECT id FROM users WHERE role = 'admin'`))[0].id;
  });
  return ctx;
}
