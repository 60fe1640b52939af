import { Injectable, OnDestroy, signal } from '@angular/core';
import { ConversationUpdatedEvent, HandoffRealtimeEvent, MessageCreatedEvent, RealtimeEvent } from '@kefu/shared/contracts';
import { Observable, Subject, filter, map } from 'rxjs';
import { io, Socket } from 'socket.io-client';

/** `message.updated`: an existing message changed, e.g. its delivery status. */
export type MessageUpdatedEvent = MessageCreatedEvent;

interface EventPayloads {
  [RealtimeEvent.MessageCreated]: MessageCreatedEvent;
  [RealtimeEvent.MessageUpdated]: MessageUpdatedEvent;
  [RealtimeEvent.ConversationUpdated]: ConversationUpdatedEvent;
}
type EventName = keyof EventPayloads;

const RETRY_AFTER_DROP_MS = 5_000;
/** After the server said `unauthorized` (session gone or no permission): ask again, but rarely. */
const RETRY_AFTER_REFUSAL_MS = 30_000;

/**
 * The live feed from the API's socket.io `/admin` namespace, authenticated by the session cookie.
 * Connects on first use and reconnects by itself; `resynced$` fires after a reconnect so pages can
 * reload what they may have missed while offline.
 */
@Injectable({ providedIn: 'root' })
export class RealtimeService implements OnDestroy {
  private socket: Socket | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private everConnected = false;
  private refused = false;
  private readonly incoming = new Subject<{ type: string; payload: unknown }>();
  private readonly resynced = new Subject<void>();

  /** Whether the socket is connected right now. */
  readonly connected = signal(false);
  readonly resynced$ = this.resynced.asObservable();

  readonly messageCreated$: Observable<MessageCreatedEvent> = this.stream(RealtimeEvent.MessageCreated);
  readonly messageUpdated$: Observable<MessageUpdatedEvent> = this.stream(RealtimeEvent.MessageUpdated);
  readonly conversationUpdated$: Observable<ConversationUpdatedEvent> = this.stream(
    RealtimeEvent.ConversationUpdated,
  );

  /** Opens the connection if it is not open yet. Safe to call often. */
  connect(): void {
    if (this.socket) return;
    const socket = io('/admin', { path: '/socket.io', withCredentials: true });
    this.socket = socket;

    socket.on('connect', () => {
      this.refused = false;
      this.connected.set(true);
      if (this.everConnected) this.resynced.next();
      this.everConnected = true;
    });
    socket.on('disconnect', () => {
      this.connected.set(false);
      // socket.io reconnects by itself after network trouble, but not when the server closed the socket.
      if (!socket.active) this.retryLater(socket);
    });
    socket.on('connect_error', () => {
      this.connected.set(false);
      // Nor when the server's middleware refused the handshake (e.g. the session is not known yet).
      if (!socket.active) this.retryLater(socket);
    });
    // The API accepts the handshake, then says why it will not serve this socket and closes it.
    socket.on('unauthorized', () => {
      this.refused = true;
      this.connected.set(false);
    });
    for (const type of [...Object.values(RealtimeEvent), ...Object.values(HandoffRealtimeEvent)]) {
      socket.on(type, (payload: unknown) => this.incoming.next({ type, payload }));
    }
  }

  private retryLater(socket: Socket): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = null;
        if (this.socket === socket) socket.connect();
      },
      this.refused ? RETRY_AFTER_REFUSAL_MS : RETRY_AFTER_DROP_MS,
    );
  }

  /** Closes the connection (on logout). */
  disconnect(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.everConnected = false;
    this.refused = false;
    this.connected.set(false);
  }

  ngOnDestroy(): void {
    this.disconnect();
  }

  /**
   * Any event of the `/admin` namespace by name (e.g. the hand-off domain's `kill_switch.changed`,
   * `handoff.notification`, `note.created`); connects on first subscription.
   */
  on<T>(type: string): Observable<T> {
    return new Observable<T>((subscriber) => {
      this.connect();
      return this.incoming
        .pipe(
          filter((e) => e.type === type),
          map((e) => e.payload as T),
        )
        .subscribe(subscriber);
    });
  }

  private stream<K extends EventName>(type: K): Observable<EventPayloads[K]> {
    return new Observable<EventPayloads[K]>((subscriber) => {
      this.connect();
      return this.incoming
        .pipe(
          filter((e) => e.type === type),
          map((e) => e.payload as EventPayloads[K]),
        )
        .subscribe(subscriber);
    });
  }
}
