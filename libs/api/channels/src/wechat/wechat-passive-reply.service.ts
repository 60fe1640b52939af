import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { MessageStatus } from '@kefu/shared/contracts';
import { ConversationEvents, DeliveryRecorder, type MessageUpdatedPayload } from '@kefu/api/conversations';
import { OutgoingRow, WechatReplyStore } from './wechat-reply.store';
import { wechatTexts } from './wechat-render';

/** How often the database is asked which waiting pushes the worker has processed (it may be another process). */
export const PASSIVE_POLL_MS = 25;
/** Recent pushes that decide whether waiting is worth it: skip waiting while most of them were answered late. */
const OUTCOMES_KEPT = 50;
const MIN_OUTCOMES = 20;
const LATE_SHARE_TO_SKIP = 0.8;

/**
 * The passive side of a WeChat answer: waits (until `deadline`) for the worker to process an incoming
 * message and, when its answer is exactly one text, claims that reply for the push's own HTTP
 * response. Claiming is the same atomic `pending → delivered` update the customer-service API path
 * makes (DeliveryRecorder), so whichever path claims a reply is the only one that sends it.
 *
 * However many pushes wait, one query per PASSIVE_POLL_MS asks for all of them; a worker in this
 * process wakes its push at once through the in-process MessageUpdated event.
 *
 * When the workers fall behind (most recent answers came after the window), holding WeChat's
 * connection for the whole window only delays the acknowledgement: pushes are then answered `success`
 * at once, while the same poll keeps noting whether their answers would have come in time, so waiting
 * resumes as soon as the workers catch up.
 */
@Injectable()
export class WechatPassiveReplyService implements OnApplicationShutdown {
  private readonly log = new Logger(WechatPassiveReplyService.name);
  private readonly waiters = new Map<string, Set<() => void>>();
  /** Pushes answered at once, watched until their deadline: was the answer in time? */
  private readonly watched = new Map<string, number>();
  /** Recent pushes: true when the worker answered inside the window. */
  private readonly outcomes: boolean[] = [];
  private timer?: NodeJS.Timeout;
  private polling = false;

  constructor(
    private readonly store: WechatReplyStore,
    private readonly recorder: DeliveryRecorder,
  ) {}

  /** The text to answer the push with, or null: answer `success` and let the API path send the replies. */
  async claim(incomingId: string, deadline: number): Promise<string | null> {
    const wait = this.worthWaiting();
    for (;;) {
      const replies = await this.store.repliesTo(incomingId);
      if (replies) {
        this.remember(true);
        return this.claimOnly(replies);
      }
      if (!wait) {
        this.watch(incomingId, deadline);
        return null;
      }
      if (Date.now() >= deadline) {
        this.remember(false);
        return null;
      }
      await this.processedOr(incomingId, deadline);
    }
  }

  onApplicationShutdown() {
    clearTimeout(this.timer);
    this.watched.clear();
    for (const set of this.waiters.values()) for (const wake of set) wake();
  }

  /** In-process wake-up when the worker runs here. */
  @OnEvent(ConversationEvents.MessageUpdated)
  onMessageUpdated(e: MessageUpdatedPayload) {
    this.processed(e.messageId);
  }

  private worthWaiting(): boolean {
    if (this.outcomes.length < MIN_OUTCOMES) return true;
    return this.outcomes.filter((inTime) => !inTime).length / this.outcomes.length < LATE_SHARE_TO_SKIP;
  }

  private remember(inTime: boolean) {
    this.outcomes.push(inTime);
    if (this.outcomes.length > OUTCOMES_KEPT) this.outcomes.shift();
  }

  private async claimOnly(replies: OutgoingRow[]): Promise<string | null> {
    // No reply (a human owns the conversation, or nothing to say), or several: nothing to claim here.
    if (replies.length !== 1) return null;
    const [reply] = replies;
    if (reply.status !== MessageStatus.Pending) return null;
    const texts = wechatTexts(reply);
    if (texts.length !== 1) return null;
    const claimed = await this.recorder.record(reply.id, {
      status: MessageStatus.Delivered,
      attempts: reply.deliveryAttempts + 1,
    });
    return claimed ? texts[0] : null;
  }

  /** Resolves when the message may have been processed, or at the deadline. */
  private processedOr(messageId: string, deadline: number): Promise<void> {
    return new Promise((resolve) => {
      let set = this.waiters.get(messageId);
      if (!set) this.waiters.set(messageId, (set = new Set()));
      const waiting = set;
      const done = () => {
        clearTimeout(timeout);
        waiting.delete(done);
        if (!waiting.size && this.waiters.get(messageId) === waiting) this.waiters.delete(messageId);
        resolve();
      };
      const timeout = setTimeout(done, Math.max(0, deadline - Date.now()));
      waiting.add(done);
      this.schedule();
    });
  }

  private watch(messageId: string, deadline: number) {
    this.watched.set(messageId, deadline);
    this.schedule();
  }

  private processed(messageId: string) {
    if (this.watched.delete(messageId)) this.remember(true);
    for (const wake of [...(this.waiters.get(messageId) ?? [])]) wake();
  }

  private schedule() {
    if (this.polling || this.timer || (!this.waiters.size && !this.watched.size)) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.poll();
    }, PASSIVE_POLL_MS);
  }

  private async poll() {
    this.polling = true;
    try {
      const ids = [...new Set([...this.waiters.keys(), ...this.watched.keys()])];
      for (const id of await this.store.processedAmong(ids)) this.processed(id);
      const now = Date.now();
      for (const [id, deadline] of this.watched) {
        if (deadline > now) continue;
        this.watched.delete(id);
        this.remember(false);
      }
    } catch (e) {
      this.log.warn(`checking for bot replies failed: ${(e as Error).message}`);
    } finally {
      this.polling = false;
      this.schedule();
    }
  }
}
