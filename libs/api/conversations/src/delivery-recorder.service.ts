import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MessageStatus } from '@kefu/shared/contracts';
import { appendEvents } from './events-log';
import { ConversationEvents, MessageUpdatedPayload } from './events/conversation.events';

export interface DeliveryOutcome {
  /** `delivered`, `failed` (for good), `sent` (nothing to deliver to), or `pending` (will retry). */
  status: MessageStatus.Delivered | MessageStatus.Failed | MessageStatus.Sent | MessageStatus.Pending;
  attempts: number;
  error?: string | null;
}

/** TypeORM answers UPDATE … RETURNING on PostgreSQL with [rows, count]. */
const updatedRows = <T>(raw: unknown[]): T[] => (Array.isArray(raw[0]) ? (raw[0] as T[]) : (raw as T[]));

/** Channels report what became of an outgoing message here. */
@Injectable()
export class DeliveryRecorder {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: EventEmitter2,
  ) {}

  /** Records the outcome of a delivery try; a message no longer `pending` is left alone. */
  async record(messageId: string, outcome: DeliveryOutcome): Promise<boolean> {
    const updated = await this.db.transaction(async (em) => {
      const raw: unknown[] = await em.query(
        `UPDATE messages SET status = $2, delivery_attempts = $3, delivery_error = $4,
           delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE delivered_at END, updated_at = now()
         WHERE id = $1 AND status = 'pending' RETURNING conversation_id, inbox_id`,
        [messageId, outcome.status, outcome.attempts, outcome.error ?? null],
      );
      const row = updatedRows<{ conversation_id: string; inbox_id: string }>(raw)[0];
      if (!row) return null;
      if (outcome.status !== MessageStatus.Pending) {
        await appendEvents(em, {
          type: `message.${outcome.status}`,
          inboxId: row.inbox_id,
          conversationId: row.conversation_id,
          messageId,
          data: { attempts: outcome.attempts },
        });
      }
      return row;
    });
    if (!updated) return false;
    this.events.emit(ConversationEvents.MessageUpdated, {
      messageId,
      conversationId: updated.conversation_id,
      inboxId: updated.inbox_id,
      direction: 'outgoing',
    } satisfies MessageUpdatedPayload);
    return true;
  }

  /** Puts a failed outgoing message back to `pending` so its channel tries again (dead-letter replay). */
  async requeue(messageId: string): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE messages SET status = 'pending', delivery_error = NULL, updated_at = now() WHERE id = $1 AND status = 'failed' RETURNING id`,
      [messageId],
    );
    return updatedRows(rows).length > 0;
  }
}
