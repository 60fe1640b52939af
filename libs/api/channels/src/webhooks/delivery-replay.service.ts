import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DeliveryFailureRef, MessageDirection, MessageStatus, ReplayResultDto } from '@kefu/shared/contracts';
import { ConversationsService, DeliveryRecorder } from '@kefu/api/conversations';
import { DeliveryService } from '../delivery/delivery.service';
import { returnedRows, WebhookDeliveryService } from './webhook-delivery.service';

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
const replayJobId = (id: string) => `${id}:replay:${randomUUID().slice(0, 8)}`;

/**
 * Puts a failure back in the queue: a dead webhook delivery becomes `pending` again, a failed message too,
 * each with a new job (the old job id is spent). Anything else is a conflict, said plainly. When the queue
 * cannot be reached, the row goes back to how it was.
 */
@Injectable()
export class DeliveryReplayService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly webhookDeliveries: WebhookDeliveryService,
    private readonly channelDelivery: DeliveryService,
    private readonly recorder: DeliveryRecorder,
    private readonly conversations: ConversationsService,
  ) {}

  async replay(ref: DeliveryFailureRef): Promise<ReplayResultDto> {
    if (!isUuid(ref.id)) return { ...ref, outcome: 'not_found', message: `no ${ref.kind} failure ${ref.id}` };
    return ref.kind === 'webhook' ? this.replayWebhook(ref) : this.replayMessage(ref);
  }

  private async replayWebhook(ref: DeliveryFailureRef): Promise<ReplayResultDto> {
    const raw: unknown[] = await this.db.query(
      `UPDATE webhook_deliveries d SET status = 'pending', updated_at = now()
         FROM webhooks w WHERE w.id = d.webhook_id AND d.id = $1 AND d.status = 'dead' AND w.enabled RETURNING d.id`,
      [ref.id],
    );
    if (!returnedRows(raw).length) return this.webhookConflict(ref);
    if (await this.webhookDeliveries.enqueue(ref.id, replayJobId(ref.id))) {
      return { ...ref, outcome: 'queued', message: 'queued for delivery again' };
    }
    await this.db.query(
      `UPDATE webhook_deliveries SET status = 'dead', updated_at = now() WHERE id = $1 AND status = 'pending'`,
      [ref.id],
    );
    return {
      ...ref,
      outcome: 'unavailable',
      message: 'the queue cannot be reached right now; nothing was replayed, try again',
    };
  }

  private async webhookConflict(ref: DeliveryFailureRef): Promise<ReplayResultDto> {
    const [row]: {
      status: string;
      delivered_at: Date | null;
      attempts: number;
      enabled: boolean;
      name: string;
    }[] = await this.db.query(
      `SELECT d.status, d.delivered_at, d.attempts, w.enabled, w.name FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = $1`,
      [ref.id],
    );
    if (!row)
      return {
        ...ref,
        outcome: 'not_found',
        message: `webhook delivery ${ref.id} does not exist (its webhook may have been deleted)`,
      };
    if (row.status === 'delivered') {
      return {
        ...ref,
        outcome: 'conflict',
        message: `already delivered${row.delivered_at ? ` at ${new Date(row.delivered_at).toISOString()}` : ''}; nothing to replay`,
      };
    }
    if (row.status === 'pending') {
      return {
        ...ref,
        outcome: 'conflict',
        message: `already queued for delivery (${row.attempts} tries so far); wait for it to succeed or give up`,
      };
    }
    return {
      ...ref,
      outcome: 'conflict',
      message: `webhook "${row.name}" is disabled; enable it, then replay`,
    };
  }

  private async replayMessage(ref: DeliveryFailureRef): Promise<ReplayResultDto> {
    const message = await this.conversations.message(ref.id);
    if (!message || message.direction !== MessageDirection.Outgoing) {
      return { ...ref, outcome: 'not_found', message: `no outgoing message ${ref.id}` };
    }
    if (!(await this.recorder.requeue(ref.id))) {
      const now = await this.conversations.message(ref.id);
      const status = now?.status ?? message.status;
      if (status === MessageStatus.Pending)
        return {
          ...ref,
          outcome: 'conflict',
          message: 'already queued for delivery; wait for it to succeed or fail',
        };
      return {
        ...ref,
        outcome: 'conflict',
        message: `already ${status === MessageStatus.Sent ? 'sent' : 'delivered'}; nothing to replay`,
      };
    }
    if (await this.channelDelivery.enqueue(ref.id, replayJobId(ref.id))) {
      return { ...ref, outcome: 'queued', message: 'queued for delivery again' };
    }
    await this.recorder.record(ref.id, {
      status: MessageStatus.Failed,
      attempts: message.deliveryAttempts,
      error: message.deliveryError,
    });
    return {
      ...ref,
      outcome: 'unavailable',
      message: 'the queue cannot be reached right now; nothing was replayed, try again',
    };
  }
}
