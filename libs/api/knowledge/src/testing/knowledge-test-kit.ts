/* Helpers for this library's integration tests (not exported from index.ts). */
import { Module } from '@nestjs/common';
import { Role, SESSION_COOKIE } from '@kefu/shared/contracts';
import { AppConfig, ConfigModule } from '@kefu/api/platform/config';
import { DatabaseModule } from '@kefu/api/platform/database';
import { HttpModule } from '@kefu/api/platform/http';
import { QueueModule } from '@kefu/api/platform/queue';
import { resetDatabase, TestApp } from '@kefu/api/platform/testing';
import { FirstAdminService, IdentityModule, UsersService } from '@kefu/api/identity';
import { KnowledgeModule } from '../knowledge.module';
import { KnowledgeSearchService } from '../search/knowledge-search.service';
import { KnowledgeSeeder } from '../seed/knowledge-seeder.service';
import { KnowledgeSettingsService } from '../settings/knowledge-settings.service';
import { SynonymsService } from '../synonyms/synonyms.service';

@Module({})
class KnowledgeTestRoot {}

/** The smallest application that runs knowledge as production wires it (with sign-in). */
export const knowledgeRoot = (config: AppConfig) => ({
  module: KnowledgeTestRoot,
  imports: [
    ConfigModule.forRoot(config),
    DatabaseModule.forRoot({ migrations: [] }),
    QueueModule,
    HttpModule,
    IdentityModule,
    KnowledgeModule,
  ],
});

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T & { message?: string; issues?: { path: string; message: string }[] };
  headers: Headers;
  raw: Buffer;
}

/** A small HTTP client: JSON by default, or a raw body with its content type. */
export function client(baseUrl: string) {
  return async function call<T = Record<string, unknown>>(
    method: string,
    path: string,
    opts: { body?: unknown; raw?: string | Buffer; contentType?: string; cookie?: string } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (opts.cookie) headers['cookie'] = opts.cookie;
    let body: string | Uint8Array | undefined;
    if (opts.raw !== undefined) {
      headers['content-type'] = opts.contentType ?? 'application/json';
      body = typeof opts.raw === 'string' ? opts.raw : new Uint8Array(opts.raw);
    } else if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body: body as RequestInit['body'] });
    const raw = Buffer.from(await res.arrayBuffer());
    let parsed: unknown = {};
    if ((res.headers.get('content-type') ?? '').includes('json') && raw.length) {
      try {
        parsed = JSON.parse(raw.toString('utf8'));
      } catch {
        parsed = {};
      }
    }
    return { status: res.status, body: parsed as ApiResponse<T>['body'], headers: res.headers, raw };
  };
}

export async function signIn(t: TestApp, email: string, password: string): Promise<string> {
  const res = await fetch(`${t.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const line = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!line) throw new Error('no session cookie');
  return line.split(';')[0];
}

/** Session cookies for the bootstrap admin and, on request, an agent. */
export async function staff(t: TestApp): Promise<{ admin: string; agent: string; analyst: string }> {
  await t.app.get(FirstAdminService).ensureFirstAdmin();
  const users = t.app.get(UsersService);
  await users.create({
    email: 'agent@kefu.test',
    name: 'Agent',
    role: Role.Agent,
    password: 'agent-password',
  });
  await users.create({
    email: 'analyst@kefu.test',
    name: 'Analyst',
    role: Role.Analyst,
    password: 'analyst-password',
  });
  return {
    admin: await signIn(t, t.config.ADMIN_EMAIL, t.config.ADMIN_PASSWORD as string),
    agent: await signIn(t, 'agent@kefu.test', 'agent-password'),
    analyst: await signIn(t, 'analyst@kefu.test', 'analyst-password'),
  };
}

/** The default synonyms and the demo FAQ, as an embedded install boots with. */
export async function seedDemo(t: TestApp): Promise<void> {
  const seeder = t.app.get(KnowledgeSeeder);
  await seeder.seedDefaults();
  await seeder.seedDemo();
}

/** Empties the database and the per-process caches that would remember the previous test. */
export async function resetKnowledge(t: TestApp): Promise<void> {
  await resetDatabase(t.db);
  t.app.get(SynonymsService).forget();
  t.app.get(KnowledgeSettingsService).forget();
  t.app.get(KnowledgeSearchService).forget();
}

export async function count(t: TestApp, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = (await t.db.query(sql, params)) as { n: string | number }[];
  return Number(row.n);
}
