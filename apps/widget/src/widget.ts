import { contextOf, identityOf, type KefuWidgetGlobal, type PageConfig } from './config';
import { WidgetConnection, type ConnectionState } from './connection';
import { chooseLocale, format, formatBytes } from './i18n';
import { MessageList } from './messages';
import type {
  HandshakeAuth,
  QuickReply,
  Refusal,
  SessionPayload,
  StreamFrame,
  WidgetMessage,
} from './protocol';
import { WidgetStore, type OutboxEntry } from './storage';
import { checkImage, DEFAULT_UPLOAD_MAX_BYTES, uploadImage, UploadError, type UploadProblem } from './upload';
import { WidgetView } from './view';

const HISTORY_PAGE = 50;
/** While the shopper types, `typing: true` at most this often; `typing: false` after this much quiet. */
const TYPING_EVERY_MS = 2500;
const TYPING_IDLE_MS = 4000;
/** The "…" bubble goes away on its own if the server never says the typing stopped. */
const TYPING_SHOWN_MS = 20_000;
/** A short drop (a few hundred ms) does not flash the "reconnecting" notice. */
const NOTICE_DELAY_MS = 1500;

const newClientId = () =>
  typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `c-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

/** The widget on one page: ties the socket, the message list, the outbox and the view together. */
export class KefuWidget {
  private readonly list = new MessageList();
  private readonly view: WidgetView;
  private readonly conn: WidgetConnection;
  private readonly failed = new Map<string, OutboxEntry>();
  private session: SessionPayload | null = null;
  private flushing = false;
  private typingSentAt = 0;
  private typingIdle?: ReturnType<typeof setTimeout>;
  private typingShown?: ReturnType<typeof setTimeout>;
  private noticeTimer?: ReturnType<typeof setTimeout>;
  private streamTimer?: ReturnType<typeof setTimeout>;
  private lastReadSent?: string;
  private loadingEarlier = false;

  constructor(
    private readonly config: PageConfig,
    private readonly store: WidgetStore,
    private readonly global: KefuWidgetGlobal,
  ) {
    this.view = new WidgetView(
      {
        onOpenChange: (open) => this.onOpenChange(open),
        onSend: (text) => this.send(text),
        onQuickReply: (q) => this.quickReply(q),
        onAttach: (file) => void this.attach(file),
        onTyping: () => this.shopperTyping(),
        onRetry: (clientId) => this.retry(clientId),
        onEarlier: () => void this.earlier(),
      },
      config.base,
    );
    this.conn = new WidgetConnection(config.base, config.socketPath, () => this.handshake(), {
      onSession: (s) => this.onSession(s),
      onMessage: (m) => this.onMessage(m),
      onTyping: (e) => this.onTyping(e),
      onRead: (e) => {
        if (this.list.markRead(e.upTo)) this.render();
      },
      onStream: (e) => this.onStream(e),
      onState: (state, refusal, why) => this.onState(state, refusal, why),
    });
    const cached = store.settings;
    this.applySettings(cached ?? {});
    for (const e of store.outbox())
      this.list.addPending({
        clientId: e.clientId,
        text: e.text,
        attachments: e.previews,
        createdAt: e.createdAt,
      });
    this.render();
  }

  mount(parent: HTMLElement): void {
    parent.appendChild(this.view.host);
    document.addEventListener('visibilitychange', () => this.markRead());
    window.addEventListener('offline', () => this.view.setNotice(this.view.strings.offline));
    window.addEventListener('online', () => this.conn.connect());
    // A returning visitor (or one with unsent messages) connects now, so replies and the unread
    // badge arrive while the chat is closed; a first-time visitor connects when opening it.
    if (this.store.visitorToken || this.store.outbox().length) this.conn.connect();
  }

  open(): void {
    this.view.setOpen(true);
  }

  close(): void {
    this.view.setOpen(false);
  }

  private handshake(): HandshakeAuth {
    const identity = identityOf(this.global.identity);
    const lastSeenAt = this.list.lastSeenAt();
    return {
      inboxId: this.config.inboxId,
      ...(this.store.visitorToken ? { visitorToken: this.store.visitorToken } : {}),
      ...(identity ? { identity } : {}),
      ...(lastSeenAt ? { lastSeenAt } : {}),
      locale: navigator.language,
    };
  }

  private applySettings(s: Partial<SessionPayload['settings']>) {
    this.view.setLocale(
      chooseLocale(
        this.global.locale ?? this.config.locale,
        s.locale,
        navigator.languages ?? [navigator.language],
      ),
    );
    this.view.setTheme(s.color, s.title ?? '');
  }

  private onSession(s: SessionPayload) {
    const shown = !!this.list.lastSeenAt();
    this.session = s;
    // A verified shopper's token is an upload token for that user: kept in memory only, so it never
    // outlives the shop's own login on a shared computer.
    if (s.visitorToken && !s.verified) this.store.visitorToken = s.visitorToken;
    this.store.settings = s.settings;
    this.applySettings(s.settings ?? {});
    this.view.setComposerEnabled(true);
    const messages = Array.isArray(s.messages) ? s.messages : [];
    const replay = s.replay ?? shown;
    if (replay) this.list.merge(messages);
    else {
      this.list.replace(messages);
      this.view.setEarlierVisible(s.hasMore ?? messages.length >= HISTORY_PAGE);
    }
    this.render();
    this.markRead();
    this.scheduleStreamExpiry();
    void this.flush();
  }

  private onMessage(m: WidgetMessage) {
    const added = this.list.merge([m]);
    if (m.senderType === 'bot' || m.senderType === 'agent') this.view.setTyping(null);
    if (
      added.some((a) => a.senderType !== 'contact') &&
      (!this.view.isOpen || document.visibilityState !== 'visible')
    )
      this.view.setUnread(this.view.unreadCount + added.filter((a) => a.senderType !== 'contact').length);
    this.render();
    this.markRead();
    if (m.streamId) this.scheduleStreamExpiry();
  }

  /**
   * A bot reply while it is written: its bubble replaces the typing dots and grows; withdrawn, the
   * dots come back (the reply will come whole); ended, it waits for its final message (onMessage).
   */
  private onStream(e: { frame: StreamFrame } | { end: string } | { reset: string }) {
    const changed =
      'frame' in e
        ? this.list.streamFrame(e.frame)
        : 'end' in e
          ? this.list.streamEnd(e.end)
          : this.list.streamReset(e.reset);
    if (!changed) return;
    if (this.list.streaming) {
      clearTimeout(this.typingShown);
      this.view.setTyping(null);
    } else if ('reset' in e) this.onTyping({ typing: true, sender: 'bot' });
    this.render();
    this.scheduleStreamExpiry();
  }

  /** Wakes up when a streamed bubble's final message is late or its stream went silent. */
  private scheduleStreamExpiry() {
    clearTimeout(this.streamTimer);
    const due = this.list.nextStreamDeadline();
    if (due === undefined) return;
    this.streamTimer = setTimeout(
      () => {
        if (this.list.expireStreams()) this.render();
        this.scheduleStreamExpiry();
      },
      Math.max(0, due - Date.now()) + 50,
    );
  }

  private onTyping(e: { typing: boolean; sender: 'bot' | 'agent' }) {
    clearTimeout(this.typingShown);
    this.view.setTyping(e.typing ? (e.sender === 'agent' ? 'agent' : 'bot') : null);
    if (e.typing) this.typingShown = setTimeout(() => this.view.setTyping(null), TYPING_SHOWN_MS);
  }

  private onState(state: ConnectionState, refusal?: Refusal, why?: string) {
    const t = this.view.strings;
    clearTimeout(this.noticeTimer);
    if (state === 'online' || state === 'idle') return this.view.setNotice(null);
    if (state === 'refused') {
      this.view.setTyping(null);
      const text =
        refusal === 'identity_required'
          ? t.identityRequired
          : refusal === 'identity_invalid'
            ? t.identityInvalid
            : t.unavailable;
      this.view.setNotice(text, 'error');
      this.view.setComposerEnabled(false);
      // For the shop's developer: the reason, never personal data.
      console.warn(
        `[Kefu widget] the chat server refused this page: ${refusal ?? 'refused'}${why && why !== refusal ? ` — ${why}` : ''}`,
      );
      return;
    }
    const text =
      state === 'connecting' ? t.connecting : navigator.onLine === false ? t.offline : t.reconnecting;
    this.noticeTimer = setTimeout(() => this.view.setNotice(text), NOTICE_DELAY_MS);
  }

  private onOpenChange(open: boolean) {
    if (open) {
      this.conn.connect();
      this.markRead();
    }
  }

  private render(opts: { keepPosition?: boolean } = {}) {
    this.view.render(this.list, (clientId) => this.retry(clientId), opts);
  }

  /** Tells the server the shopper has seen the newest reply, while the chat is open and the tab visible. */
  private markRead() {
    if (!this.view.isOpen || document.visibilityState !== 'visible' || !this.conn.connected) return;
    this.view.setUnread(0);
    const id = this.list.lastReplyId();
    if (id && id !== this.lastReadSent) {
      this.lastReadSent = id;
      this.conn.read(id);
    }
  }

  private send(
    text: string,
    quickReply?: string,
    uploads?: { uploadId: string; url: string; contentType: string; name?: string }[],
  ) {
    const entry: OutboxEntry = {
      clientId: newClientId(),
      text,
      context: contextOf(this.global.context, location.href),
      createdAt: new Date().toISOString(),
      ...(quickReply ? { quickReply } : {}),
      ...(uploads?.length
        ? {
            attachments: uploads.map((u) => ({ uploadId: u.uploadId })),
            previews: uploads.map((u) => ({ url: u.url, contentType: u.contentType, name: u.name })),
          }
        : {}),
    };
    this.store.queue(entry);
    this.list.addPending({
      clientId: entry.clientId,
      text,
      attachments: entry.previews,
      createdAt: entry.createdAt,
    });
    this.stopTyping();
    this.render();
    this.view.scrollToEnd();
    if (this.conn.connected) void this.flush();
    else this.conn.connect();
  }

  private quickReply(q: QuickReply) {
    this.send(q.label, q.payload);
  }

  /** Sends the queued messages in order, each with its clientId (a resend is idempotent on the server). */
  private async flush() {
    if (this.flushing || !this.session) return;
    this.flushing = true;
    try {
      for (const entry of this.store.outbox()) {
        if (!this.conn.connected) return;
        const { previews: _previews, createdAt: _createdAt, ...payload } = entry;
        const ack = await this.conn.send(payload);
        if (ack === 'timeout') {
          // Still queued: sent again after the next (re)connection, or on the next flush.
          setTimeout(() => void this.flush(), 5000);
          return;
        }
        this.store.dequeue(entry.clientId);
        if (ack.ok) this.list.merge([ack.message]);
        else {
          this.failed.set(entry.clientId, entry);
          this.list.fail(entry.clientId, ack.error);
        }
        this.render();
      }
    } finally {
      this.flushing = false;
    }
  }

  private retry(clientId: string) {
    const entry = this.failed.get(clientId);
    if (!entry) return;
    this.failed.delete(clientId);
    this.store.queue(entry);
    this.list.retry(clientId);
    this.render();
    if (this.conn.connected) void this.flush();
    else this.conn.connect();
  }

  private shopperTyping() {
    if (!this.conn.connected) return;
    const now = Date.now();
    if (now - this.typingSentAt > TYPING_EVERY_MS) {
      this.typingSentAt = now;
      this.conn.typing(true);
    }
    clearTimeout(this.typingIdle);
    this.typingIdle = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  private stopTyping() {
    clearTimeout(this.typingIdle);
    if (this.typingSentAt) {
      this.typingSentAt = 0;
      this.conn.typing(false);
    }
  }

  private async attach(file: File) {
    const t = this.view.strings;
    const max = this.session?.settings?.uploadMaxBytes ?? DEFAULT_UPLOAD_MAX_BYTES;
    const show = (p: UploadProblem) =>
      this.view.setStatus(p === 'tooLarge' ? format(t.tooLarge, { max: formatBytes(max) }) : t[p]);
    const problem = checkImage(file, max);
    if (problem) return show(problem);
    const token = this.session?.visitorToken;
    if (!token || !this.conn.connected) return show('uploadFailed');
    this.view.setStatus(t.uploading, 'info');
    try {
      const up = await uploadImage(this.config.base, this.config.inboxId, token, file);
      this.view.setStatus(null);
      this.send('', undefined, [{ ...up, name: file.name }]);
    } catch (e) {
      show(e instanceof UploadError ? e.problem : 'uploadFailed');
    }
  }

  private async earlier() {
    if (this.loadingEarlier) return;
    this.loadingEarlier = true;
    try {
      const older = await this.conn.history(this.list.oldest(), HISTORY_PAGE);
      if (!older) return;
      this.list.merge(older.messages);
      this.view.setEarlierVisible(older.hasMore);
      this.render({ keepPosition: true });
    } finally {
      this.loadingEarlier = false;
    }
  }
}
