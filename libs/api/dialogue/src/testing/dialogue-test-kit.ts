/* Helpers for this library's integration tests (not exported from index.ts). */
import { Module } from '@nestjs/common';
import { Role, SESSION_COOKIE } from '@kefu/shared/contracts';
import { AppConfig, ConfigModule } from '@kefu/api/platform/config';
import { DatabaseModule } from '@kefu/api/platform/database';
import { HttpModule } from '@kefu/api/platform/http';
import { QueueModule } from '@kefu/api/platform/queue';
import { TestApp } from '@kefu/api/platform/testing';
import { FirstAdminService, IdentityModule, UsersService } from '@kefu/api/identity';
import { AuditModule } from '@kefu/api/audit';
import { DialogueModule } from '../dialogue.module';

@Module({})
class DialogueTestRoot {}

/** The smallest application that runs dialogue as production wires it (with sign-in). */
export const dialogueRoot = (config: AppConfig) => ({
  module: DialogueTestRoot,
  imports: [
    ConfigModule.forRoot(config),
    DatabaseModule.forRoot({ migrations: [] }),
    QueueModule,
    HttpModule,
    IdentityModule,
    AuditModule,
    DialogueModule,
  ],
});

export async function call<T = Record<string, unknown>>(
  t: TestApp,
  method: string,
  path: string,
  opts: { body?: unknown; raw?: string; cookie?: string } = {},
): Promise<{ status: number; body: T & { message?: string } }> {
  const headers: Record<string, string> = {};
  if (opts.cookie) headers['cookie'] = opts.cookie;
  let body: string | undefined;
  if (opts.raw !== undefined || opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = opts.raw ?? JSON.stringify(opts.body);
  }
  const res = await fetch(`${t.url}${path}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T & { message?: string } };
}

async function signIn(t: TestApp, email: string, password: string): Promise<string> {
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

/** Session cookies for the bootstrap admin, an agent, an analyst and a compliance officer. */
export async function staff(t: TestApp) {
  await t.app.get(FirstAdminService).ensureFirstAdmin();
  const users = t.app.get(UsersService);
  const make = async (role: Role, email: string) => {
    await users.create({ email, name: role, role, password: `${role}-password` });
    return signIn(t, email, `${role}-password`);
  };
  return {
    admin: await signIn(t, t.config.ADMIN_EMAIL, t.config.ADMIN_PASSWORD as string),
    agent: await make(Role.Agent, 'agent@kefu.test'),
    analyst: await make(Role.Analyst, 'analyst@kefu.test'),
    compliance: await make(Role.ComplianceOfficer, 'compliance@kefu.test'),
  };
}

/** A conversation row to hang dialogue state on. */
export async function conversation(t: TestApp): Promise<string> {
  const [inbox] = (await t.db.query(
    `INSERT INTO inboxes (name, channel, secret) VALUES ('Web', 'api', 's') RETURNING id`,
  )) as { id: string }[];
  const [contact] = (await t.db.query(`INSERT INTO contacts (name) VALUES ('Shopper') RETURNING id`)) as {
    id: string;
  }[];
  const [c] = (await t.db.query(
    `INSERT INTO conversations (inbox_id, contact_id) VALUES ($1, $2) RETURNING id`,
    [inbox.id, contact.id],
  )) as { id: string }[];
  return c.id;
}
