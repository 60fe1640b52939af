import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { ExclusiveTransactions } from '@kefu/api/platform/database';
import { ConversationEvents } from '@kefu/api/conversations';
import { advanceCursor, CursorState, parseGaps } from './dispatch-cursor';
import { WebhookDeliveryService } from './webhook-delivery.service';
import {
  ConversationRow,
  EventRow,
  fanOut,
  MessageRow,
  WebhookTarget,
  webhookEventsFor,
} from './webhook-events';

/** Events-log rows read per transaction. */
const BATCH = 500;
/** Passes one run makes at most before it lets the timer take over (a backlog is worked through in steps). */
const MAX_PASSES = 20;
/** When another process holds the cursor, look again this soon. */
const BUSY_RETRY_MS = 100;

interface Pass {
  created: string[];
  /** A full batch was read: there may be more. */
  more: boolean;
  /** Another process holds the cursor. */
  busy: boolean;
}

/**
 * Fans the committed events log out to the outbound webhooks (see docs/webhooks.md). Every events-log row
 * a webhook subscribes to becomes one `webhook_deliveries` row, written in the same transaction that moves
 * the cursor, then a `webhook.deliver` job. The cursor remembers ids skipped because their transaction had
 * not committed yet and looks for them again, so a late commit is not lost; a crash before the enqueue
 * leaves `pending` rows that the delivery sweeper enqueues. One process at a time holds the cursor (a row lock).
 *
 * It runs in every process: domain events after commit wake it at once; a timer catches the rest.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(WebhookDispatcher.name);
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** Whether any webhook was enabled at the last pass, and when that was (ms). */
  private anyEnabled = true;
  private checkedAt = 0;

  constructor(
    private readonly tx: ExclusiveTransactions,
    private readonly deliveries: WebhookDeliveryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap() {
    this.timer = setInterval(() => this.poke(), this.config.SWEEPER_INTERVAL_MS);
    this.timer.unref();
    this.poke();
  }

  async onApplicationShutdown() {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  @OnEvent(ConversationEvents.MessageCreated, { async: true, suppressErrors: true })
  @OnEvent(ConversationEvents.MessageUpdated, { async: true, suppressErrors: true })
  @OnEvent(ConversationEvents.ConversationUpdated, { async: true, suppressErrors: true })
  onDomainEvent() {
    // Without webhooks, a pass per message would only move the cursor: leave that to the timer.
    if (!this.anyEnabled && Date.now() - this.checkedAt < this.config.SWEEPER_INTERVAL_MS) return;
    this.poke();
  }

  /** A webhook was created, changed or deleted in this process: look again at once. */
  webhooksChanged(): void {
    this.anyEnabled = true;
    this.poke();
  }

  /** Runs a dispatch soon; calls while one runs make it run once more after. */
  poke(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runUntilIdle().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.poke();
      }
    });
  }

  /** Dispatches until the log is read to its end; answers how many deliveries were created. */
  async dispatch(): Promise<number> {
    let total = 0;
    for (let i = 0; i < MAX_PASSES && !this.stopped; i++) {
      const pass = await this.pass();
      for (const id of pass.created) await this.deliveries.enqueue(id);
      total += pass.created.length;
      if (pass.busy) {
        setTimeout(() => this.poke(), BUSY_RETRY_MS).unref();
        break;
      }
      if (!pass.more) break;
    }
    return total;
  }

  private async runUntilIdle(): Promise<void> {
    try {
      await this.dispatch();
    } catch (e) {
      if (!this.stopped)
        this.log.warn(`webhook dispatch failed: ${(e as Error).message}; retrying on the next tick`);
    }
  }

  private pass(): Promise<Pass> {
    return this.tx.run(async (em) => {
      const state = await this.lockCursor(em);
      if (!state) return { created: [], more: false, busy: true };
      const webhooks: WebhookTarget[] = await em.query(
        `SELECT id, events, created_at FROM webhooks WHERE enabled AND cardinality(events) > 0`,
      );
      this.anyEnabled = webhooks.length > 0;
      this.checkedAt = Date.now();
      if (!webhooks.length) {
        // Nothing subscribes: jump to the end. A webhook created later only gets events from then on.
        await em.query(
          `UPDATE webhook_dispatch_state SET last_event_id = GREATEST(last_event_id, (SELECT COALESCE(max(id), 0) FROM events)), gaps = '[]', updated_at = now() WHERE id = 1`,
        );
        return { created: [], more: false, busy: false };
      }
      const rows: EventRow[] = await em.query(`${SELECT_EVENTS} WHERE id > $1 ORDER BY id LIMIT ${BATCH}`, [
        state.last,
      ]);
      const found: EventRow[] = state.gaps.length
        ? await em.query(`${SELECT_EVENTS} WHERE id = ANY($1::bigint[])`, [state.gaps.map((g) => g.id)])
        : [];
      const next = advanceCursor(
        state,
        rows.map((r) => String(r.id)),
        new Set(found.map((r) => String(r.id))),
        Date.now(),
      );
      const created = await this.fanOut(em, [...found, ...rows], webhooks);
      await em.query(
        `UPDATE webhook_dispatch_state SET last_event_id = $1, gaps = $2::jsonb, updated_at = now() WHERE id = 1`,
        [next.last, JSON.stringify(next.gaps)],
      );
      return { created, more: rows.length === BATCH, busy: false };
    });
  }

  /** The cursor, locked for this transaction; null when another process holds it. */
  private async lockCursor(em: EntityManager): Promise<CursorState | null> {
    type Row = { last_event_id: string; gaps: unknown };
    let rows: Row[] = await em.query(
      `SELECT last_event_id, gaps FROM webhook_dispatch_state WHERE id = 1 FOR UPDATE SKIP LOCKED`,
    );
    if (!rows.length) {
      // Missing (the table was emptied): start from the beginning; events older than a webhook are not sent to it.
      rows = await em.query(
        `INSERT INTO webhook_dispatch_state (id, last_event_id) VALUES (1, 0) ON CONFLICT (id) DO NOTHING RETURNING last_event_id, gaps`,
      );
    }
    return rows.length ? { last: String(rows[0].last_event_id), gaps: parseGaps(rows[0].gaps) } : null;
  }

  private async fanOut(em: EntityManager, rows: EventRow[], webhooks: WebhookTarget[]): Promise<string[]> {
    const relevant = rows.filter((r) => webhookEventsFor(r).length > 0);
    if (!relevant.length) return [];
    const conversationIds = [...new Set(relevant.map((r) => r.conversation_id as string))];
    const messageIds = [...new Set(relevant.map((r) => r.message_id).filter((id): id is string => !!id))];
    // One after the other: a transaction is one session.
    const conversations: ConversationRow[] = await em.query(SELECT_CONVERSATIONS, [conversationIds]);
    const messages: MessageRow[] = messageIds.length ? await em.query(SELECT_MESSAGES, [messageIds]) : [];
    const drafts = fanOut(
      relevant,
      webhooks,
      new Map(conversations.map((c) => [c.id, c])),
      new Map(messages.map((m) => [m.id, m])),
    );
    if (!drafts.length) return [];
    const params: unknown[] = [];
    const values = drafts.map((d) => {
      const at = params.push(
        d.id,
        d.webhookId,
        d.event,
        d.eventKey,
        d.conversationId,
        JSON.stringify(d.payload),
      );
      return `($${at - 5}, $${at - 4}, $${at - 3}, $${at - 2}, $${at - 1}, $${at}::jsonb, 'pending')`;
    });
    const inserted: { id: string }[] = await em.query(
      `INSERT INTO webhook_deliveries (id, webhook_id, event, event_key, conversation_id, payload, status)
       VALUES ${values.join(', ')} ON CONFLICT (webhook_id, event_key) DO NOTHING RETURNING id`,
      params,
    );
    return inserted.map((r) => r.id);
  }
}

const SELECT_EVENTS = `SELECT id, type, inbox_id, conversation_id, message_id, data, created_at FROM events`;

const SELECT_CONVERSATIONS = `
  SELECT c.id, c.inbox_id, i.name AS inbox_name, i.channel, c.status, c.handoff_reason, c.contact_id,
         (SELECT ci.external_id FROM contact_identities ci WHERE ci.contact_id = c.contact_id AND ci.inbox_id = c.inbox_id LIMIT 1) AS external_id
    FROM conversations c JOIN inboxes i ON i.id = c.inbox_id
   WHERE c.id = ANY($1::uuid[])`;

const SELECT_MESSAGES = `
  SELECT id, conversation_id, direction, sender_type, sender_id, text, attachments, content, metadata, locale, created_at
    FROM messages WHERE id = ANY($1::uuid[])`;
