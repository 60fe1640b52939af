/* Helpers for the routing area's integration tests (not exported from index.ts). */
import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Role, SESSION_COOKIE } from '@kefu/shared/contracts';
import { AppConfig, ConfigModule } from '@kefu/api/platform/config';
import { DatabaseModule } from '@kefu/api/platform/database';
import { HttpModule } from '@kefu/api/platform/http';
import { QueueModule } from '@kefu/api/platform/queue';
import { TestApp } from '@kefu/api/platform/testing';
import { FirstAdminService, IdentityModule, UsersService } from '@kefu/api/identity';
import { AuditModule } from '@kefu/api/audit';
import { ConversationsModule, ProcessingContext, ProcessingPipeline, ProcessingStage, ReplyDraft } from '@kefu/api/conversations';
import { HANDOFF_ENTITIES } from '../../entities';
import { ROUTING_CONTROLLERS, ROUTING_PROVIDERS } from '../index';

/** Stands in for the dialogue engine: answers every message it is given. */
@Injectable()
export class EchoStage implements ProcessingStage, OnModuleInit {
  readonly name = 'echo';
  readonly order = 50;
  constructor(private readonly pipeline: ProcessingPipeline) {}
  onModuleInit() {
    this.pipeline.use(this);
  }
  async run(ctx: ProcessingContext): Promise<ReplyDraft[]> {
    return [{ text: `echo ${ctx.message.id.slice(0, 4)}` }];
  }
}

@Module({
  imports: [TypeOrmModule.forFeature(HANDOFF_ENTITIES), ConversationsModule, IdentityModule],
  controllers: ROUTING_CONTROLLERS,
  providers: [...ROUTING_PROVIDERS, EchoStage],
})
class RoutingTestModule {}

@Module({})
class RoutingTestRoot {}

/** The routing area as production wires it, without the other areas of the hand-off library. */
export const routingRoot = (config: AppConfig) => ({
  module: RoutingTestRoot,
  imports: [
    ConfigModule.forRoot(config),
    DatabaseModule.forRoot({ migrations: [] }),
    QueueModule,
    HttpModule,
    IdentityModule,
    AuditModule,
    ConversationsModule,
    RoutingTestModule,
  ],
});

export async function call<T = Record<string, unknown>>(
  t: TestApp,
  method: string,
  path: string,
  opts: { body?: unknown; cookie?: string } = {},
): Promise<{ status: number; body: T & { message?: string } }> {
  const headers: Record<string, string> = {};
  if (opts.cookie) headers['cookie'] = opts.cookie;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${t.url}${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
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

export interface StaffMember {
  id: string;
  cookie: string;
}

/** The bootstrap admin, three agents and an analyst, signed in. */
export async function staff(t: TestApp) {
  await t.app.get(FirstAdminService).ensureFirstAdmin();
  const users = t.app.get(UsersService);
  const make = async (role: Role, email: string): Promise<StaffMember> => {
    const u = await users.create({ email, name: email.split('@')[0], role, password: `${role}-password` });
    return { id: u.id, cookie: await signIn(t, email, `${role}-password`) };
  };
  const [admin] = (await t.db.query(`SELECT id FROM users WHERE lower(email) = lower($1)`, [t.config.ADMIN_EMAIL])) as { id: string }[];
  return {
    admin: { id: admin.id, cookie: await signIn(t, t.config.ADMIN_EMAIL, t.config.ADMIN_PASSWORD as string) },
    a1: await make(Role.Agent, 'agent1@kefu.test'),
    a2: await make(Role.Agent, 'agent2@kefu.test'),
    a3: await make(Role.Agent, 'agent3@kefu.test'),
    analyst: await make(Role.Analyst, 'analyst@kefu.test'),
  };
}

/** An inbox of the channel (created once per channel per test). */
export async function inbox(t: TestApp, channel = 'api'): Promise<string> {
  const [row] = (await t.db.query(`INSERT INTO inboxes (name, channel, secret) VALUES ($1, $2, 's') RETURNING id`, [`${channel} inbox`, channel])) as { id: string }[];
  return row.id;
}

/** A conversation row in an inbox, with the given fields. */
export async function conversation(
  t: TestApp,
  inboxId: string,
  fields: { status?: string; teamId?: string | null; assigneeId?: string | null; priority?: number; handoffAt?: Date | null; firstHumanReplyAt?: Date | null } = {},
): Promise<string> {
  const [contact] = (await t.db.query(`INSERT INTO contacts (name) VALUES ('Shopper') RETURNING id`)) as { id: string }[];
  const [c] = (await t.db.query(
    `INSERT INTO conversations (inbox_id, contact_id, status, team_id, assignee_id, priority, handoff_at, first_human_reply_at, last_message_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) RETURNING id`,
    [inboxId, contact.id, fields.status ?? 'bot', fields.teamId ?? null, fields.assigneeId ?? null, fields.priority ?? 2, fields.handoffAt ?? null, fields.firstHumanReplyAt ?? null],
  )) as { id: string }[];
  return c.id;
}

/** An incoming message still `received` (stored, its job not run yet). */
export async function queuedMessage(t: TestApp, conversationId: string, inboxId: string, text = 'where is my parcel'): Promise<string> {
  const [m] = (await t.db.query(
    `INSERT INTO messages (conversation_id, inbox_id, direction, sender_type, text, status) VALUES ($1, $2, 'incoming', 'contact', $3, 'received') RETURNING id`,
    [conversationId, inboxId, text],
  )) as { id: string }[];
  return m.id;
}
