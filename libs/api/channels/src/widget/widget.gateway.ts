import { Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Namespace, Socket } from 'socket.io';
import { ChannelType, MessageStatus, type MessageMetadata } from '@kefu/shared/contracts';
import { ConversationEvents, ConversationsService, IngestService, MessageUpdatedPayload } from '@kefu/api/conversations';
import { WidgetSessions, WidgetSocketData } from './widget-session';
import { WidgetBroadcaster } from './widget.broadcaster';
import {
  externalMessageIdFor,
  historySchema,
  incomingMessageSchema,
  payloadError,
  readSchema,
  storedMessageId,
  toWidgetMessages,
  typingSchema,
  WIDGET_NAMESPACE,
  WidgetMessage,
} from './widget.protocol';
import { WidgetStore } from './widget.store';
import { WidgetUploads } from './widget-uploads.service';

type WidgetSocket = Socket & { data: WidgetSocketData };
type Ack<T = object> = ({ ok: true } & T) | { ok: false; error: string };

/** Shopper messages per socket per minute; more are refused with a clear error (nothing stored). */
const RATE_PER_MINUTE = 30;
export const WidgetEvents = { ContactTyping: 'widget.contact.typing' } as const;

/**
 * The web chat widget's socket.io namespace (docs/widget.md). The handshake is checked in a
 * namespace middleware (inbox, page origin, signed identity); each socket joins the room of its
 * identity, so every tab and device of one shopper gets the same events, from any process.
 */
@WebSocketGateway({ namespace: WIDGET_NAMESPACE })
export class WidgetGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly log = new Logger(WidgetGateway.name);

  constructor(
    private readonly sessions: WidgetSessions,
    private readonly store: WidgetStore,
    private readonly broadcaster: WidgetBroadcaster,
    private readonly ingest: IngestService,
    private readonly conversations: ConversationsService,
    private readonly uploads: WidgetUploads,
    private readonly events: EventEmitter2,
  ) {}

  afterInit(nsp: Namespace) {
    this.broadcaster.attach(nsp);
    nsp.use((socket, next) => {
      this.sessions.authenticate(socket).then(
        (data) => {
          socket.data = data;
          next();
        },
        (err: Error) => {
          this.log.debug(`widget handshake refused: ${err.message}`);
          next(err);
        },
      );
    });
    allowCrossOriginPolling(nsp);
  }

  async handleConnection(socket: WidgetSocket): Promise<void> {
    // Plain listeners rather than @SubscribeMessage: Nest builds an rxjs pipeline per handler and
    // socket, which doubles the heap a socket costs (bench/widget). Each answers through the ack.
    const bind = (event: string, handler: (s: WidgetSocket, body: unknown) => Promise<unknown> | unknown) =>
      socket.on(event, (body: unknown, ack?: unknown) => {
        new Promise((resolve) => resolve(handler.call(this, socket, body))).then(
          (r) => typeof ack === 'function' && ack(r),
          (err: Error) => {
            this.log.warn(`widget ${event} failed: ${err.message}`);
            if (typeof ack === 'function') ack({ ok: false, error: 'the server could not handle this; try again' });
          },
        );
      });
    bind('message', this.onMessage);
    bind('read', this.onRead);
    bind('history', this.onHistory);
    bind('typing', this.onTyping);
    // Join first, then read: a reply stored in between arrives live and in the session (same id).
    await socket.join(socket.data.room);
    for (let attempt = 1; ; attempt++) {
      try {
        socket.emit('session', await this.sessions.session(socket.data));
        return;
      } catch (err) {
        if (attempt >= 3) {
          this.log.warn(`widget session not loaded: ${(err as Error).message}`);
          socket.disconnect(true);
          return;
        }
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  }

  async onMessage(socket: WidgetSocket, body: unknown): Promise<Ack<{ message: WidgetMessage }>> {
    const parsed = incomingMessageSchema.safeParse(body ?? {});
    if (!parsed.success) return { ok: false, error: payloadError(parsed.error) };
    const d = socket.data;
    if (!this.allow(d)) return { ok: false, error: `too many messages: at most ${RATE_PER_MINUTE} a minute; wait a moment and send again` };
    const m = parsed.data;
    let typing = false;
    try {
      const ext = d.identity.externalUserId;
      const ids = [...new Set(m.attachments.map((a) => a.uploadId))];
      const found = await this.store.ownUploads(d.inboxId, ext, ids);
      const missing = ids.find((id) => !found.some((u) => u.id === id));
      if (missing) return { ok: false, error: `attachment ${missing} is not an upload of yours on this widget; upload the image first` };
      const owned = ids.map((id) => found.find((u) => u.id === id) as (typeof found)[number]);
      const metadata: MessageMetadata = {};
      if (m.context?.productId) metadata.productId = m.context.productId;
      if (m.context?.orderId) metadata.orderId = m.context.orderId;
      if (m.context?.pageUrl) metadata.pageUrl = m.context.pageUrl;
      if (m.quickReply) metadata.quickReply = m.quickReply;
      // "The bot is typing" goes out before the message is stored: the reply can never overtake it.
      typing = await this.store.botAnswers(d.inboxId, ext);
      if (typing) this.broadcaster.emit(d.room, 'typing', { typing: true, sender: 'bot' });
      const result = await this.ingest.ingest({
        channel: ChannelType.Widget,
        inboxId: d.inboxId,
        externalMessageId: externalMessageIdFor(ext, m.clientId),
        externalUserId: ext,
        text: m.text,
        attachments: owned.map((u) => ({ url: this.uploads.urlOf(u.id), contentType: u.contentType, size: u.size, ...(u.name ? { name: u.name } : {}) })),
        ...(d.locale ? { locale: d.locale } : {}),
        metadata,
        sentAt: new Date(),
        ...(d.contact && Object.keys(d.contact).length ? { contact: d.contact } : {}),
        ...(d.identity.verified
          ? { verified: { customerRef: d.identity.userId, ...(d.verifiedEmail ? { email: d.verifiedEmail } : {}) } }
          : {}),
      });
      d.conversationId = result.conversationId;
      const stored = await this.conversations.message(result.messageId);
      if (!stored) return { ok: false, error: 'the message was stored but cannot be read back; it will appear on reload' };
      const [message] = toWidgetMessages(stored);
      // The shopper's other tabs and devices see it too. A resend of a message already answered stops the typing.
      if (!result.duplicate) socket.to(d.room).emit('message', message);
      else if (typing && stored.status !== MessageStatus.Received && !(await this.store.pendingReplies(result.conversationId))) {
        this.broadcaster.emit(d.room, 'typing', { typing: false, sender: 'bot' });
      }
      return { ok: true, message };
    } catch (err) {
      if (typing) this.broadcaster.emit(d.room, 'typing', { typing: false, sender: 'bot' });
      this.log.warn(`widget message not stored: ${(err as Error).message}`);
      return { ok: false, error: 'the message could not be stored; send it again (same clientId)' };
    }
  }

  onTyping(socket: WidgetSocket, body: unknown): undefined {
    const parsed = typingSchema.safeParse(body ?? {});
    const d = socket.data;
    const now = Date.now();
    if (!parsed.success || !d.conversationId || (parsed.data.typing && now - d.rate.lastTyping < 1_000)) return;
    d.rate.lastTyping = now;
    // For the agent workspace; nothing is stored.
    this.events.emit(WidgetEvents.ContactTyping, { inboxId: d.inboxId, conversationId: d.conversationId, typing: parsed.data.typing });
  }

  async onRead(socket: WidgetSocket, body: unknown): Promise<Ack> {
    const parsed = readSchema.safeParse(body ?? {});
    if (!parsed.success) return { ok: false, error: payloadError(parsed.error) };
    const id = storedMessageId(parsed.data.upTo);
    if (!/^[0-9a-f-]{36}$/i.test(id)) return { ok: false, error: 'upTo must be the id of a message the widget shows' };
    try {
      const d = socket.data;
      const marked = await this.store.markRead(d.inboxId, d.identity.externalUserId, id);
      if (!marked) return { ok: false, error: `message ${id} is not in your conversations on this widget` };
      for (const messageId of marked.ids) {
        this.events.emit(ConversationEvents.MessageUpdated, { messageId, conversationId: marked.conversationId } satisfies MessageUpdatedPayload);
      }
      return { ok: true };
    } catch (err) {
      this.log.warn(`widget read receipt not stored: ${(err as Error).message}`);
      return { ok: false, error: 'the read receipt could not be stored; try again' };
    }
  }

  async onHistory(socket: WidgetSocket, body: unknown): Promise<Ack<{ messages: WidgetMessage[]; hasMore: boolean }>> {
    const parsed = historySchema.safeParse(body ?? {});
    if (!parsed.success) return { ok: false, error: payloadError(parsed.error) };
    try {
      const d = socket.data;
      const page = await this.store.history(d.inboxId, d.identity.externalUserId, parsed.data);
      return { ok: true, messages: page.messages.flatMap(toWidgetMessages), hasMore: page.hasMore };
    } catch (err) {
      this.log.warn(`widget history not read: ${(err as Error).message}`);
      return { ok: false, error: 'the history could not be read; try again' };
    }
  }

  private allow(d: WidgetSocketData): boolean {
    const now = Date.now();
    if (now - d.rate.windowStart > 60_000) d.rate = { ...d.rate, windowStart: now, count: 0 };
    return ++d.rate.count <= RATE_PER_MINUTE;
  }
}

/**
 * The widget runs on the shop's pages, another origin than Kefu: socket.io's HTTP long-polling
 * fallback needs CORS. Any origin may poll (the namespace middleware checks the inbox's allowed
 * origins); no credentials are allowed, so no cookie ever rides along.
 */
function allowCrossOriginPolling(nsp: Namespace) {
  const engine = nsp.server?.engine as { use?: (fn: (req: IncomingMessage, res: ServerResponse, next: () => void) => void) => void } | undefined;
  engine?.use?.((req, res, next) => {
    const origin = req.headers.origin;
    if (origin && !res.getHeader('access-control-allow-origin')) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'Access-Control-Allow-Methods': 'GET, POST',
          'Access-Control-Allow-Headers': 'content-type',
          'Access-Control-Max-Age': '600',
        });
        res.end();
        return;
      }
    }
    next();
  });
}
