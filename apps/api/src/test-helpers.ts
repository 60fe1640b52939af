import { CreateInboxInput, InboxDto } from '@kefu/shared/contracts';
import { sign } from '@kefu/api/channels';
import { FirstAdminService } from '@kefu/api/identity';
import { DialogueTemplatesService, TemplateSeeder } from '@kefu/api/dialogue';
import { resetDatabase, TestApp } from '@kefu/api/platform/testing';

/** Logs in as the bootstrap admin of the test config and returns the session cookie. */
export async function adminCookie(t: TestApp): Promise<string> {
  await bootstrapAdmin(t);
  const res = await fetch(`${t.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: t.config.ADMIN_EMAIL, password: t.config.ADMIN_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

/** resetDatabase() empties users too: create the first admin again the way boot does. */
export async function bootstrapAdmin(t: TestApp): Promise<void> {
  await t.app.get(FirstAdminService).ensureFirstAdmin();
}

export async function createInbox(t: TestApp, cookie: string, input: CreateInboxInput): Promise<InboxDto> {
  const res = await fetch(`${t.url}/api/v1/inboxes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(input),
  });
  if (res.status !== 201) throw new Error(`create inbox failed: ${res.status} ${await res.text()}`);
  return res.json();
}

/** POSTs a message to the API channel, signed with the inbox secret (or the one given). */
export function postSigned(
  t: TestApp,
  inbox: Pick<InboxDto, 'id' | 'secret'>,
  body: unknown,
  opts: { secret?: string; timestamp?: number } = {},
): Promise<Response> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  return fetch(`${t.url}/api/v1/inboxes/${inbox.id}/messages`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-kefu-timestamp': ts,
      'x-kefu-signature': sign(opts.secret ?? (inbox.secret as string), ts, raw),
    },
    body: raw,
  });
}

export async function count(t: TestApp, sql: string): Promise<number> {
  const [row] = await t.db.query(sql);
  return Number(row.count);
}

/** Empties the database and puts back what boot seeds for every install (the reply templates). */
export async function resetApp(t: TestApp): Promise<void> {
  await resetDatabase(t.db);
  await t.app.get(TemplateSeeder).seed();
  t.app.get(DialogueTemplatesService).forget();
}
