import {
  ConversationRow,
  envelopeBody,
  EventRow,
  fanOut,
  MessageRow,
  webhookEventsFor,
} from './webhook-events';

const conv = 'c0000000-0000-4000-8000-000000000001';
const msg = 'm0000000-0000-4000-8000-000000000001';
const at = new Date('2026-11-21T08:00:00.000Z');
const row = (type: string, over: Partial<EventRow> = {}): EventRow => ({
  id: '42',
  type,
  inbox_id: 'i1',
  conversation_id: conv,
  message_id: msg,
  data: {},
  created_at: at,
  ...over,
});

const conversation: ConversationRow = {
  id: conv,
  inbox_id: 'i1',
  inbox_name: 'Shop app',
  channel: 'api',
  status: 'pending_human',
  handoff_reason: 'asked_for_human',
  contact_id: 'k1',
  external_id: 'u-1',
};
const message: MessageRow = {
  id: msg,
  conversation_id: conv,
  direction: 'outgoing',
  sender_type: 'bot',
  sender_id: null,
  text: '亲，您好！',
  attachments: [],
  content: null,
  metadata: {},
  locale: 'zh',
  created_at: at,
};

describe('webhook events from the events log', () => {
  it('turns shopper messages and every kind of reply into message.created, keyed by the message', () => {
    for (const type of ['message.received', 'bot.replied', 'agent.replied', 'system.replied']) {
      expect(webhookEventsFor(row(type))).toEqual([
        { event: 'message.created', key: `message.created:${msg}` },
      ]);
    }
  });

  it('ignores rows no webhook event stands for', () => {
    for (const type of ['message.processed', 'bot.understood', 'message.delivered', 'message.failed']) {
      expect(webhookEventsFor(row(type))).toEqual([]);
    }
    expect(webhookEventsFor(row('bot.replied', { message_id: null }))).toEqual([]);
    expect(webhookEventsFor(row('conversation.handoff', { conversation_id: null }))).toEqual([]);
  });

  it('sends a status change with from and to, and a resolution also as conversation.resolved', () => {
    expect(
      webhookEventsFor(
        row('conversation.status_changed', { data: { from: 'bot', to: 'pending_human' } }),
      ).map((e) => e.event),
    ).toEqual(['conversation.status_changed']);
    expect(
      webhookEventsFor(row('conversation.status_changed', { data: { from: 'human', to: 'resolved' } })).map(
        (e) => e.event,
      ),
    ).toEqual(['conversation.status_changed', 'conversation.resolved']);
    expect(
      webhookEventsFor(row('conversation.status_changed', { data: { from: 'bot', to: 'bot' } })),
    ).toEqual([]);
  });

  it('gives the same key to the same thing logged twice, so it is delivered once', () => {
    const a = webhookEventsFor(row('conversation.handoff', { id: '1' }));
    const b = webhookEventsFor(row('conversation.handoff', { id: '2' }));
    expect(a).toEqual(b);
    // Without a message, the log row itself is the identity.
    expect(webhookEventsFor(row('conversation.handoff', { id: '1', message_id: null }))[0].key).not.toBe(
      webhookEventsFor(row('conversation.handoff', { id: '2', message_id: null }))[0].key,
    );
  });
});

describe('fanning out', () => {
  const hooks = [
    { id: 'w-all', events: ['message.created', 'conversation.handoff'], created_at: new Date('2026-11-01') },
    { id: 'w-late', events: ['message.created'], created_at: new Date('2026-11-22') },
    { id: 'w-status', events: ['conversation.status_changed'], created_at: new Date('2026-11-01') },
  ];
  let n = 0;
  const newId = () => `d-${++n}`;

  it('creates one delivery per subscribed webhook, not for webhooks created after the event', () => {
    const drafts = fanOut(
      [row('bot.replied')],
      hooks,
      new Map([[conv, conversation]]),
      new Map([[msg, message]]),
      newId,
    );
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      webhookId: 'w-all',
      event: 'message.created',
      eventKey: `message.created:${msg}`,
      conversationId: conv,
    });
    expect(drafts[0].payload).toEqual({
      id: drafts[0].id,
      event: 'message.created',
      createdAt: at.toISOString(),
      data: {
        conversation: {
          id: conv,
          inboxId: 'i1',
          inboxName: 'Shop app',
          channel: 'api',
          status: 'pending_human',
        },
        contact: { id: 'k1', externalId: 'u-1' },
        message: expect.objectContaining({
          id: msg,
          text: '亲，您好！',
          senderType: 'bot',
          direction: 'outgoing',
        }),
      },
    });
  });

  it('carries the hand-off reason and the status change', () => {
    const drafts = fanOut(
      [
        row('conversation.handoff', { data: { reason: 'asked_for_human', intent: 'contact_human_agent' } }),
        row('conversation.status_changed', { data: { from: 'bot', to: 'pending_human' } }),
      ],
      hooks,
      new Map([[conv, conversation]]),
      new Map(),
      newId,
    );
    expect(drafts.map((d) => [d.webhookId, d.event])).toEqual([
      ['w-all', 'conversation.handoff'],
      ['w-status', 'conversation.status_changed'],
    ]);
    expect(drafts[0].payload.data).toMatchObject({
      reason: 'asked_for_human',
      intent: 'contact_human_agent',
      messageId: msg,
    });
    expect(drafts[1].payload.data).toMatchObject({ from: 'bot', to: 'pending_human' });
  });

  it('skips events whose conversation or message is gone (erased meanwhile)', () => {
    expect(fanOut([row('bot.replied')], hooks, new Map([[conv, conversation]]), new Map(), newId)).toEqual(
      [],
    );
    expect(fanOut([row('conversation.handoff')], hooks, new Map(), new Map(), newId)).toEqual([]);
  });

  it('serialises the body with its fields in a fixed order', () => {
    const body = envelopeBody({ data: { a: 1 }, createdAt: 'T', event: 'message.created', id: 'x' } as never);
    expect(body).toBe('{"id":"x","event":"message.created","createdAt":"T","data":{"a":1}}');
  });
});
