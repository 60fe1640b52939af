import { emailSettingsSchema } from '@kefu/shared/contracts';
import { buildReplyMail, textToHtml } from './reply-mail';
import {
  MAX_REFERENCES,
  messageIds,
  ourMessageId,
  ourMessageUuid,
  rawMessageKey,
  referencesFor,
  threadCandidates,
} from './threading';

const settings = emailSettingsSchema.parse({
  address: 'support@shop.example',
  fromName: 'Kefu Shop',
  smtp: { host: 'smtp.shop.example' },
});
const uuid = '6f1c1f0e-8a4b-4c2e-9d3a-0b1c2d3e4f50';

describe('e-mail threading headers', () => {
  it('reads every <id> out of a header, deduplicated', () => {
    expect(messageIds('<a@x> <b@y>\r\n <a@x>')).toEqual(['<a@x>', '<b@y>']);
    expect(messageIds(['<a@x>', '<c@z>'])).toEqual(['<a@x>', '<c@z>']);
    expect(messageIds(undefined)).toEqual([]);
    expect(messageIds('no ids here')).toEqual([]);
  });

  it('looks up In-Reply-To first, then References from the newest', () => {
    expect(threadCandidates(['<p@x>'], ['<r1@x>', '<r2@x>', '<p@x>'])).toEqual(['<p@x>', '<r2@x>', '<r1@x>']);
  });

  it('builds References as the parent chain plus the parent, keeping the first and newest ids past the cap', () => {
    expect(referencesFor(['<a@x>', '<b@x>'], '<c@x>')).toEqual(['<a@x>', '<b@x>', '<c@x>']);
    expect(referencesFor([], null)).toEqual([]);
    const long = Array.from({ length: 30 }, (_, i) => `<m${i}@x>`);
    const capped = referencesFor(long, '<last@x>');
    expect(capped).toHaveLength(MAX_REFERENCES);
    expect(capped[0]).toBe('<m0@x>');
    expect(capped[capped.length - 1]).toBe('<last@x>');
    expect(capped[capped.length - 2]).toBe('<m29@x>');
  });

  it('gives an outgoing message a stable Message-ID on the support domain, and recognises it in an answer', () => {
    const id = ourMessageId(uuid, 'Support@Shop.Example');
    expect(id).toBe(`<${uuid}@shop.example>`);
    expect(ourMessageUuid(id, 'support@shop.example')).toBe(uuid);
    expect(ourMessageUuid(`<${uuid}@other.example>`, 'support@shop.example')).toBeNull();
    expect(ourMessageUuid('<not-a-uuid@shop.example>', 'support@shop.example')).toBeNull();
  });

  it('keys a mail without a Message-ID by its bytes', () => {
    expect(rawMessageKey(Buffer.from('a'))).toBe(rawMessageKey(Buffer.from('a')));
    expect(rawMessageKey(Buffer.from('a'))).not.toBe(rawMessageKey(Buffer.from('b')));
    expect(rawMessageKey(Buffer.from('a'))).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('a reply mail', () => {
  const base = {
    settings,
    to: 'bob@example.com',
    messageUuid: uuid,
    text: 'Your order has shipped.',
    subject: 'RE: Re: Where is order A1001?',
    parentId: '<shopper-2@example.com>',
    parentReferences: ['<shopper-1@example.com>', `<${uuid.replace('6f', '70')}@shop.example>`],
    locale: 'en',
    automated: true,
    files: [],
  };

  it('is threaded under the shopper’s last mail', () => {
    const mail = buildReplyMail(base);
    expect(mail.from).toEqual({ name: 'Kefu Shop', address: 'support@shop.example' });
    expect(mail.subject).toBe('Re: Where is order A1001?');
    expect(mail.messageId).toBe(`<${uuid}@shop.example>`);
    expect(mail.inReplyTo).toBe('<shopper-2@example.com>');
    expect(mail.references).toEqual([...base.parentReferences, '<shopper-2@example.com>']);
    expect(mail.headers['Auto-Submitted']).toBe('auto-replied');
  });

  it('starts a thread when there is no mail to answer, and marks an agent’s reply as written by a person', () => {
    const mail = buildReplyMail({
      ...base,
      parentId: null,
      parentReferences: [],
      subject: null,
      locale: 'zh-CN',
      automated: false,
    });
    expect(mail.inReplyTo).toBeUndefined();
    expect(mail.references).toBeUndefined();
    expect(mail.subject).toBe('Re: 您的咨询');
    expect(mail.headers).toEqual({});
  });

  it('escapes the text in its HTML part and never passes markup through', () => {
    const html = textToHtml(
      'Hi <script>alert("x")</script> & "you"\nsecond line\n\nSee https://shop.example/o?a=1&b=2.',
      'en',
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;you&quot;<br>');
    expect(html).toContain(
      '<a href="https://shop.example/o?a=1&amp;b=2">https://shop.example/o?a=1&amp;b=2</a>.',
    );
    expect(html).toContain('<html lang="en">');
    expect(textToHtml('x', '"><img src=x>')).toContain('<html lang="zh-CN">');
  });
});
