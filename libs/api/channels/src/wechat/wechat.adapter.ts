import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ChannelType, MessageStatus } from '@kefu/shared/contracts';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { DeliveryRecorder, type Inbox } from '@kefu/api/conversations';
import type { ChannelAdapter, OutboundDelivery } from '../delivery/channel-adapter';
import { DeliveryService } from '../delivery/delivery.service';
import { WechatApiClient } from './wechat-api.client';
import { wechatInbox } from './wechat-inbox';
import { WechatReplyStore } from './wechat-reply.store';
import { wechatTexts } from './wechat-render';

/** Extra wait after a push's passive window, for the push's own HTTP answer to finish claiming. */
export const PASSIVE_GRACE_MS = 250;
/** How often a waiting delivery checks whether the passive reply took the message meanwhile. */
const WAIT_POLL_MS = 50;
/** Parts of split replies already sent, kept across retries in this process so a retry resumes. */
const MAX_PROGRESS = 10_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends replies through WeChat's customer-service message API (POST /cgi-bin/message/custom/send),
 * rendered for WeChat (cards as lines, quick replies as a numbered list, split under the length limit).
 *
 * Exactly once, with the push's passive reply as the other possible sender: a reply is only sent
 * after claiming it (`pending → delivered`, atomic), and a reply to an Official Account push is only
 * claimed once that push's passive window (WECHAT_PASSIVE_REPLY_MS after it was stored) has passed.
 * Earlier pending replies of the conversation go first, in order. When WeChat refuses or times out,
 * the reply goes back to `pending` and the error makes the delivery job retry with backoff.
 */
@Injectable()
export class WechatAdapter implements ChannelAdapter, OnModuleInit {
  readonly channel = ChannelType.Wechat;
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly progress = new Map<string, number>();

  constructor(
    private readonly delivery: DeliveryService,
    private readonly api: WechatApiClient,
    private readonly store: WechatReplyStore,
    private readonly recorder: DeliveryRecorder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit() {
    this.delivery.register(this);
  }

  canDeliver(inbox: Inbox): boolean {
    try {
      return !!wechatInbox(inbox).appSecret;
    } catch {
      return false;
    }
  }

  async deliver({ inbox, conversation, message }: OutboundDelivery): Promise<void> {
    const wechat = wechatInbox(inbox);
    const openId = conversation.contact.externalId;
    if (!openId) throw new Error(`conversation ${conversation.id} has no WeChat OpenID to send to`);
    const passiveMs = wechat.kind === 'official_account' ? this.config.WECHAT_PASSIVE_REPLY_MS : 0;
    // One conversation at a time in this process, so that its replies leave in order.
    await this.serially(conversation.id, async () => {
      const batch = await this.store.pendingUpTo(message.id, passiveMs);
      const start = Date.now();
      for (const reply of batch) {
        if (reply.waitMs > 0 && !(await this.outwait(reply.id, start + reply.waitMs + PASSIVE_GRACE_MS)))
          continue;
        const claimed = await this.recorder.record(reply.id, {
          status: MessageStatus.Delivered,
          attempts: reply.deliveryAttempts + 1,
        });
        if (!claimed) continue; // the passive reply (or another worker) has it
        const texts = wechatTexts(reply);
        try {
          for (let i = this.progress.get(reply.id) ?? 0; i < texts.length; i++) {
            await this.api.sendText(wechat, openId, texts[i]);
            this.remember(reply.id, i + 1);
          }
          this.progress.delete(reply.id);
        } catch (e) {
          await this.store.release(reply.id);
          throw e;
        }
      }
    });
  }

  /**
   * Waits until `until` while the passive reply may still take the message; false as soon as it
   * has (the message left `pending`), so the job does not sit out the whole window for nothing.
   */
  private async outwait(messageId: string, until: number): Promise<boolean> {
    for (;;) {
      const left = until - Date.now();
      if (left <= 0) return true;
      await sleep(Math.min(WAIT_POLL_MS, left));
      if (!(await this.store.isPending(messageId))) return false;
    }
  }

  private remember(id: string, sent: number) {
    if (this.progress.size >= MAX_PROGRESS) this.progress.delete(this.progress.keys().next().value as string);
    this.progress.set(id, sent);
  }

  private serially<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const run = previous.then(work, work);
    const tail = run.catch(() => undefined);
    this.queues.set(key, tail);
    void tail.then(() => {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    });
    return run;
  }
}
