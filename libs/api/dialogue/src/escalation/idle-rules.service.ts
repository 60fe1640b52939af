import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConversationStatus, MessageDirection, MessageStatus, SenderType } from '@kefu/shared/contracts';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { appendEvents, Conversation, ConversationEvents, EventRecord, Message, MessageCreatedPayload, preview } from '@kefu/api/conversations';
import { EscalationPolicy, HandoffRequest, HandoffRouter } from '@kefu/api/handoff';
import { localeOf, regionOf, TIMEZONES } from '../engine/vocab';
import { DialogueStateStore } from '../state/dialogue-state.store';
import type { Reply } from '../templates/reply';
import { EscalationFlow } from './escalation-flow.service';
import { absorb, emptyPlan, finalRequest, refine, requestOf } from './escalation-plan';
import { notifyWithoutHandoff } from './rule-notifications';
import { restart } from './restart';

const INTERVAL_MS = 60_000;
const BATCH = 200;

interface Candidate {
  id: string;
  inbox_id: string;
  contact_id: string;
  channel: string;
  customer_ref: string | null;
  last_message_at: Date;
  team_id: string | null;
}

/**
 * `conversation_idle` rules: every minute (worker processes), bot conversations silent for at least
 * the smallest idle time the enabled idle rules name (or the settings' idleMinutes), and not looked
 * at since their last message, are evaluated once; their templates are sent, tags and priority
 * set, notifications written, and a hand-off routed. Facts and texts are worked out before each
 * conversation's transaction (the embedded database has one connection).
 */
@Injectable()
export class IdleRulesService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(IdleRulesService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly policy: EscalationPolicy,
    private readonly escalation: EscalationFlow,
    private readonly router: HandoffRouter,
    private readonly store: DialogueStateStore,
    private readonly events: EventEmitter2,
  ) {}

  onApplicationBootstrap() {
    if (!this.config.runsWorker) return;
    this.timer = setInterval(() => {
      if (!this.running) {
        this.running = this.runOnce()
          .catch((e) => (this.log.warn(`idle rules failed: ${(e as Error).message}`), 0))
          .finally(() => (this.running = undefined));
      }
    }, INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown() {
    clearInterval(this.timer);
    await this.running;
  }

  /** Evaluates the idle conversations once; returns how many conversations a rule acted on. */
  async runOnce(now = new Date()): Promise<number> {
    const rules = (await this.policy.rules()).filter((r) => r.enabled && r.event === 'conversation_idle');
    if (!rules.length) return 0;
    const settings = await this.policy.settings();
    const named = rules.flatMap((r) => r.conditions.filter((c) => c.field === 'idle_minutes' && typeof c.value === 'number').map((c) => c.value as number));
    const minutes = named.length ? Math.min(...named) : settings.idleMinutes;
    const rows = (await this.db.query(
      `SELECT c.id, c.inbox_id, c.contact_id, i.channel, ct.customer_ref, c.last_message_at, c.team_id
         FROM conversations c JOIN inboxes i ON i.id = c.inbox_id JOIN contacts ct ON ct.id = c.contact_id
        WHERE c.status = 'bot' AND c.last_message_at < $1
          AND (c.idle_checked_at IS NULL OR c.idle_checked_at < c.last_message_at)
        ORDER BY c.last_message_at LIMIT ${BATCH}`,
      [new Date(now.getTime() - minutes * 60_000)],
    )) as Candidate[];
    let acted = 0;
    for (const row of rows) {
      try {
        if (await this.one(row, now)) acted++;
      } catch (err) {
        this.log.warn(`idle rules for conversation ${row.id} failed: ${(err as Error).message}`);
      }
    }
    return acted;
  }

  private async one(row: Candidate, now: Date): Promise<boolean> {
    const lastAt = new Date(row.last_message_at);
    const state = await this.store.load(this.db.manager, row.id);
    const lang = state.context.language ?? 'zh';
    const region = regionOf(null, lang);
    const to = { locale: localeOf(lang), region, timezone: TIMEZONES[region ?? 'CN'] ?? 'Asia/Shanghai' };
    const esc = await this.escalation.context({
      contactId: row.contact_id,
      customerRef: row.customer_ref ?? state.context.customerRef ?? null,
      lastOrderNumber: state.lastOrderNumber,
      channel: row.channel,
      region,
      now,
    });
    const idleMinutes = Math.floor((now.getTime() - lastAt.getTime()) / 60_000);
    const facts = { text: '', nlu: null, misunderstandings: state.misunderstandings, idleMinutes };
    const { decision } = await this.escalation.evaluate('conversation_idle', esc, facts);
    let plan = absorb(emptyPlan(), decision);
    if (decision.handoff) {
      plan = { ...plan, handoff: requestOf(decision.handoff, esc.vip) };
      const routing = await this.escalation.evaluate('handoff', esc, { ...facts, handoffReason: decision.handoff.reason });
      plan = { ...absorb(plan, routing.decision), handoff: refine(plan.handoff as HandoffRequest, routing.decision) };
    }
    const replies: Reply[] = plan.handoff
      ? (await this.escalation.handoffReplies(plan, { id: row.id, teamId: row.team_id }, now, to)).replies
      : await this.escalation.templatesOf(plan.templates, to);
    const request = finalRequest(plan);

    const outcome = await this.db.transaction(async (em) => {
      const c = await em.findOne(Conversation, { where: { id: row.id }, lock: { mode: 'pessimistic_write' } });
      // Someone wrote (or a human took it) meanwhile: the next round looks again.
      if (!c || c.status !== ConversationStatus.Bot || c.lastMessageAt.getTime() !== lastAt.getTime()) return null;
      const events: EventRecord[] = [];
      const sent: Message[] = [];
      for (const r of replies) {
        if (!r.text.trim()) continue;
        sent.push(
          await em.save(
            em.create(Message, {
              conversationId: c.id,
              inboxId: c.inboxId,
              direction: MessageDirection.Outgoing,
              senderType: SenderType.Bot,
              text: r.text,
              attachments: [],
              metadata: { idleRules: decision.fired.join(',') },
              content: r.quickReplies?.length ? { quickReplies: r.quickReplies } : null,
              autoReplyKind: null,
              status: MessageStatus.Pending,
              sentAt: now,
            }),
          ),
        );
      }
      if (request) {
        await this.router.route(em, c, request, now, events);
        await this.store.save(em, restart(state));
      } else {
        if (plan.tags.length) c.tags = [...new Set([...(c.tags ?? []), ...plan.tags])];
        if (plan.priority) c.priority = Math.max(c.priority, { low: 1, normal: 2, high: 3, urgent: 4 }[plan.priority]);
        if (plan.notify.length) await notifyWithoutHandoff(em, c, plan.notify);
      }
      if (sent.length) {
        const last = sent[sent.length - 1];
        c.messageCount += sent.length;
        c.lastMessageAt = last.createdAt;
        c.lastMessagePreview = preview(last.text, 0);
      }
      const checkedAt = new Date(Math.max(now.getTime(), c.lastMessageAt.getTime()));
      await em.update(Conversation, { id: c.id }, {
        status: c.status,
        handoffReason: c.handoffReason,
        handoffAt: c.handoffAt,
        teamId: c.teamId,
        assigneeId: c.assigneeId,
        priority: c.priority,
        tags: c.tags,
        escalatedAt: c.escalatedAt,
        firstHumanReplyAt: c.firstHumanReplyAt,
        messageCount: c.messageCount,
        lastMessageAt: c.lastMessageAt,
        lastMessagePreview: c.lastMessagePreview,
        idleCheckedAt: checkedAt,
      });
      const base = { inboxId: c.inboxId, conversationId: c.id };
      await appendEvents(
        em,
        ...(decision.fired.length ? [{ ...base, type: 'rules.idle', data: { rules: decision.fired, idleMinutes } }] : []),
        ...sent.map((m) => ({ ...base, type: 'bot.replied', messageId: m.id, data: { autoReplyKind: null } })),
        ...events.map((e) => ({ ...base, ...e })),
        ...(c.status !== ConversationStatus.Bot ? [{ ...base, type: 'conversation.status_changed', data: { from: ConversationStatus.Bot, to: c.status } }] : []),
      );
      return { c, sent, changed: !!decision.fired.length };
    });
    if (!outcome) return false;
    for (const m of outcome.sent) {
      this.events.emit(ConversationEvents.MessageCreated, { messageId: m.id, conversationId: m.conversationId, inboxId: m.inboxId, direction: 'outgoing' } satisfies MessageCreatedPayload);
    }
    if (outcome.changed) this.events.emit(ConversationEvents.ConversationUpdated, { conversationId: outcome.c.id });
    return outcome.changed;
  }
}
