import { clientIdOf, externalMessageIdFor, incomingMessageSchema, payloadError, toWidgetMessages } from './widget.protocol';

const base = { id: '0b5c6c7e-3a47-4a0e-9a55-1c2b3d4e5f60', externalMessageId: null, attachments: [], content: null, createdAt: new Date('2026-01-01T00:00:00Z'), readAt: null };

describe('widget protocol', () => {
  it('explains a bad message payload in one sentence', () => {
    const errorOf = (v: unknown) => {
      const r = incomingMessageSchema.safeParse(v);
      return r.success ? null : payloadError(r.error);
    };
    expect(errorOf({ text: 'hi' })).toBe('clientId is required');
    expect(errorOf({ clientId: 'c1', text: '   ' })).toBe('text: a message needs text or an attachment');
    expect(errorOf({ clientId: 'c1', text: 'x'.repeat(5001) })).toBe('text: text is longer than 5000 characters');
    expect(errorOf({ clientId: 'c1', text: 'hi', attachments: [{ uploadId: 'nope' }] })).toBe('attachments.0.uploadId: uploadId must be the id the upload endpoint answered');
    expect(errorOf({ clientId: 'c1', text: 'hi', context: { productId: 'P1', customerRef: 'C1' } })).toBeNull();
  });

  it('drops anything but product, order and page from the context (no customerRef)', () => {
    const r = incomingMessageSchema.parse({ clientId: 'c1', text: 'hi', context: { productId: 'P1', customerRef: 'C1' } });
    expect(r.context).toEqual({ productId: 'P1' });
  });

  it('scopes client ids to the shopper and gives them back unchanged', () => {
    const a = externalMessageIdFor('visitor:aaa', 'c-1');
    expect(a).not.toBe(externalMessageIdFor('visitor:bbb', 'c-1'));
    expect(clientIdOf(a)).toBe('c-1');
    expect(clientIdOf(externalMessageIdFor('user:x', 'with:colon'))).toBe('with:colon');
  });

  it('shows a shopper message as sent, with its client id, and keeps markup as text', () => {
    const [m] = toWidgetMessages({ ...base, direction: 'incoming', senderType: 'contact', externalMessageId: externalMessageIdFor('v', 'c-9'), text: '<script>alert(1)</script>' });
    expect(m).toMatchObject({ clientId: 'c-9', text: '<script>alert(1)</script>', content: null, createdAt: '2026-01-01T00:00:00.000Z' });
  });

  it('keeps quick replies and cards, and splits a reply over 5,000 characters with the structure on the last part', () => {
    const quickReplies = [{ label: 'Track my order', payload: 'track_order' }];
    const [short] = toWidgetMessages({ ...base, direction: 'outgoing', senderType: 'bot', text: 'Hi!', content: { quickReplies } });
    expect(short).toMatchObject({ id: base.id, text: 'Hi!', content: { quickReplies }, clientId: null });
    const long = toWidgetMessages({ ...base, direction: 'outgoing', senderType: 'agent', text: `${'a'.repeat(4000)}\n${'b'.repeat(3000)}`, content: { quickReplies } });
    expect(long.map((p) => p.id)).toEqual([base.id, `${base.id}#2`]);
    expect(long[0].content).toBeNull();
    expect(long[1].content).toEqual({ quickReplies });
    expect(long.every((p) => p.text.length <= 5000)).toBe(true);
  });

  it('names the reply stream a bot reply completes, on its first part only', () => {
    const streamed = { ...base, direction: 'outgoing', senderType: 'bot', metadata: { streamId: 'str-1', productId: 'P1' } };
    expect(toWidgetMessages({ ...streamed, text: 'Hi!' })).toEqual([expect.objectContaining({ id: base.id, text: 'Hi!', streamId: 'str-1' })]);
    const parts = toWidgetMessages({ ...streamed, text: `${'a'.repeat(4000)}\n${'b'.repeat(3000)}` });
    expect(parts.map((p) => p.streamId)).toEqual(['str-1', undefined]);
    expect('streamId' in parts[1]).toBe(false);
  });

  it('leaves streamId out of messages that were not streamed, and of a malformed one', () => {
    const plain = { ...base, direction: 'outgoing', senderType: 'bot', text: 'Hi!' };
    expect('streamId' in toWidgetMessages(plain)[0]).toBe(false);
    expect('streamId' in toWidgetMessages({ ...plain, metadata: { streamId: 42 } })[0]).toBe(false);
    expect('streamId' in toWidgetMessages({ ...plain, metadata: { streamId: 'x'.repeat(101) } })[0]).toBe(false);
    const incoming = { ...base, direction: 'incoming', senderType: 'contact', text: 'hi', metadata: { streamId: 'str-1' } };
    expect('streamId' in toWidgetMessages(incoming)[0]).toBe(false);
  });
});
