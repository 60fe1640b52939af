import { createHmac } from 'node:crypto';
import { MessageContent } from '@kefu/shared/contracts';
import { sign } from '../api/signature';
import { INLINE_DECORATION_BYTES, planAttachments, sniff, uploadId } from './email-attachments';
import { verifyRawMail } from './email-signature';
import { toInboundMessage } from './inbound-mail';
import { MimeError, parseMime } from './mime-message';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n');

function mail(
  headers: Record<string, string>,
  body: string,
  contentType = 'text/plain; charset=utf-8',
): Buffer {
  const lines = Object.entries({
    From: 'Bob <Bob@Example.com>',
    To: 'support@shop.example',
    'Content-Type': contentType,
    ...headers,
  }).map(([k, v]) => `${k}: ${v}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

function multipart(parts: { type: string; name?: string; data: Buffer }[], text: string): Buffer {
  const b = 'XYZ-boundary';
  const chunks = [`--${b}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n`];
  for (const p of parts) {
    chunks.push(
      `--${b}\r\nContent-Type: ${p.type}${p.name ? `; name="${p.name}"` : ''}\r\nContent-Transfer-Encoding: base64\r\n` +
        `Content-Disposition: attachment${p.name ? `; filename="${p.name}"` : ''}\r\n\r\n${p.data.toString('base64')}\r\n`,
    );
  }
  return mail(
    { 'Message-ID': '<with-files@example.com>', 'MIME-Version': '1.0' },
    `${chunks.join('')}--${b}--\r\n`,
    `multipart/mixed; boundary="${b}"`,
  );
}

const ctx = (over: Partial<Parameters<typeof toInboundMessage>[1]> = {}) => ({
  inboxId: '00000000-0000-4000-8000-000000000001',
  externalMessageId: '<m@example.com>',
  conversationId: null,
  offered: null,
  files: { uploads: [], attachments: [], skipped: [] },
  now: new Date('2026-11-21T08:00:00Z'),
  ...over,
});

describe('parsing an inbound mail', () => {
  it('reads sender, subject, threading headers, language and date', async () => {
    const m = await parseMime(
      mail(
        {
          Subject: '=?UTF-8?B?5oiR55qE6K6i5Y2V?=',
          'Message-ID': '<abc@mail.example.com>',
          'In-Reply-To': '<x1@shop.example>',
          References: '<r0@a> <x1@shop.example>',
          'Content-Language': 'ja-JP',
          Date: 'Fri, 20 Nov 2026 10:15:00 +0800',
        },
        'hello',
      ),
    );
    expect(m).toMatchObject({
      from: 'bob@example.com',
      fromName: 'Bob',
      subject: '我的订单',
      messageId: '<abc@mail.example.com>',
      locale: 'ja-JP',
    });
    expect(m.inReplyTo).toEqual(['<x1@shop.example>']);
    expect(m.references).toEqual(['<r0@a>', '<x1@shop.example>']);
    expect(m.date?.toISOString()).toBe('2026-11-20T02:15:00.000Z');
  });

  it('rejects a body that is not MIME, and a mail without a From address, with a clear reason', async () => {
    await expect(parseMime(Buffer.from('hello, this is not an e-mail'))).rejects.toThrow(MimeError);
    await expect(parseMime(Buffer.from('{"text":"hi"}'))).rejects.toThrow(/not a MIME message/);
    await expect(parseMime(Buffer.from('Subject: hi\r\n\r\nno sender'))).rejects.toThrow(
      /no valid From address/,
    );
    await expect(parseMime(Buffer.from('From: not an address\r\n\r\nx'))).rejects.toThrow(
      /no valid From address/,
    );
  });

  it('accepts an mbox "From " line before the headers', async () => {
    const m = await parseMime(
      Buffer.concat([Buffer.from('From bob@example.com Fri Nov 20 10:15:00 2026\n'), mail({}, 'hi')]),
    );
    expect(m.from).toBe('bob@example.com');
  });

  it('converts an HTML-only mail to text, without its scripts', async () => {
    const m = await parseMime(
      mail({}, '<p>Where is <b>my order</b>?<script>alert(1)</script></p>', 'text/html; charset=utf-8'),
    );
    expect(m.text).toContain('Where is my order?');
    expect(m.text).not.toContain('alert');
  });

  it('flags auto-replies, bounces and bulk mail', async () => {
    expect((await parseMime(mail({ 'Auto-Submitted': 'auto-replied' }, 'I am away'))).automated).toMatch(
      /Auto-Submitted/,
    );
    expect((await parseMime(mail({ Precedence: 'bulk' }, 'news'))).automated).toMatch(/Precedence/);
    expect((await parseMime(mail({ From: 'MAILER-DAEMON@mx.example.com' }, 'undeliverable'))).automated).toBe(
      'bounce',
    );
    expect((await parseMime(mail({ 'Auto-Submitted': 'no' }, 'hi'))).automated).toBeNull();
  });
});

describe('what ingest receives', () => {
  it('strips the quote, keeps the subject in metadata and marks an authenticated sender verified', async () => {
    const m = await parseMime(
      mail(
        {
          Subject: 'Re: 订单 A1001',
          'Authentication-Results': 'mx.shop.example; dkim=pass header.d=example.com',
          References: '<r0@a>',
        },
        '还没收到\r\n\r\n在 2026年11月20日周五 10:15，Kefu <support@shop.example> 写道：\r\n> 已发货',
      ),
    );
    const msg = toInboundMessage(m, ctx({ conversationId: 'c-1' }));
    expect(msg).toMatchObject({
      channel: 'email',
      externalUserId: 'bob@example.com',
      text: '还没收到',
      metadata: { subject: 'Re: 订单 A1001', from: 'bob@example.com', references: '<r0@a>' },
      contact: { email: 'bob@example.com', name: 'Bob' },
      verified: { email: 'bob@example.com' },
      conversationId: 'c-1',
    });
  });

  it('uses the subject when nothing is left after stripping, and never verifies without the gateway’s pass', async () => {
    const m = await parseMime(
      mail(
        { Subject: 'Fwd: Refund for order A1002' },
        'On Fri, Nov 20, 2026 at 10:15 AM Kefu <s@shop.example> wrote:\r\n> old',
      ),
    );
    const msg = toInboundMessage(m, ctx());
    expect(msg.text).toBe('Refund for order A1002');
    expect(msg.verified).toBeUndefined();
    expect(msg.conversationId).toBeUndefined();
  });

  it('maps a bare number to the quick reply offered in the mail it answers', async () => {
    const offered: MessageContent = {
      quickReplies: [
        { label: '查物流', payload: 'track_order' },
        { label: '转人工', payload: 'contact_human_agent' },
      ],
    };
    const m = await parseMime(mail({}, '2\r\n\r\n发自我的iPhone'));
    const msg = toInboundMessage(m, ctx({ offered }));
    expect(msg.text).toBe('转人工');
    expect(msg.metadata.quickReply).toBe('contact_human_agent');
    const none = toInboundMessage(await parseMime(mail({}, '3')), ctx({ offered }));
    expect(none.metadata.quickReply).toBeUndefined();
    expect(none.text).toBe('3');
  });

  it('keeps a future or missing Date from reordering the conversation', async () => {
    const m = await parseMime(mail({ Date: 'Fri, 20 Nov 2099 10:15:00 +0000' }, 'hi'));
    expect(toInboundMessage(m, ctx()).sentAt.toISOString()).toBe('2026-11-21T08:00:00.000Z');
  });

  it('cuts a very long mail at 10,000 characters and says so', async () => {
    const msg = toInboundMessage(await parseMime(mail({}, '长'.repeat(12_000))), ctx());
    expect([...msg.text]).toHaveLength(10_000);
    expect(msg.metadata['truncated']).toBe(true);
  });
});

describe('attachments of a mail', () => {
  it('keeps images and PDFs recognised by content; names the rest', async () => {
    const m = await parseMime(
      multipart(
        [
          { type: 'image/png', name: 'broken.png', data: PNG },
          { type: 'application/octet-stream', name: 'invoice.pdf', data: PDF },
          { type: 'image/png', name: 'fake.png', data: Buffer.from('<svg onload=alert(1)>') },
          { type: 'application/vnd.ms-excel', name: 'list.xls', data: Buffer.from('xls') },
        ],
        'see attached',
      ),
    );
    const planned = planAttachments(m.attachments, {
      inboxId: 'i',
      externalMessageId: '<with-files@example.com>',
      maxBytes: 1024,
    });
    expect(planned.attachments.map((a) => [a.name, a.contentType])).toEqual([
      ['broken.png', 'image/png'],
      ['invoice.pdf', 'application/pdf'],
    ]);
    expect(planned.skipped).toEqual(['fake.png', 'list.xls']);
    expect(planned.attachments[0].url).toBe(
      `/api/v1/uploads/${uploadId('i', '<with-files@example.com>', 0)}`,
    );
    expect(planned.uploads[0]).toMatchObject({ size: PNG.length, data: PNG });
  });

  it('leaves out small inline images of the HTML body (logos), but keeps a pasted screenshot', () => {
    const shot = Buffer.concat([PNG, Buffer.alloc(INLINE_DECORATION_BYTES)]);
    const planned = planAttachments(
      [
        { filename: 'image001.png', contentType: 'image/png', content: PNG, related: true },
        { filename: 'image002.png', contentType: 'image/png', content: shot, related: true },
      ],
      { inboxId: 'i', externalMessageId: 'e', maxBytes: 1024 * 1024 },
    );
    expect(planned.attachments.map((a) => a.name)).toEqual(['image002.png']);
    expect(planned.skipped).toEqual([]);
  });

  it('names files over the size limit instead of keeping them, and gives the same ids on a second read', async () => {
    const raw = multipart(
      [
        { type: 'image/png', name: 'big.png', data: Buffer.concat([PNG, Buffer.alloc(4096)]) },
        { type: 'image/png', name: 'small.png', data: PNG },
      ],
      'x',
    );
    const plan = async () =>
      planAttachments((await parseMime(raw)).attachments, {
        inboxId: 'i',
        externalMessageId: 'e',
        maxBytes: 1024,
        publicUrl: 'https://kefu.example/',
      });
    const a = await plan();
    expect(a.skipped).toEqual(['big.png']);
    expect(a.attachments[0].url).toMatch(/^https:\/\/kefu\.example\/api\/v1\/uploads\/[0-9a-f-]{36}$/);
    expect((await plan()).uploads.map((u) => u.id)).toEqual(a.uploads.map((u) => u.id));
    expect(INLINE_DECORATION_BYTES).toBeGreaterThan(PNG.length);
  });

  it('recognises the kept types by their first bytes', () => {
    expect(sniff(PNG)).toBe('image/png');
    expect(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniff(Buffer.from('GIF89a...'))).toBe('image/gif');
    expect(sniff(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniff(PDF)).toBe('application/pdf');
    expect(sniff(Buffer.from('<html>'))).toBeNull();
  });
});

describe('the gateway signature on a raw mail', () => {
  const secret = 's3cret';
  const now = 1_763_700_000_000;
  const ts = String(now / 1000);

  it('is the API channel’s HMAC over "<ts>.<raw mail>"', () => {
    const raw = mail({}, 'hello');
    expect(verifyRawMail(secret, { signature: sign(secret, ts, raw), timestamp: ts }, raw, now, 300)).toEqual(
      { ok: true },
    );
    expect(
      verifyRawMail(secret, { signature: sign('other', ts, raw), timestamp: ts }, raw, now, 300).ok,
    ).toBe(false);
  });

  it('covers the exact bytes of an 8-bit GBK mail, as openssl computes it', () => {
    const gbk = Buffer.concat([
      mail({ 'Content-Transfer-Encoding': '8bit' }, '', 'text/plain; charset=gbk'),
      Buffer.from([0xc4, 0xe3, 0xba, 0xc3]),
    ]);
    const bytesSig = `sha256=${createHmac('sha256', secret).update(`${ts}.`).update(gbk).digest('hex')}`;
    expect(verifyRawMail(secret, { signature: bytesSig, timestamp: ts }, gbk, now, 300)).toEqual({
      ok: true,
    });
    const tampered = Buffer.from(gbk);
    tampered[tampered.length - 1] ^= 1;
    expect(verifyRawMail(secret, { signature: bytesSig, timestamp: ts }, tampered, now, 300).ok).toBe(false);
    expect(
      verifyRawMail(secret, { signature: bytesSig, timestamp: String(now / 1000 - 600) }, gbk, now, 300),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/Timestamp/) });
  });
});
