/* Helpers for the Claude layer's integration tests (settings, usage, training candidates). */
import { Module } from '@nestjs/common';
import { Role, SESSION_COOKIE } from '@kefu/shared/contracts';
import { AuditModule } from '@kefu/api/audit';
import { FirstAdminService, IdentityModule, UsersService } from '@kefu/api/identity';
import { AppConfig, ConfigModule } from '@kefu/api/platform/config';
import { DatabaseModule } from '@kefu/api/platform/database';
import { HttpModule } from '@kefu/api/platform/http';
import { QueueModule } from '@kefu/api/platform/queue';
import { createTestApp, resetDatabase, TestApp } from '@kefu/api/platform/testing';
import { LlmModule } from '../llm.module';
import { LlmRuntime } from '../runtime/llm-runtime';
import { LlmSettingsService } from '../settings/llm-settings.service';
import { FakeMessagesServer, startFakeMessagesServer } from './fake-messages-server';

@Module({})
class LlmTestRoot {}

/** Identity, audit and the Claude layer (with the NLU engine it needs), wired as the app wires them. */
export const llmRoot = (config: AppConfig) => ({
  module: LlmTestRoot,
  imports: [
    ConfigModule.forRoot(config),
    DatabaseModule.forRoot({ migrations: [] }),
    QueueModule,
    HttpModule,
    IdentityModule,
    AuditModule,
    LlmModule,
  ],
});

export interface Reply<T> {
  status: number;
  body: T;
  /** The response exactly as it came over the wire (to assert what it does not contain). */
  raw: string;
}

export interface LlmContext {
  t: TestApp;
  fake: FakeMessagesServer;
  /** Session cookies (they live in the database, so they work on any app over it). */
  admin: string;
  agent: string;
  analyst: string;
  adminId: string;
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    cookie?: string,
    base?: string,
  ): Promise<Reply<T>>;
  /** The same, with a raw (possibly malformed) JSON body. */
  send(method: string, path: string, raw: string, cookie?: string): Promise<Reply<Record<string, unknown>>>;
}

/** Boots the app once per file against a fake Messages API and empties the database before each test. */
export function useLlmApp(overrides: Record<string, string | undefined> = {}): LlmContext {
  const ctx = {} as LlmContext;
  const request = async (
    base: string,
    method: string,
    path: string,
    payload: string | undefined,
    cookie: string | undefined,
  ) => {
    const headers: Record<string, string> = {};
    if (cookie) headers['cookie'] = cookie;
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${base}${path}`, { method, headers, body: payload });
    const raw = await res.text();
    return {
      status: res.status,
      body: raw ? JSON.parse(raw) : {},
      raw,
      setCookie: res.headers.getSetCookie(),
    };
  };
  ctx.call = async <T>(
    method: string,
    path: string,
    body?: unknown,
    cookie = ctx.admin,
    base = ctx.t.url,
  ) => {
    const res = await request(
      base,
      method,
      path,
      body === undefined ? undefined : JSON.stringify(body),
      cookie,
    );
    return { status: res.status, body: res.body as T, raw: res.raw };
  };
  ctx.send = async (method, path, raw, cookie = ctx.admin) => {
    const res = await request(ctx.t.url, method, path, raw, cookie);
    return { status: res.status, body: res.body, raw: res.raw };
  };

  beforeAll(async () => {
    ctx.fake = await startFakeMessagesServer();
    ctx.t = await createTestApp(llmRoot, { ANTHROPIC_BASE_URL: ctx.fake.url, ...overrides });
    // The NLU engine (accepting a candidate checks its intents) loads or trains its model at boot.
  }, 120_000);
  afterAll(async () => {
    await ctx.t?.close();
    await ctx.fake?.close();
  });
  beforeEach(async () => {
    const { t } = ctx;
    ctx.fake.reset();
    await resetDatabase(t.db);
    t.app.get(LlmSettingsService).invalidate();
    t.app.get(LlmRuntime).resetBreaker();
    await t.app.get(FirstAdminService).ensureFirstAdmin();
    const users = t.app.get(UsersService);
    await users.create({
      email: 'agent@kefu.test',
      name: 'Agent Wu',
      role: Role.Agent,
      password: 'agent-password',
    });
    await users.create({
      email: 'analyst@kefu.test',
      name: 'Analyst Li',
      role: Role.Analyst,
      password: 'analyst-password',
    });
    const login = async (email: string, password: string) => {
      const res = await request(
        t.url,
        'POST',
        '/api/v1/auth/login',
        JSON.stringify({ email, password }),
        undefined,
      );
      return (res.setCookie.find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? '').split(';')[0];
    };
    ctx.admin = await login(t.config.ADMIN_EMAIL, t.config.ADMIN_PASSWORD as string);
    ctx.agent = await login('agent@kefu.test', 'agent-password');
    ctx.analyst = await login('analyst@kefu.test', 'analyst-password');
    ctx.adminId = (await t.db.query(`SELECT id FROM users WHERE role = 'admin'`))[0].id;
  });
  return ctx;
}

export type Issues = { message: string; issues: { path: string; message: string }[] };
