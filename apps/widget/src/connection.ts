import { io, type Socket } from 'socket.io-client';
import type {
  HandshakeAuth,
  HistoryAck,
  MessageAck,
  OutgoingMessage,
  Refusal,
  SessionPayload,
  StreamFrame,
  WidgetMessage,
} from './protocol';
import { REFUSALS } from './protocol';
import { streamFrameOf, streamIdOf } from './streaming';

export type ConnectionState = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'refused';

export interface ConnectionHandlers {
  onSession(session: SessionPayload): void;
  onMessage(message: WidgetMessage): void;
  onTyping(e: { typing: boolean; sender: 'bot' | 'agent' }): void;
  onRead(e: { upTo: string }): void;
  /** A bot reply while it is written (`stream`, `stream_end`, `stream_reset`). */
  onStream(e: { frame: StreamFrame } | { end: string } | { reset: string }): void;
  onState(state: ConnectionState, refusal?: Refusal, why?: string): void;
}

/** How long an acknowledgement may take before the message is considered unsent (it stays queued). */
export const ACK_TIMEOUT_MS = 10_000;

/**
 * The `/widget` socket: connects with the handshake the page gives at each (re)connection (so a
 * reconnect carries `lastSeenAt` and the server replays what was missed), and reports its state.
 */
export class WidgetConnection {
  private socket: Socket | null = null;
  state: ConnectionState = 'idle';
  private serverKicks = 0;

  constructor(
    private readonly base: string,
    private readonly path: string,
    private readonly auth: () => HandshakeAuth,
    private readonly handlers: ConnectionHandlers,
  ) {}

  get connected(): boolean {
    return !!this.socket?.connected && this.state === 'online';
  }

  connect(): void {
    if (this.socket) {
      if (!this.socket.active) this.socket.connect();
      return;
    }
    const origin = new URL(this.base).origin;
    const socket = io(`${origin}/widget`, {
      path: this.path,
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      withCredentials: false,
      reconnectionDelay: 1000,
      reconnectionDelayMax: 10_000,
      auth: (cb) => cb(this.auth() as unknown as Record<string, unknown>),
    });
    this.socket = socket;
    this.setState('connecting');
    socket.on('session', (s: SessionPayload) => {
      this.serverKicks = 0;
      this.setState('online');
      this.handlers.onSession(s);
    });
    socket.on('message', (m: WidgetMessage) => this.handlers.onMessage(m));
    socket.on('typing', (e: { typing: boolean; sender: 'bot' | 'agent' }) => this.handlers.onTyping(e));
    socket.on('read', (e: { upTo: string }) => e && typeof e.upTo === 'string' && this.handlers.onRead(e));
    socket.on('stream', (raw: unknown) => {
      const frame = streamFrameOf(raw);
      if (frame) this.handlers.onStream({ frame });
    });
    socket.on('stream_end', (raw: unknown) => {
      const end = streamIdOf(raw);
      if (end) this.handlers.onStream({ end });
    });
    socket.on('stream_reset', (raw: unknown) => {
      const reset = streamIdOf(raw);
      if (reset) this.handlers.onStream({ reset });
    });
    socket.on('connect_error', (err: Error & { data?: { message?: unknown } }) => {
      const refusal = REFUSALS.find((r) => r === err?.message);
      if (refusal || !socket.active) {
        const why = typeof err?.data?.message === 'string' ? err.data.message : err?.message;
        this.setState('refused', refusal, why);
        return;
      }
      this.setState('reconnecting');
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return this.setState('idle');
      this.setState('reconnecting');
      // The server closed the socket on purpose (a deploy, a restart): socket.io does not come back on its own.
      if (reason === 'io server disconnect') {
        const delay = Math.min(60_000, 2000 * 2 ** this.serverKicks++);
        setTimeout(() => socket.connect(), delay);
      }
    });
  }

  private setState(state: ConnectionState, refusal?: Refusal, why?: string) {
    this.state = state;
    this.handlers.onState(state, refusal, why);
  }

  /** Sends one message; `timeout` when no acknowledgement came in time (the caller keeps it queued). */
  send(message: OutgoingMessage): Promise<MessageAck | 'timeout'> {
    const socket = this.socket;
    if (!socket?.connected) return Promise.resolve('timeout');
    return new Promise((resolve) => {
      socket.timeout(ACK_TIMEOUT_MS).emit('message', message, (err: Error | null, ack: MessageAck) => {
        if (err) resolve('timeout');
        else if (ack && typeof ack === 'object' && 'ok' in ack) resolve(ack);
        else resolve({ ok: false, error: 'invalid acknowledgement' });
      });
    });
  }

  typing(typing: boolean): void {
    if (this.socket?.connected) this.socket.volatile.emit('typing', { typing });
  }

  read(upTo: string): void {
    if (this.socket?.connected) this.socket.emit('read', { upTo }, () => undefined);
  }

  /** Older messages than `before` (its time, and its id for exact paging where the server supports it). */
  history(
    before: { id: string; createdAt: string } | undefined,
    limit = 50,
  ): Promise<{ messages: WidgetMessage[]; hasMore: boolean } | null> {
    const socket = this.socket;
    if (!socket?.connected) return Promise.resolve(null);
    const query = before ? { before: before.createdAt, beforeId: before.id, limit } : { limit };
    return new Promise((resolve) => {
      socket.timeout(ACK_TIMEOUT_MS).emit('history', query, (err: Error | null, ack: HistoryAck) => {
        if (err || !ack?.ok || !Array.isArray(ack.messages)) return resolve(null);
        resolve({ messages: ack.messages, hasMore: ack.hasMore ?? ack.messages.length >= limit });
      });
    });
  }
}
