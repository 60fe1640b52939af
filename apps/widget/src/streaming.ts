import type { StreamFrame } from './protocol';

/** After `stream_end`, how long the streamed text waits for its final message before it stays as it is. */
export const STREAM_KEEP_MS = 15_000;
/** A stream that sends nothing for this long (its writer stopped) is withdrawn: the reply comes whole, if at all. */
export const STREAM_IDLE_MS = 30_000;
/** Bounds on what one stream may hold in the page. */
const MAX_TEXT = 20_000;
const MAX_EARLY_FRAMES = 200;
const MAX_FINISHED = 200;

/** `live`: still being written (caret); `ended`: complete, final message awaited; `kept`: it never came. */
export type StreamPhase = 'live' | 'ended' | 'kept';

export interface StreamedReply {
  streamId: string;
  /** The shopper's message it answers, when the server named it. */
  replyTo: string | null;
  text: string;
  phase: StreamPhase;
  /** Client time of its first frame (shown until the final message gives the server's). */
  startedAt: string;
  /** Where it sits when its `replyTo` is unknown: after the newest message shown when it started. */
  after: number;
  /** The last frame applied: frames up to it are dropped as duplicates. */
  seq: number;
  /** Frames that came before one they follow (kept until the gap fills). */
  early: Map<number, string>;
  /** When it becomes `kept` (ended) or is withdrawn (live and silent). */
  deadline: number;
}

/** A usable `stream` frame from the server, or null (old or foreign payloads are ignored). */
export function streamFrameOf(raw: unknown): StreamFrame | null {
  if (!raw || typeof raw !== 'object') return null;
  const f = raw as Record<string, unknown>;
  if (typeof f.streamId !== 'string' || !f.streamId || f.streamId.length > 100) return null;
  if (typeof f.seq !== 'number' || !Number.isInteger(f.seq) || f.seq < 1 || typeof f.delta !== 'string')
    return null;
  return {
    streamId: f.streamId,
    seq: f.seq,
    delta: f.delta,
    ...(typeof f.replyTo === 'string' ? { replyTo: f.replyTo } : {}),
    ...(typeof f.conversationId === 'string' ? { conversationId: f.conversationId } : {}),
  };
}

export const streamIdOf = (raw: unknown): string | null => {
  const id = raw && typeof raw === 'object' ? (raw as { streamId?: unknown }).streamId : undefined;
  return typeof id === 'string' && id && id.length <= 100 ? id : null;
};

/**
 * The bot replies being streamed to this page, token by token. Frames are applied in `seq` order
 * from the first: a duplicate or older frame is dropped, a later one waits for the gap to fill (a
 * page that joined mid-stream shows nothing and gets the final message). A stream ends with its
 * final message (`completed`), is withdrawn (`reset`), or, when the final message is late, stays
 * as text. Every method answers whether what is shown changed.
 */
export class StreamedReplies {
  private readonly streams = new Map<string, StreamedReply>();
  /** Completed or withdrawn: frames still on their way are ignored. */
  private readonly finished = new Set<string>();

  get(streamId: string): StreamedReply | undefined {
    return this.streams.get(streamId);
  }

  /** The streams with something to show, oldest first. */
  shown(): StreamedReply[] {
    return [...this.streams.values()].filter((s) => s.text);
  }

  /** Whether a streamed bubble is being written or awaits its final message (it stands in for "typing"). */
  get writing(): boolean {
    return this.shown().some((s) => s.phase !== 'kept');
  }

  frame(f: StreamFrame, now: number, after: number): boolean {
    if (this.finished.has(f.streamId)) return false;
    let s = this.streams.get(f.streamId);
    if (!s) {
      s = {
        streamId: f.streamId,
        replyTo: f.replyTo ?? null,
        text: '',
        phase: 'live',
        startedAt: new Date(now).toISOString(),
        after,
        seq: 0,
        early: new Map(),
        deadline: now + STREAM_IDLE_MS,
      };
      this.streams.set(f.streamId, s);
    }
    if (s.phase !== 'live' || f.seq <= s.seq) return false;
    s.deadline = now + STREAM_IDLE_MS;
    if (f.seq > s.seq + 1) {
      if (s.early.size < MAX_EARLY_FRAMES) s.early.set(f.seq, f.delta);
      return false;
    }
    const before = s.text;
    s.text += f.delta;
    s.seq = f.seq;
    for (let next = s.early.get(s.seq + 1); next !== undefined; next = s.early.get(s.seq + 1)) {
      s.early.delete(s.seq + 1);
      s.text += next;
      s.seq++;
    }
    if (s.text.length > MAX_TEXT) s.text = s.text.slice(0, MAX_TEXT);
    return s.text !== before;
  }

  /** No more text: the bubble stays (without its caret) until the final message replaces it. */
  end(streamId: string, now: number): boolean {
    const s = this.streams.get(streamId);
    if (!s || s.phase !== 'live') return false;
    if (!s.text) return this.drop(streamId);
    s.phase = 'ended';
    s.early.clear();
    s.deadline = now + STREAM_KEEP_MS;
    return true;
  }

  /** The streamed text is withdrawn: the reply comes whole, if at all. */
  reset(streamId: string): boolean {
    if (this.streams.get(streamId)?.phase === 'kept') return false;
    return this.drop(streamId);
  }

  /** Its final message arrived (live, from history or from a replay): the final one is shown instead. */
  completed(streamId: string): boolean {
    return this.drop(streamId);
  }

  /** Ended streams whose final message is late stay as text; silent live ones are withdrawn. */
  expire(now: number): boolean {
    let changed = false;
    for (const s of [...this.streams.values()]) {
      if (s.phase === 'kept' || s.deadline > now) continue;
      if (s.phase === 'ended') {
        s.phase = 'kept';
        changed = true;
      } else changed = this.drop(s.streamId) || changed;
    }
    return changed;
  }

  /** When `expire` next has something to do. */
  nextDeadline(): number | undefined {
    const due = [...this.streams.values()].filter((s) => s.phase !== 'kept').map((s) => s.deadline);
    return due.length ? Math.min(...due) : undefined;
  }

  private drop(streamId: string): boolean {
    const s = this.streams.get(streamId);
    this.streams.delete(streamId);
    this.finished.add(streamId);
    if (this.finished.size > MAX_FINISHED)
      this.finished.delete(this.finished.values().next().value as string);
    return !!s?.text;
  }
}
