import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BusinessHours } from '@kefu/shared/contracts';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { ExclusiveTransactions } from '@kefu/api/platform/database';
import { AuditService } from '@kefu/api/audit';
import { appendEvents, ConversationEvents, ConversationUpdatedPayload } from '@kefu/api/conversations';
import { openAt } from './business-hours';
import { HandoffRouter, insertNotification } from './handoff-router.service';
import { NotificationsService } from './notifications.service';

/** How often the time limits are checked in worker processes. */
export const SLA_INTERVAL_MS = 30_000;
const BATCH = 100;

/** Conversations past their team's time limit without a human answer (and not escalated within it again). */
const OVERDUE = `
  c.status IN ('pending_human','human') AND c.first_human_reply_at IS NULL AND c.handoff_at IS NOT NULL
  AND t.escalate_after_minutes IS NOT NULL
  AND c.handoff_at <= $1::timestamptz - make_interval(mins => t.escalate_after_minutes)
  AND (c.escalated_at IS NULL OR c.escalated_at <= $1::timestamptz - make_interval(mins => t.escalate_after_minutes))`;

interface Overdue {
  id: string;
  inbox_id: string;
  assignee_id: string | null;
  team_id: string;
  team_name: string;
  escalation_action: 'reassign' | 'notify_lead';
  lead_user_id: string | null;
  escalate_after_minutes: number;
  business_hours: BusinessHours | null;
}

/**
 * Time-based escalation: a hand-off nobody answered within the team's limit is reassigned to
 * another available member (or, when nobody is, the lead is told) or the lead is notified. One
 * short transaction per conversation with its row locked; skipped while the team is closed (the
 * shopper was told when it opens). Runs every 30 s in processes that run the worker.
 */
@Injectable()
export class SlaEscalationService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(SlaEscalationService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tx: ExclusiveTransactions,
    private readonly router: HandoffRouter,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly events: EventEmitter2,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap() {
    if (!this.config.runsWorker) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.runOnce()
        .then(async (n) => (await this.notifications.emitPending(), n))
        .catch((e) => (this.log.warn(`time-limit check failed: ${(e as Error).message}`), 0))
        .finally(() => (this.running = undefined));
    }, SLA_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown() {
    clearInterval(this.timer);
    await this.running;
  }

  /** Escalates what is overdue at `now`; returns how many conversations were escalated. */
  async runOnce(now = new Date()): Promise<number> {
    const candidates = (await this.db.query(
      `SELECT c.id FROM conversations c JOIN teams t ON t.id = c.team_id WHERE ${OVERDUE}
        ORDER BY c.priority DESC, c.handoff_at LIMIT ${BATCH}`,
      [now],
    )) as { id: string }[];
    let escalated = 0;
    for (const { id } of candidates) {
      if (await this.escalate(id, now).catch((e) => (this.log.warn(`conversation ${id} not escalated: ${(e as Error).message}`), false))) escalated++;
    }
    if (escalated) this.log.log(`escalated ${escalated} conversation(s) past their team's time limit`);
    return escalated;
  }

  private async escalate(id: string, now: Date): Promise<boolean> {
    const done = await this.tx.run(async (em) => {
      // Locked and checked again: an agent may have answered or taken it meanwhile.
      const [c] = (await em.query(
        `SELECT c.id, c.inbox_id, c.assignee_id, c.team_id, t.name AS team_name, t.escalation_action, t.lead_user_id,
                t.escalate_after_minutes, t.business_hours
           FROM conversations c JOIN teams t ON t.id = c.team_id
          WHERE c.id = $2 AND ${OVERDUE}
          FOR UPDATE OF c SKIP LOCKED`,
        [now, id],
      )) as Overdue[];
      if (!c || !openAt(c.business_hours, now)) return false;
      let action: 'reassign' | 'notify_lead' = c.escalation_action;
      let to: string | null = null;
      if (action === 'reassign') {
        to = await this.router.pickAssignee(em, c.team_id, { exclude: c.assignee_id ? [c.assignee_id] : [] });
        if (to) {
          await insertNotification(em, { kind: 'escalation', conversationId: c.id, userId: to, message: `reassigned: no answer within ${c.escalate_after_minutes} min` });
        } else action = 'notify_lead';
      }
      if (action === 'notify_lead') {
        await insertNotification(em, {
          kind: 'escalation',
          conversationId: c.id,
          ...(c.lead_user_id ? { userId: c.lead_user_id } : { teamId: c.team_id }),
          message: `no answer within ${c.escalate_after_minutes} min in ${c.team_name}`,
        });
      }
      await em.query(`UPDATE conversations SET escalated_at = $2, assignee_id = $3, updated_at = now() WHERE id = $1`, [c.id, now, to ?? c.assignee_id]);
      const data = { teamId: c.team_id, action, from: c.assignee_id, to };
      await appendEvents(em, { type: 'conversation.escalated', inboxId: c.inbox_id, conversationId: c.id, data });
      await this.audit.record({ actorId: null, action: 'conversation.escalated', targetType: 'conversation', targetId: c.id, data }, em);
      return true;
    });
    if (done) this.events.emit(ConversationEvents.ConversationUpdated, { conversationId: id } satisfies ConversationUpdatedPayload);
    return done;
  }
}
