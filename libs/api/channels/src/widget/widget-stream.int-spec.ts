import { ChannelType, InboxDto } from '@kefu/shared/contracts';
import { ReplyStream, ReplyStreams, ReplyStreamTarget } from '@kefu/api/conversations';
import { createTestApp, TestApp } from '@kefu/api/platform/testing';
// The whole application as production wires it, and the widget's test client (a real socket.io client).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { AppModule } from '../../../../../apps/api/src/app.module';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { adminCookie, createInbox, resetApp } from '../../../../../apps/api/src/test-helpers';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { clientId, openTab, WidgetTab } from '../../../../../apps/api/src/widget-test-client';
import { DeliveryService } from '../delivery/delivery.service';
import { WidgetInboxes } from './widget-inboxes';
import { WidgetReplyStreamer } from './widget-reply-streamer';
import { WidgetBroadcaster } from './widget.broadcaster';
import { WidgetStore } from './widget.store';

const REPLY = ['Your parcel ', 'left ', 'Shanghai ', 'yesterday ', 'and should ', 'arrive ', 'tomorrow ', 'before ', 'noon.'];

/**
 * A bot reply streamed to the widget while it is written, over real sockets: the shopper's socket is
 * on an API process; the stream is opened in that process, in a worker process (the socket.io Redis
 * adapter carries it), and from a process without the widget namespace (the Redis emitter).
 */
describe('a reply streamed to the widget (PostgreSQL + Redis, ROLE=api + ROLE=worker)', () => {
  let api: TestApp;
  let worker: TestApp;
  let inbox: InboxDto;
  let cookie: string;
  const tabs: WidgetTab[] = [];
  const prefix = `kefu-test-ws-${Date.now().toString(36)}`;

  beforeAll(async () => {
    api = await createTestApp((c) => AppModule.forRoot(c), { ROLE: 'api', QUEUE_PREFIX: prefix });
    worker = await createTestApp((c) => AppModule.forRoot(c), { ROLE: 'worker', QUEUE_PREFIX: prefix });
  }, 90_000);
  afterAll(async () => {
    await api.close();
    await worker.close();
  });
  beforeEach(async () => {
    await resetApp(api);
    cookie = await adminCookie(api);
    inbox = await createInbox(api, cookie, { name: 'Widget', channel: ChannelType.Widget });
  });
  afterEach(() => tabs.splice(0).forEach((w) => w.close()));

  /** A shopper on the widget who asked something: their tab and what a stream of the answer targets. */
  async function shopper(auth: Record<string, unknown> = {}): Promise<{ tab: WidgetTab; target: ReplyStreamTarget }> {
    const tab = await openTab(api, { inboxId: inbox.id, ...auth });
    tabs.push(tab);
    const ack = await tab.send({ clientId: clientId(), text: 'where is my parcel?' });
    expect(ack.ok).toBe(true);
    const [row] = await api.db.query(
      `SELECT m.conversation_id, c.contact_id FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.id = $1`,
      [ack.message.id],
    );
    return { tab, target: { inboxId: inbox.id, channel: ChannelType.Widget, conversationId: row.conversation_id, contactId: row.contact_id, replyTo: ack.message.id } };
  }

  /** Writes the reply a few tokens at a time, with pauses like a model's, then ends it. */
  async function writeReply(stream: ReplyStream) {
    for (const [i, token] of REPLY.entries()) {
      stream.write(token);
      if (i % 3 === 2) await new Promise((r) => setTimeout(r, 80));
    }
    stream.end();
  }

  const streamEvents = (tab: WidgetTab, streamId: string) =>
    tab.events.filter((e) => e.event.startsWith('stream') && e.payload?.streamId === streamId);

  async function expectStreamed(tab: WidgetTab, stream: ReplyStream, target: ReplyStreamTarget) {
    await tab.next('stream_end', (p) => p.streamId === stream.id);
    const events = streamEvents(tab, stream.id);
    const frames = events.filter((e) => e.event === 'stream').map((e) => e.payload);
    expect(events.at(-1)?.event).toBe('stream_end');
    expect(frames.map((f) => f.delta).join('')).toBe(REPLY.join(''));
    expect(frames.map((f) => f.seq)).toEqual(frames.map((_, i) => i + 1));
    // Batched: fewer frames than tokens.
    expect(frames.length).toBeGreaterThan(1);
    expect(frames.length).toBeLessThan(REPLY.length);
    expect(frames[0]).toEqual({ streamId: stream.id, conversationId: target.conversationId, replyTo: target.replyTo, seq: 1, delta: expect.any(String) });
  }

  it('streams the reply to every tab of the shopper, in order, then ends it', async () => {
    const { tab, target } = await shopper();
    const other = await openTab(api, { inboxId: inbox.id, visitorToken: tab.session.visitorToken });
    tabs.push(other);
    const stream = await api.app.get(ReplyStreams).open(target);
    expect(stream).not.toBeNull();
    await writeReply(stream as ReplyStream);
    await expectStreamed(tab, stream as ReplyStream, target);
    await expectStreamed(other, stream as ReplyStream, target);
  });

  it('withdraws a streamed reply with stream_reset, and never sends the text that was still waiting', async () => {
    const { tab, target } = await shopper();
    const stream = (await api.app.get(ReplyStreams).open(target)) as ReplyStream;
    stream.write('You will get a full refund of ');
    stream.write('¥9999');
    stream.reset();
    await tab.next('stream_reset', (p) => p.streamId === stream.id);
    const events = streamEvents(tab, stream.id);
    expect(events.map((e) => e.event)).toEqual(['stream', 'stream_reset']);
    expect(events[0].payload.delta).toBe('You will get a full refund of ');
  });

  it('streams from a worker process to the socket held by the API process', async () => {
    const { tab, target } = await shopper();
    const stream = await worker.app.get(ReplyStreams).open(target);
    expect(stream).not.toBeNull();
    await writeReply(stream as ReplyStream);
    await expectStreamed(tab, stream as ReplyStream, target);
  });

  it('streams from a process without the widget namespace, through the Redis emitter', async () => {
    const { tab, target } = await shopper();
    const outsider = new WidgetBroadcaster(worker.config);
    try {
      const streamer = new WidgetReplyStreamer(new ReplyStreams(), worker.app.get(WidgetStore), outsider, worker.app.get(WidgetInboxes));
      const stream = (await streamer.open(target)) as ReplyStream;
      await writeReply(stream);
      await expectStreamed(tab, stream, target);
    } finally {
      await outsider.onApplicationShutdown();
    }
  });

  it('opens no stream for a contact without a widget identity, or for another channel', async () => {
    const { target } = await shopper();
    const streams = api.app.get(ReplyStreams);
    const [{ id: stranger }] = await api.db.query(`INSERT INTO contacts (name) VALUES ('No widget') RETURNING id`);
    expect(await streams.open({ ...target, contactId: stranger })).toBeNull();

    const email = await createInbox(api, cookie, { name: 'Mail', channel: ChannelType.Email, settings: { address: 'help@shop.example.com', smtp: { host: '127.0.0.1', port: 2525, secure: false } } });
    expect(await streams.open({ ...target, channel: ChannelType.Email, inboxId: email.id })).toBeNull();
    // A widget target naming an inbox that is not a widget: nothing to stream to either.
    expect(await streams.open({ ...target, inboxId: email.id })).toBeNull();
    expect(streams.supports(ChannelType.Widget)).toBe(true);
    expect(streams.supports(ChannelType.Email)).toBe(false);
  });

  it('names the stream on the final message, live, in the replay after a reconnect and in the history', async () => {
    const { tab, target } = await shopper();
    const stream = (await worker.app.get(ReplyStreams).open(target)) as ReplyStream;
    await writeReply(stream);
    // The complete reply, stored the way the dialogue stage stores it, then delivered the usual way.
    const [{ id, created_at }] = await api.db.query(
      `INSERT INTO messages (conversation_id, inbox_id, direction, sender_type, text, metadata, status)
       VALUES ($1, $2, 'outgoing', 'bot', $3, jsonb_build_object('streamId', $4::text), 'pending') RETURNING id, created_at`,
      [target.conversationId, inbox.id, REPLY.join(''), stream.id],
    );
    await worker.app.get(DeliveryService).enqueue(id);
    expect(await tab.next('message', (m) => m.id === id)).toMatchObject({ text: REPLY.join(''), senderType: 'bot', streamId: stream.id });
    const order = tab.events.map((e) => e.event);
    expect(order.lastIndexOf('stream_end')).toBeLessThan(order.lastIndexOf('message'));

    const back = await openTab(api, { inboxId: inbox.id, visitorToken: tab.session.visitorToken, lastSeenAt: new Date((created_at as Date).getTime() - 1).toISOString() });
    tabs.push(back);
    expect(back.session.replay).toBe(true);
    expect(back.session.messages.find((m: { id: string }) => m.id === id)).toMatchObject({ streamId: stream.id });
    const fresh = await openTab(api, { inboxId: inbox.id, visitorToken: tab.session.visitorToken });
    tabs.push(fresh);
    expect(fresh.session.messages.filter((m: { streamId?: string }) => m.streamId).map((m: { id: string }) => m.id)).toEqual([id]);
  });
});
