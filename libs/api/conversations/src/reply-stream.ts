import { Injectable, Logger } from '@nestjs/common';

/**
 * Streaming a bot reply while it is being written (Claude, token by token). The dialogue stage
 * opens a stream for the message it is answering; a channel that can show partial text (the web
 * widget) returns one, others return null and get the complete reply as usual. The complete reply is
 * still persisted and delivered as a normal message whose `metadata.streamId` names the stream, so a
 * client replaces the streamed bubble with it; a stream that is `reset` never becomes a message.
 */
export interface ReplyStream {
  readonly id: string;
  /** The next piece of the reply's text (already free of placeholders). */
  write(delta: string): void;
  /** Withdraw what was shown: the reply will come whole (or not at all). */
  reset(): void;
  /** No more deltas; the final message follows with `metadata.streamId = id`. */
  end(): void;
}

export interface ReplyStreamTarget {
  inboxId: string;
  channel: string;
  conversationId: string;
  contactId: string;
  /** The shopper's message being answered. */
  replyTo: string;
}

/** A channel that can show a reply while it is written (the widget registers one). */
export interface ReplyStreamer {
  readonly channel: string;
  /** A stream to the shopper's open clients, or null (nobody connected, or the inbox does not stream). */
  open(target: ReplyStreamTarget): Promise<ReplyStream | null>;
}

/**
 * Where the dialogue stage opens reply streams. Channel adapters register their streamer at start
 * (the widget does); a channel without one gets null, i.e. the complete reply only.
 */
@Injectable()
export class ReplyStreams {
  private readonly log = new Logger(ReplyStreams.name);
  private readonly streamers = new Map<string, ReplyStreamer>();

  register(streamer: ReplyStreamer): void {
    this.streamers.set(streamer.channel, streamer);
  }

  /** Whether this channel can stream at all (cheap; no I/O). */
  supports(channel: string): boolean {
    return this.streamers.has(channel);
  }

  async open(target: ReplyStreamTarget): Promise<ReplyStream | null> {
    const s = this.streamers.get(target.channel);
    if (!s) return null;
    try {
      return await s.open(target);
    } catch (err) {
      // Streaming is a nicety: the complete reply is delivered as usual.
      this.log.warn(`could not open a reply stream on ${target.channel}: ${(err as Error).message}`);
      return null;
    }
  }
}
