import type { ReplyStream } from '@kefu/api/conversations';

/** A frame goes out at most this long after the first character waiting in it… */
export const STREAM_FLUSH_MS = 50;
/** …or at once when this many characters wait: a few words per frame, not one socket frame per token. */
export const STREAM_FLUSH_CHARS = 24;

/** The socket events of a streamed reply (docs/widget.md). */
export interface StreamFrame {
  streamId: string;
  conversationId: string;
  /** The shopper's message being answered. */
  replyTo: string;
  /** 1, 2, 3… per frame: a client applies them in order and drops what it already has. */
  seq: number;
  delta: string;
}
export type StreamEvent =
  | { event: 'stream'; payload: StreamFrame }
  | { event: 'stream_end'; payload: { streamId: string } }
  | { event: 'stream_reset'; payload: { streamId: string } };

/**
 * One bot reply shown to a widget shopper while Claude writes it. Deltas are batched into `stream`
 * frames (every 50 ms or 24 characters, whichever comes first), numbered by `seq`; `end` sends what
 * is left and `stream_end`, `reset` drops what is left and sends `stream_reset` (also after `end`: a
 * reply checked once written may still be withdrawn). A stream whose clients never saw a frame ends
 * or resets silently: there is no bubble to finish or withdraw.
 * Never throws into the caller: a lost frame costs a nicety, the complete reply still follows.
 */
export class WidgetReplyStream implements ReplyStream {
  private pending = '';
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private state: 'open' | 'ended' | 'reset' = 'open';

  constructor(
    readonly id: string,
    private readonly target: { conversationId: string; replyTo: string },
    private readonly send: (e: StreamEvent) => void,
  ) {}

  write(delta: string): void {
    if (this.state !== 'open' || typeof delta !== 'string' || !delta) return;
    this.pending += delta;
    if (this.pending.length >= STREAM_FLUSH_CHARS) this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), STREAM_FLUSH_MS);
      this.timer.unref?.();
    }
  }

  end(): void {
    if (this.state !== 'open') return;
    this.flush();
    this.state = 'ended';
    if (this.seq > 0) this.emit({ event: 'stream_end', payload: { streamId: this.id } });
  }

  reset(): void {
    if (this.state === 'reset') return;
    this.clearTimer();
    this.pending = '';
    this.state = 'reset';
    if (this.seq > 0) this.emit({ event: 'stream_reset', payload: { streamId: this.id } });
  }

  private flush(): void {
    this.clearTimer();
    if (!this.pending) return;
    const delta = this.pending;
    this.pending = '';
    this.emit({
      event: 'stream',
      payload: { streamId: this.id, conversationId: this.target.conversationId, replyTo: this.target.replyTo, seq: ++this.seq, delta },
    });
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private emit(e: StreamEvent): void {
    try {
      this.send(e);
    } catch {
      // The broadcaster logs Redis trouble itself; the complete reply is delivered as usual.
    }
  }
}
