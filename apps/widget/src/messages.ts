import type { QuickReply, StreamFrame, WidgetAttachment, WidgetMessage } from './protocol';
import { StreamedReplies, type StreamedReply, type StreamPhase } from './streaming';

/** A message as the widget shows it: confirmed by the server, or still the shopper's local copy. */
export interface ViewMessage extends WidgetMessage {
  /** `pending`: not acknowledged yet (kept in the outbox, resent after a reconnect); `failed`: refused. */
  state: 'sent' | 'pending' | 'failed';
  error?: string;
  /** Set on a bot reply shown while it is streamed (not a stored message: no read receipt, no paging). */
  stream?: StreamPhase;
}

const time = (iso: string) => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
};

/** `<id>#n` is part n of a long reply; `<id>` part 1. */
const partOf = (id: string) => Number(id.split('#')[1] ?? 1) || 1;
const storedId = (id: string) => id.split('#')[0];

const streamView = (s: StreamedReply): ViewMessage => ({
  id: `stream:${s.streamId}`,
  clientId: null,
  direction: 'outgoing',
  senderType: 'bot',
  text: s.text,
  attachments: [],
  content: null,
  createdAt: s.startedAt,
  readAt: null,
  streamId: s.streamId,
  state: 'sent',
  stream: s.phase,
});

/**
 * The conversation as shown: server messages in time order, deduplicated by id (a replay after a
 * reconnect, the same message from the socket and an acknowledgement), followed by the shopper's
 * pending messages in the order they were written. A server message carrying a pending message's
 * `clientId` replaces it. A bot reply being streamed sits after the message it answers; its final
 * message (same `streamId`) takes its place, where the shopper was already reading it.
 */
export class MessageList {
  private confirmed = new Map<string, ViewMessage>();
  private pending = new Map<string, ViewMessage>();
  private readonly streams = new StreamedReplies();
  /** Stored ids of replies that replaced a streamed bubble → the place that bubble had. */
  private readonly places = new Map<string, number>();
  /** A read receipt for a message not loaded yet: applied when it arrives. */
  private readUpTo: string | null = null;
  private ordered: ViewMessage[] | null = null;

  /** Every message in display order. */
  get items(): readonly ViewMessage[] {
    if (!this.ordered) {
      const placed = [...this.confirmed.values()].map((m) => {
        const place = this.places.get(storedId(m.id));
        return { m, at: place === undefined ? time(m.createdAt) : place + partOf(m.id) * 1e-3, rank: 0 };
      });
      for (const s of this.streams.shown()) placed.push({ m: streamView(s), at: this.placeOf(s), rank: 1 });
      placed.sort((a, b) => a.at - b.at || a.rank - b.rank);
      this.ordered = [...placed.map((p) => p.m), ...this.pending.values()];
    }
    return this.ordered;
  }

  get size(): number {
    return this.confirmed.size + this.pending.size + this.streams.shown().length;
  }

  /** Just after the message it answers (once that is confirmed), else after what was shown when it started. */
  private placeOf(s: StreamedReply): number {
    const answered = s.replyTo ? this.confirmed.get(s.replyTo) : undefined;
    return (answered ? time(answered.createdAt) : s.after) + 0.5;
  }

  /** A `stream` frame: returns whether the streamed text changed. */
  streamFrame(f: StreamFrame, now = Date.now()): boolean {
    return this.changed(this.streams.frame(f, now, time(this.lastSeenAt() ?? '')));
  }

  streamEnd(streamId: string, now = Date.now()): boolean {
    return this.changed(this.streams.end(streamId, now));
  }

  streamReset(streamId: string): boolean {
    return this.changed(this.streams.reset(streamId));
  }

  /** Late final messages and silent streams (see StreamedReplies.expire). */
  expireStreams(now = Date.now()): boolean {
    return this.changed(this.streams.expire(now));
  }

  nextStreamDeadline(): number | undefined {
    return this.streams.nextDeadline();
  }

  /** Whether a streamed reply stands in for the "typing" dots. */
  get streaming(): boolean {
    return this.streams.writing;
  }

  private changed(changed: boolean): boolean {
    if (changed) this.ordered = null;
    return changed;
  }

  /**
   * Adds or updates server messages. Returns those that were not shown before (neither by id nor
   * as a pending copy), so the caller can announce them.
   */
  merge(messages: readonly WidgetMessage[]): WidgetMessage[] {
    const added: WidgetMessage[] = [];
    for (const m of messages) {
      if (!m || typeof m.id !== 'string') continue;
      const known = this.confirmed.get(m.id);
      const local = m.clientId ? this.pending.get(m.clientId) : undefined;
      if (local) this.pending.delete(m.clientId as string);
      if (m.streamId) {
        const streamed = this.streams.get(m.streamId);
        if (streamed?.text) this.places.set(storedId(m.id), this.placeOf(streamed));
        this.streams.completed(m.streamId);
      }
      const readAt = m.readAt ?? known?.readAt ?? null;
      this.confirmed.set(m.id, { ...m, attachments: m.attachments ?? [], readAt, state: 'sent' });
      if (!known && !local) added.push(m);
    }
    if (this.readUpTo && this.confirmed.has(this.readUpTo)) this.markRead(this.readUpTo);
    this.ordered = null;
    return added;
  }

  /** The server sent the latest history instead of a replay: it replaces what is shown (pending messages stay). */
  replace(messages: readonly WidgetMessage[]): WidgetMessage[] {
    const before = new Set(this.confirmed.keys());
    this.confirmed.clear();
    this.ordered = null;
    return this.merge(messages).filter((m) => !before.has(m.id));
  }

  /** The shopper's message as written, shown at once and until the server acknowledges it. */
  addPending(m: {
    clientId: string;
    text: string;
    attachments?: WidgetAttachment[];
    createdAt: string;
  }): ViewMessage {
    const view: ViewMessage = {
      id: `local:${m.clientId}`,
      clientId: m.clientId,
      direction: 'incoming',
      senderType: 'contact',
      text: m.text,
      attachments: m.attachments ?? [],
      content: null,
      createdAt: m.createdAt,
      readAt: null,
      state: 'pending',
    };
    this.pending.set(m.clientId, view);
    this.ordered = null;
    return view;
  }

  hasClientId(clientId: string): boolean {
    if (this.pending.has(clientId)) return true;
    for (const m of this.confirmed.values()) if (m.clientId === clientId) return true;
    return false;
  }

  /** The server refused the message (too long, empty): it stays visible, marked, with a retry. */
  fail(clientId: string, error: string): void {
    const m = this.pending.get(clientId);
    if (!m) return;
    this.pending.set(clientId, { ...m, state: 'failed', error });
    this.ordered = null;
  }

  /** Back to pending (a retry). */
  retry(clientId: string): void {
    const m = this.pending.get(clientId);
    if (!m) return;
    this.pending.set(clientId, { ...m, state: 'pending', error: undefined });
    this.ordered = null;
  }

  remove(clientId: string): void {
    if (this.pending.delete(clientId)) this.ordered = null;
  }

  /** An agent read the shopper's messages up to and including `upTo`. Returns whether anything changed. */
  markRead(upTo: string, at = new Date().toISOString()): boolean {
    const target = this.confirmed.get(upTo);
    if (!target) {
      this.readUpTo = upTo;
      return false;
    }
    this.readUpTo = null;
    let changed = false;
    for (const [id, m] of this.confirmed) {
      if (m.senderType === 'contact' && !m.readAt && time(m.createdAt) <= time(target.createdAt)) {
        this.confirmed.set(id, { ...m, readAt: at });
        changed = true;
      }
    }
    if (changed) this.ordered = null;
    return changed;
  }

  /** Time of the newest confirmed message: the server replays everything after it on reconnect. */
  lastSeenAt(): string | undefined {
    let best: ViewMessage | undefined;
    for (const m of this.confirmed.values()) if (!best || time(m.createdAt) > time(best.createdAt)) best = m;
    return best?.createdAt;
  }

  /** The oldest confirmed message: where "show earlier messages" continues from. */
  oldest(): { id: string; createdAt: string } | undefined {
    let best: ViewMessage | undefined;
    for (const m of this.confirmed.values()) if (!best || time(m.createdAt) < time(best.createdAt)) best = m;
    // A long reply split in parts is `<id>#2`, `<id>#3`: the stored message is `<id>`.
    return best ? { id: best.id.split('#')[0], createdAt: best.createdAt } : undefined;
  }

  /** The id of the newest message from the bot or an agent: what a `read` receipt reports. */
  lastReplyId(): string | undefined {
    const sent = this.items.filter((m) => m.state === 'sent' && m.senderType !== 'contact' && !m.stream);
    return sent[sent.length - 1]?.id;
  }

  /** The shopper's newest confirmed message when the shop has read it: where "Read" is shown. */
  readReceiptId(): string | undefined {
    const own = this.items.filter((m) => m.senderType === 'contact' && m.state === 'sent');
    const last = own[own.length - 1];
    return last?.readAt ? last.id : undefined;
  }

  /** The quick replies on offer: those of the last message, while it is the bot's or an agent's. */
  quickReplies(): QuickReply[] {
    const last = this.items[this.items.length - 1];
    if (!last || last.senderType === 'contact' || last.state !== 'sent' || last.stream) return [];
    return (last.content?.quickReplies ?? []).filter(
      (q) => q && typeof q.label === 'string' && q.label.trim(),
    );
  }
}
