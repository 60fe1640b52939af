/* Helpers for the workspace's integration tests (not exported from index.ts). */
import { InboxDto, Role, SESSION_COOKIE } from '@kefu/shared/contracts';
import { FirstAdminService, UsersService } from '@kefu/api/identity';
import { sign } from '@kefu/api/channels';
import { DialogueTemplatesService, TemplateSeeder } from '@kefu/api/dialogue';
import { resetDatabase, TestApp, waitFor } from '@kefu/api/platform/testing';

export interface Res<T = Record<string, unknown>> {
  status: number;
  body: T & { message?: string; issues?: { path: string; message: string }[] };
}

export async function call<T = Record<string, unknown>>(
  t: TestApp,
  method: string,
  path: string,
  cookie?: string,
  body?: unknown,
): Promise<Res<T>> {
  const headers: Record<string, string> = {};
  if (cookie) headers['cookie'] = cookie;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${t.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Res<T>['body'] };
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

export interface Person {
  id: string;
  cookie: string;
}

/** The bootstrap admin, two agents (Alice, Bob), a third agent (Carol), an analyst. */
export async function people(t: TestApp) {
  await t.app.get(FirstAdminService).ensureFirstAdmin();
  const users = t.app.get(UsersService);
  const make = async (role: Role, name: string): Promise<Person> => {
    const email = `${name.toLowerCase()}@kefu.test`;
    const u = await users.create({ email, name, role, password: `${name}-password-123` });
    return { id: u.id, cookie: await signIn(t, email, `${name}-password-123`) };
  };
  const [admin] = (await t.db.query(`SELECT id FROM users WHERE role = 'admin' LIMIT 1`)) as { id: string }[];
  return {
    admin: { id: admin.id, cookie: await signIn(t, t.config.ADMIN_EMAIL, t.config.ADMIN_PASSWORD as string) },
    alice: await make(Role.Agent, 'Alice'),
    bob: await make(Role.Agent, 'Bob'),
    carol: await make(Role.Agent, 'Carol'),
    analyst: await make(Role.Analyst, 'Ann'),
  };
}

/** A team with members; `online` members are marked available for auto-assignment. */
export async function team(
  t: TestApp,
  name: string,
  members: string[],
  online: string[] = [],
): Promise<string> {
  const [row] = (await t.db.query(`INSERT INTO teams (name) VALUES ($1) RETURNING id`, [name])) as {
    id: string;
  }[];
  for (const m of members)
    await t.db.query(`INSERT INTO team_members (team_id, user_id) VALUES ($1, $2)`, [row.id, m]);
  for (const m of online) {
    await t.db.query(
      `INSERT INTO agent_presence (user_id, availability) VALUES ($1, 'online') ON CONFLICT (user_id) DO UPDATE SET availability = 'online'`,
      [m],
    );
  }
  return row.id;
}

export async function createInbox(t: TestApp, cookie: string, callbackUrl: string): Promise<InboxDto> {
  const res = await call<InboxDto>(t, 'POST', '/api/v1/inboxes', cookie, { name: 'Shop app', callbackUrl });
  if (res.status !== 201) throw new Error(`create inbox failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A shopper message pushed through the API channel, signed like the shop's system does. */
export async function push(
  t: TestApp,
  inbox: InboxDto,
  externalMessageId: string,
  text: string,
  externalUserId = 'shopper-1',
) {
  const raw = JSON.stringify({ externalMessageId, externalUserId, text });
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = sign(inbox.secret as string, ts, raw);
  const res = await fetch(`${t.url}/api/v1/inboxes/${inbox.id}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-kefu-timestamp': ts, 'x-kefu-signature': signature },
    body: raw,
  });
  if (res.status !== 202) throw new Error(`push failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { messageId: string; conversationId: string };
}

export async function count(t: TestApp, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = (await t.db.query(sql, params)) as { count: string }[];
  return Number(row.count);
}

/** Waits until the shopper's message is processed and every outgoing message left (delivered or failed). */
export async function settled(t: TestApp, messageId: string): Promise<void> {
  await waitFor(
    async () =>
      (await count(t, `SELECT count(*) FROM messages WHERE id = $1 AND status = 'processed'`, [
        messageId,
      ])) === 1,
  );
  await waitFor(
    async () =>
      (await count(
        t,
        `SELECT count(*) FROM messages WHERE direction = 'outgoing' AND status = 'pending'`,
      )) === 0,
  );
}

export async function resetApp(t: TestApp): Promise<void> {
  await resetDatabase(t.db);
  await t.app.get(TemplateSeeder).seed();
  t.app.get(DialogueTemplatesService).forget();
}
