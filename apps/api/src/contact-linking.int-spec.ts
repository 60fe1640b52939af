import { InboxDto } from '@kefu/shared/contracts';
import { createTestApp, TestApp } from '@kefu/api/platform/testing';
import { AppModule } from './app.module';
import { adminCookie, count, createInbox, postSigned, resetApp } from './test-helpers';

/** Issue 6 item 5: one shopper, many channels — identities with the same verified key are one contact. */
describe('one shopper across channels (PostgreSQL + Redis)', () => {
  let t: TestApp;
  let cookie: string;
  let app: InboxDto;
  let kiosk: InboxDto;

  beforeAll(async () => {
    t = await createTestApp((c) => AppModule.forRoot(c), { DIALOGUE_ENGINE: 'off' });
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetApp(t);
    cookie = await adminCookie(t);
    app = await createInbox(t, cookie, { name: 'Shop app' });
    kiosk = await createInbox(t, cookie, { name: 'Store kiosk' });
  });

  const push = async (inbox: InboxDto, body: Record<string, unknown>) => {
    const res = await postSigned(t, inbox, { text: 'hi', ...body });
    expect([200, 202]).toContain(res.status);
    return (await res.json()) as { contactId: string; conversationId: string };
  };
  const conversationsOf = async (contactId: string) => {
    const res = await fetch(`${t.url}/api/v1/conversations?contactId=${contactId}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    return (await res.json()).items as { id: string; inboxId: string; channel: string }[];
  };

  it('links two channels by a verified phone, and the agent sees both conversations under one contact', async () => {
    const a = await push(app, { externalMessageId: 'a1', externalUserId: 'app-user-7', verified: { phone: '+86 138-0013-8000' } });
    const b = await push(kiosk, { externalMessageId: 'k1', externalUserId: 'kiosk-42', verified: { phone: '+8613800138000' } });
    expect(b.contactId).toBe(a.contactId);
    expect(b.conversationId).not.toBe(a.conversationId);
    const list = await conversationsOf(a.contactId);
    expect(list.map((c) => c.inboxId).sort()).toEqual([app.id, kiosk.id].sort());
    expect(list.every((c) => c.channel === 'api')).toBe(true);
    expect(await count(t, `SELECT count(*) FROM contacts`)).toBe(1);
  });

  it('does not link identities whose phone or e-mail was not verified', async () => {
    const a = await push(app, { externalMessageId: 'a1', externalUserId: 'u1', contact: { email: 'li@example.com' } });
    const b = await push(kiosk, { externalMessageId: 'k1', externalUserId: 'u2', contact: { email: 'li@example.com' } });
    expect(b.contactId).not.toBe(a.contactId);
  });

  it('continues the same conversation when a logged-in shopper writes from a second device', async () => {
    const phone = await push(app, { externalMessageId: 'p1', externalUserId: 'device-phone', metadata: { customerRef: 'C1001' } });
    const tablet = await push(app, { externalMessageId: 't1', externalUserId: 'device-tablet', metadata: { customerRef: 'C1001' } });
    expect(tablet.contactId).toBe(phone.contactId);
    expect(tablet.conversationId).toBe(phone.conversationId);
    const [row] = await t.db.query(`SELECT customer_ref FROM contacts WHERE id = $1`, [phone.contactId]);
    expect(row.customer_ref).toBe('C1001');
  });

  it('merges an existing shopper into the verified one when they prove a key later, keeping the history', async () => {
    const known = await push(kiosk, { externalMessageId: 'k1', externalUserId: 'kiosk-1', verified: { email: 'Wang@Example.com' } });
    const anon = await push(app, { externalMessageId: 'a1', externalUserId: 'anon-9' });
    expect(anon.contactId).not.toBe(known.contactId);
    // The app user logs in later and their e-mail is confirmed.
    const later = await push(app, { externalMessageId: 'a2', externalUserId: 'anon-9', verified: { email: 'wang@example.com' } });
    expect(later.contactId).toBe(known.contactId);
    expect(later.conversationId).toBe(anon.conversationId);
    expect(await count(t, `SELECT count(*) FROM contacts`)).toBe(1);
    expect(await count(t, `SELECT count(*) FROM contact_identities WHERE contact_id = '${known.contactId}'`)).toBe(2);
    expect((await conversationsOf(known.contactId)).length).toBe(2);
  });

  it('refuses a malformed verified key with a 400 and stores nothing', async () => {
    const res = await postSigned(t, app, { externalMessageId: 'x1', externalUserId: 'u1', text: 'hi', verified: { phone: 'call me maybe' } });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/verified\.phone/);
    expect(await count(t, `SELECT count(*) FROM messages`)).toBe(0);
  });
});
