import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { ChannelType, InboxDto, MessageStatus } from '@kefu/shared/contracts';
import { sign } from '@kefu/api/channels';
import { createTestApp, TestApp, waitFor } from '@kefu/api/platform/testing';
import { AppModule } from './app.module';
import { adminCookie, count, createInbox, resetApp } from './test-helpers';

/** A local SMTP server that keeps every mail it is given. */
class FakeSmtp {
  readonly mails: { to: string[]; raw: Buffer; mail: ParsedMail }[] = [];
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, session, done) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        void simpleParser(raw).then((mail) => {
          this.mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, mail });
          done();
        }, done);
      });
    },
  });
  port = 0;
  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as { port: number }).port;
  }
  stop() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

const SUPPORT = 'support@shop.example';
let seq = 0;

/** A shopper's mail as their client sends it. */
function shopperMail(o: {
  body: string;
  subject?: string;
  messageId?: string | null;
  inReplyTo?: string;
  references?: string[];
  from?: string;
  extra?: string[];
}): string {
  const id = o.messageId === undefined ? `<shopper-${++seq}-${Date.now()}@example.com>` : o.messageId;
  return [
    `From: ${o.from ?? '"张三" <Zhang.San@Example.com>'}`,
    `To: Kefu Shop <${SUPPORT}>`,
    `Subject: ${o.subject ?? '订单 A1001 还没到'}`,
    `Date: ${new Date().toUTCString()}`,
    ...(id ? [`Message-ID: ${id}`] : []),
    ...(o.inReplyTo ? [`In-Reply-To: ${o.inReplyTo}`] : []),
    ...(o.references ? [`References: ${o.references.join(' ')}`] : []),
    ...(o.extra ?? []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    o.body,
  ].join('\r\n');
}

describe('e-mail channel (PostgreSQL + Redis + a local SMTP server)', () => {
  let t: TestApp;
  let cookie: string;
  let inbox: InboxDto;
  const smtp = new FakeSmtp();

  const post = (
    raw: string | Buffer,
    o: { secret?: string; timestamp?: number; contentType?: string; inboxId?: string } = {},
  ) => {
    const body = typeof raw === 'string' ? Buffer.from(raw) : raw;
    const ts = String(o.timestamp ?? Math.floor(Date.now() / 1000));
    return fetch(`${t.url}/api/v1/channels/email/${o.inboxId ?? inbox.id}/inbound`, {
      method: 'POST',
      headers: {
        'content-type': o.contentType ?? 'message/rfc822',
        'x-kefu-timestamp': ts,
        'x-kefu-signature': sign(o.secret ?? (inbox.secret as string), ts, body),
      },
      body: new Uint8Array(body),
    });
  };
  const emailInbox = (port: number) =>
    createInbox(t, cookie, {
      name: 'Support mailbox',
      channel: ChannelType.Email,
      settings: { address: SUPPORT, fromName: 'Kefu Shop', smtp: { host: '127.0.0.1', port, secure: false } },
    });
  const messages = async (conversationId: string) =>
    (await (
      await fetch(`${t.url}/api/v1/conversations/${conversationId}/messages`, { headers: { cookie } })
    ).json()) as {
      id: string;
      direction: string;
      text: string;
      status: string;
      metadata: Record<string, unknown>;
      externalMessageId: string | null;
      attachments: { url: string; name?: string }[];
    }[];
  const mailsAnswering = (id: string) => smtp.mails.filter((m) => m.mail.inReplyTo === id);

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp((c) => AppModule.forRoot(c), {
      BODY_LIMIT_BYTES: '4096',
      WIDGET_UPLOAD_MAX_BYTES: '16384',
      WEBHOOK_MAX_ATTEMPTS: '2',
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });
  beforeEach(async () => {
    await resetApp(t);
    smtp.mails.length = 0;
    cookie = await adminCookie(t);
    inbox = await emailInbox(smtp.port);
  });

  it('answers a mail by SMTP threaded under it, and threads the shopper’s answer into the same conversation', async () => {
    const first = shopperMail({ body: '你好', subject: '咨询', messageId: '<first@example.com>' });
    const res = await post(first);
    expect(res.status).toBe(202);
    const { conversationId } = await res.json();

    const [reply] = await waitFor(() =>
      mailsAnswering('<first@example.com>').length ? mailsAnswering('<first@example.com>') : null,
    );
    expect(reply.to).toEqual(['zhang.san@example.com']);
    expect(reply.mail.from?.value[0]).toEqual({ address: SUPPORT, name: 'Kefu Shop' });
    expect(reply.mail.subject).toBe('Re: 咨询');
    expect(reply.mail.references).toBe('<first@example.com>');
    expect(reply.mail.messageId).toMatch(/^<[0-9a-f-]{36}@shop\.example>$/);
    expect(reply.mail.headers.get('auto-submitted')).toBe('auto-replied');
    // The greeting's quick replies arrive as a numbered list, in text and in HTML.
    expect(reply.mail.text).toMatch(/回复数字即可选择:\n1\. 查物流\n2\. 退货退款/);
    expect(reply.mail.html).toContain('2. 退货退款');

    const sent = await waitFor(async () =>
      (await messages(conversationId)).find(
        (m) => m.externalMessageId === reply.mail.messageId && m.status === MessageStatus.Delivered,
      ),
    );
    expect(sent.direction).toBe('outgoing');

    // The shopper answers "2" from Gmail, quoting our mail.
    const answer = shopperMail({
      subject: 'Re: 咨询',
      messageId: '<second@example.com>',
      inReplyTo: reply.mail.messageId,
      references: ['<first@example.com>', reply.mail.messageId as string],
      body: `2\r\n\r\n在 2026年11月20日周五 10:15，Kefu Shop <${SUPPORT}> 写道：\r\n> 您好！\r\n> 回复数字即可选择:\r\n> 1. 查物流`,
    });
    const res2 = await post(answer);
    expect(res2.status).toBe(202);
    expect((await res2.json()).conversationId).toBe(conversationId);
    const stored = (await messages(conversationId)).find(
      (m) => m.externalMessageId === '<second@example.com>',
    );
    expect(stored).toMatchObject({
      text: '退货退款',
      metadata: { quickReply: 'return_item', subject: 'Re: 咨询' },
    });

    const [next] = await waitFor(() =>
      mailsAnswering('<second@example.com>').length ? mailsAnswering('<second@example.com>') : null,
    );
    expect(next.mail.subject).toBe('Re: 咨询');
    expect(next.mail.references).toEqual([
      '<first@example.com>',
      reply.mail.messageId,
      '<second@example.com>',
    ]);
    expect(await count(t, 'SELECT count(*) FROM conversations')).toBe(1);
  });

  it('answers in the language of the shopper’s mail', async () => {
    await post(
      shopperMail({
        body: 'Hello',
        subject: 'Question',
        messageId: '<en@example.com>',
        from: 'Bob <bob@example.com>',
      }),
    );
    const [reply] = await waitFor(() =>
      mailsAnswering('<en@example.com>').length ? mailsAnswering('<en@example.com>') : null,
    );
    expect(reply.mail.subject).toBe('Re: Question');
    expect(reply.mail.text).toContain('Reply with a number:\n1. Track my order');
    expect(reply.mail.html).toContain('<html lang="en">');
  });

  it('stores the same raw mail posted twice once, with or without a Message-ID', async () => {
    const raw = shopperMail({ body: 'where is my order?' });
    const [a, b] = await Promise.all([post(raw), post(raw)]);
    expect([a.status, b.status].sort()).toEqual([200, 202]);
    const noId = shopperMail({ body: 'no id here', messageId: null });
    expect((await post(noId)).status).toBe(202);
    const again = await post(noId);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });
    expect(await count(t, `SELECT count(*) FROM messages WHERE direction = 'incoming'`)).toBe(2);
    const [row] = await t.db.query(`SELECT external_message_id FROM messages WHERE text = 'no id here'`);
    expect(row.external_message_id).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  describe('bad input changes nothing', () => {
    const snapshot = async () => ({
      messages: await count(t, 'SELECT count(*) FROM messages'),
      contacts: await count(t, 'SELECT count(*) FROM contacts'),
      uploads: await count(t, 'SELECT count(*) FROM uploads'),
    });
    const nothing = { messages: 0, contacts: 0, uploads: 0 };

    it('401 for a wrong secret or a stale timestamp', async () => {
      const raw = shopperMail({ body: 'hi' });
      const bad = await post(raw, { secret: 'not-the-secret' });
      expect(bad.status).toBe(401);
      expect((await bad.json()).message).toMatch(/signature does not match/);
      expect((await post(raw, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(401);
      expect(await snapshot()).toEqual(nothing);
    });

    it('400 for a body that is not MIME, and for a mail without a sender', async () => {
      const notMime = await post('hello, I am not an e-mail');
      expect(notMime.status).toBe(400);
      expect((await notMime.json()).message).toMatch(/not a MIME message/);
      const noFrom = await post('Subject: hi\r\n\r\nwho am I?');
      expect(noFrom.status).toBe(400);
      expect((await noFrom.json()).message).toMatch(/no valid From address/);
      expect(await snapshot()).toEqual(nothing);
    });

    it('413 for a mail over the limit', async () => {
      const res = await post(shopperMail({ body: 'x'.repeat(60_000) }));
      expect(res.status).toBe(413);
      expect((await res.json()).message).toMatch(/larger than 49152 bytes/);
      expect(await snapshot()).toEqual(nothing);
    });

    it('415 for a JSON body, 404 for an inbox that is not an e-mail inbox', async () => {
      const json = await post('{"text":"hi"}', { contentType: 'application/json' });
      expect(json.status).toBe(415);
      const api = await createInbox(t, cookie, { name: 'App' });
      expect((await post(shopperMail({ body: 'hi' }), { inboxId: api.id })).status).toBe(404);
      expect(await snapshot()).toEqual(nothing);
    });

    it('leaves other routes as they were: message/rfc822 is refused there, text/plain still read as text', async () => {
      const res = await fetch(`${t.url}/api/v1/inboxes`, {
        method: 'POST',
        headers: { 'content-type': 'message/rfc822', cookie },
        body: 'From: a@b.c\r\n\r\nx',
      });
      expect(res.status).toBe(415);
      const text = await fetch(`${t.url}/api/v1/inboxes`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', cookie },
        body: 'x',
      });
      expect(text.status).toBe(400);
    });
  });

  it('takes a mail posted as text/plain or application/octet-stream too', async () => {
    expect((await post(shopperMail({ body: 'plain' }), { contentType: 'text/plain' })).status).toBe(202);
    expect(
      (await post(shopperMail({ body: 'octets' }), { contentType: 'application/octet-stream' })).status,
    ).toBe(202);
    expect(await count(t, `SELECT count(*) FROM messages WHERE direction = 'incoming'`)).toBe(2);
  });

  it('keeps images as uploads of the shopper and names the other files', async () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(2000, 7),
    ]);
    const b = 'b-1';
    const raw = [
      'From: bob@example.com',
      `To: ${SUPPORT}`,
      'Subject: damaged parcel',
      'Message-ID: <photo@example.com>',
      'MIME-Version: 1.0',
      `Content-Type: multipart/mixed; boundary="${b}"`,
      '',
      `--${b}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The box arrived broken, photo attached.',
      `--${b}`,
      'Content-Type: image/png; name="box.png"',
      'Content-Disposition: attachment; filename="box.png"',
      'Content-Transfer-Encoding: base64',
      '',
      png.toString('base64'),
      `--${b}`,
      'Content-Type: application/msword; name="claim.doc"',
      'Content-Disposition: attachment; filename="claim.doc"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('word').toString('base64'),
      `--${b}--`,
      '',
    ].join('\r\n');
    const res = await post(raw);
    expect(res.status).toBe(202);
    const { conversationId, contactId } = await res.json();
    const [msg] = await messages(conversationId);
    expect(msg.text).toBe('The box arrived broken, photo attached.');
    expect(msg.attachments).toEqual([
      {
        url: expect.stringMatching(/^\/api\/v1\/uploads\/[0-9a-f-]{36}$/),
        contentType: 'image/png',
        name: 'box.png',
        size: png.length,
      },
    ]);
    expect(msg.metadata['attachmentsNotKept']).toBe('claim.doc');
    const id = msg.attachments[0].url.split('/').pop();
    const [upload] = await t.db.query(
      `SELECT contact_id, content_type, size, data FROM uploads WHERE id = $1`,
      [id],
    );
    expect(upload).toMatchObject({ contact_id: contactId, content_type: 'image/png', size: png.length });
    expect(Buffer.compare(upload.data, png)).toBe(0);

    expect((await post(raw)).status).toBe(200);
    expect(await count(t, 'SELECT count(*) FROM uploads')).toBe(1);
  });

  it('stores script in a mail as text, and an HTML reply escapes it', async () => {
    const res = await post(
      shopperMail({
        body: '<script>alert("x")</script> 我的订单 A1001 在哪？',
        messageId: '<xss@example.com>',
      }),
    );
    const { conversationId } = await res.json();
    const [incoming] = await messages(conversationId);
    expect(incoming.text).toBe('<script>alert("x")</script> 我的订单 A1001 在哪？');
    // An agent's reply quoting it goes out as text, with an escaped HTML copy.
    const [{ id: agentMessage }] = await t.db.query(
      `INSERT INTO messages (conversation_id, inbox_id, direction, sender_type, text, status, sent_at)
       VALUES ($1, $2, 'outgoing', 'agent', $3, 'pending', now()) RETURNING id`,
      [conversationId, inbox.id, '您写的是: <script>alert("x")</script>'],
    );
    const ours = `<${agentMessage}@shop.example>`;
    const mail = await waitFor(() => smtp.mails.find((m) => m.mail.messageId === ours));
    expect(mail.mail.text).toContain('<script>alert("x")</script>');
    expect(mail.mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(mail.mail.html).not.toContain('<script>');
    expect(mail.mail.headers.get('auto-submitted')).toBeUndefined();
    expect(mail.mail.inReplyTo).toBe('<xss@example.com>');
  });

  it('retries a reply while the SMTP server is down, then marks it failed with the reason', async () => {
    inbox = await emailInbox(await closedPort());
    const res = await post(shopperMail({ body: '你好' }));
    const { conversationId } = await res.json();
    const failed = await waitFor(
      async () =>
        (await messages(conversationId)).find(
          (m) => m.direction === 'outgoing' && m.status === MessageStatus.Failed,
        ),
      { timeout: 20_000 },
    );
    const [row] = await t.db.query(
      `SELECT delivery_attempts, delivery_error, external_message_id FROM messages WHERE id = $1`,
      [failed.id],
    );
    expect(row.delivery_attempts).toBe(2);
    expect(row.delivery_error).toMatch(/^SMTP ESOCKET: connect ECONNREFUSED/);
    expect(row.delivery_error).not.toMatch(/zhang\.san/i);
    expect(row.external_message_id).toBeNull();
  });

  it('acknowledges an auto-reply or a bounce without storing or answering it', async () => {
    const res = await post(
      shopperMail({ body: 'I am out of office', extra: ['Auto-Submitted: auto-replied'] }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ignored: 'Auto-Submitted: auto-replied' });
    const bounce = await post(shopperMail({ body: 'Delivery failed', from: 'MAILER-DAEMON@mx.example.com' }));
    expect(await bounce.json()).toEqual({ ignored: 'bounce' });
    expect(await count(t, 'SELECT count(*) FROM messages')).toBe(0);
  });

  it('links the sender’s contact by e-mail when the gateway says DKIM passed', async () => {
    await post(
      shopperMail({
        body: 'hi',
        extra: ['Authentication-Results: mx.shop.example; dkim=pass header.d=example.com'],
      }),
    );
    const forged = shopperMail({
      body: 'hi',
      from: 'eve@example.org',
      extra: [
        'Authentication-Results: mx.shop.example; dkim=none',
        'Authentication-Results: forged; dkim=pass header.d=example.org',
      ],
    });
    await post(forged);
    const keys = await t.db.query(`SELECT kind, value FROM contact_keys ORDER BY value`);
    expect(keys).toEqual([{ kind: 'email', value: 'zhang.san@example.com' }]);
  });

  it('posts through the Postfix pipe script of docs/email.md (curl + openssl)', async () => {
    const doc = readFileSync(join(__dirname, '../../../docs/email.md'), 'utf8');
    const script = /```sh\n(#!\/bin\/sh\n# \/usr\/local\/bin\/kefu-mail[\s\S]*?)```/.exec(doc)?.[1];
    if (!script) throw new Error('docs/email.md has no kefu-mail script');
    const dir = mkdtempSync(join(tmpdir(), 'kefu-mail-'));
    try {
      const run = (secret: string, mail: string | Buffer) => {
        const file = join(dir, 'kefu-mail');
        writeFileSync(
          file,
          script
            .replace(/^KEFU_URL=.*$/m, `KEFU_URL='${t.url}/api/v1/channels/email/${inbox.id}/inbound'`)
            .replace(/^KEFU_SECRET=.*$/m, `KEFU_SECRET='${secret}'`),
        );
        // Not spawnSync: the app answering curl runs in this very process.
        return new Promise<number | null>((resolve, reject) => {
          const child = spawn('sh', [file], { stdio: ['pipe', 'ignore', 'ignore'] });
          child.on('error', reject).on('close', resolve);
          child.stdin.end(mail);
        });
      };
      // A GBK mail sent 8bit: the signature covers its exact bytes.
      const gbk = Buffer.concat([
        Buffer.from(
          `From: li@example.com\r\nTo: ${SUPPORT}\r\nSubject: order\r\nMessage-ID: <gbk@example.com>\r\nContent-Type: text/plain; charset=gbk\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`,
        ),
        Buffer.from([0xce, 0xd2, 0xb5, 0xc4, 0xb6, 0xa9, 0xb5, 0xa5]), // 我的订单
      ]);
      expect(await run(inbox.secret as string, gbk)).toBe(0);
      const [row] = await t.db.query(
        `SELECT text FROM messages WHERE external_message_id = '<gbk@example.com>'`,
      );
      expect(row.text).toBe('我的订单');
      expect(await run(inbox.secret as string, 'not a mail')).toBe(69);
      expect(await run('wrong-secret', shopperMail({ body: 'hi' }))).toBe(75);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
