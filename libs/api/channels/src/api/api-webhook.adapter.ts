import { Inject, Injectable } from '@nestjs/common';
import { ChannelType, DELIVERY_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '@kefu/shared/contracts';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import type { Inbox } from '@kefu/api/conversations';
import { ChannelAdapter, OutboundDelivery } from '../delivery/channel-adapter';
import { sign } from './signature';

export class WebhookError extends Error {}

/**
 * Delivers replies to the API inbox's callback URL as a signed webhook:
 * `POST <callbackUrl>` with X-Kefu-Timestamp, X-Kefu-Signature (same scheme as inbound pushes)
 * and X-Kefu-Delivery (the message id: receivers dedupe on it).
 */
@Injectable()
export class ApiWebhookAdapter implements ChannelAdapter {
  readonly channel = ChannelType.Api;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canDeliver(inbox: Inbox): boolean {
    return !!inbox.callbackUrl;
  }

  async deliver({ inbox, conversation, message }: OutboundDelivery): Promise<void> {
    const body = JSON.stringify({
      event: 'message.created',
      inboxId: inbox.id,
      conversation: { id: conversation.id, status: conversation.status },
      externalUserId: conversation.contact.externalId,
      message: {
        id: message.id,
        text: message.text,
        senderType: message.senderType,
        attachments: message.attachments,
        // Quick replies and cards: the API channel shows everything (see CHANNEL_CAPABILITIES).
        content: message.content,
        metadata: message.metadata,
        createdAt: message.createdAt,
      },
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    let res: Response;
    try {
      res = await fetch(inbox.callbackUrl as string, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Kefu-Webhook/1',
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: sign(inbox.secret, timestamp, body),
          [DELIVERY_ID_HEADER]: message.id,
        },
        body,
        signal: AbortSignal.timeout(this.config.WEBHOOK_TIMEOUT_MS),
        redirect: 'manual',
      });
    } catch (e) {
      const err = e as Error;
      throw new WebhookError(err.name === 'TimeoutError' ? `callback timed out after ${this.config.WEBHOOK_TIMEOUT_MS} ms` : `callback unreachable: ${err.message}`);
    }
    await res.body?.cancel();
    if (res.status < 200 || res.status >= 300) throw new WebhookError(`callback answered HTTP ${res.status}`);
  }
}
