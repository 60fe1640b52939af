import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChannelType, MessageContent, NluResult, Priority, PRIORITY_RANK } from '@kefu/shared/contracts';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { COMMERCE_CONNECTOR, CommerceConnector } from '@kefu/api/commerce';
import { Observation, PrepareInput, ProcessingContext, ProcessingPipeline, ProcessingStage, ReplyDraft } from '@kefu/api/conversations';
import { HandoffRequest, HandoffRouter, KillSwitchService } from '@kefu/api/handoff';
import { KnowledgeService, UnknownQuestionsService } from '@kefu/api/knowledge';
import { NluService } from '@kefu/api/nlu';
import { ContactProfileService } from '../profile/contact-profile.service';
import { DialogueStateStore } from '../state/dialogue-state.store';
import type { DialogueState } from '../state/slots';
import { DialogueTemplatesService } from '../templates/dialogue-templates.service';
import type { Reply } from '../templates/reply';
import { EscalationFlow, HANDOFF_MESSAGE_KEYS } from '../escalation/escalation-flow.service';
import { absorb, emptyPlan, EscalationPlan, engineRequest, finalRequest, refine, requestOf } from '../escalation/escalation-plan';
import { notifyWithoutHandoff } from '../escalation/rule-notifications';
import { handedBackSince, restart } from '../escalation/restart';
import { ClaudeTurns, ClaudeTurnNote, ClassificationNote } from '../claude/claude-turns';
import { DialogueEngine, HANDLED_INTENTS } from './dialogue-engine';
import type { HandoffReason, Turn, TurnOutcome } from './turn';
import { hasWords, localeOf, pickLang, regionOf, TIMEZONES } from './vocab';

/** What `prepare` worked out, written by `run` inside the turn's transaction. */
export interface PreparedTurn {
  nlu: NluResult;
  state: DialogueState;
  replies: ReplyDraft[];
  intent: string;
  outcome: TurnOutcome;
  handoff: HandoffReason | null;
  orderNumber: string | null;
  productId: string | null;
  /** The shop customer the contact turned out to be (a verified login or an order proved). */
  customerRef: string | null;
  contactId: string;
  /** The escalation rules' decision for this turn: the hand-off request (routed in `run`), tags, priority. */
  escalation: { request: HandoffRequest | null; tags: string[]; priority: Priority | null; notify: EscalationPlan['notify']; fired: string[] };
  /** What Claude did in this turn (classified the message, wrote the reply, or why the offline answer stands). */
  claude: { classified: ClassificationNote | null; answer: Omit<ClaudeTurnNote, 'reply'> | null };
}

/** Channels whose pushes are signed by the shop's own systems: their `customerRef` is a verified login. */
const TRUSTED_IDENTITY_CHANNELS = new Set<string>([ChannelType.Api]);

/**
 * The dialogue engine as the pipeline's main stage (after the inbox's auto-replies). Everything
 * slow happens in `prepare`: the language engine, the knowledge base, the order system (and an
 * unanswered question queued for the admins). `run` writes the reading, the state, the outcome
 * and any hand-off with the replies, in the worker's transaction.
 */
@Injectable()
export class DialogueStage implements ProcessingStage, OnModuleInit {
  readonly name = 'dialogue';
  readonly order = 50;
  private readonly log = new Logger(DialogueStage.name);
  private readonly engine: DialogueEngine;

  constructor(
    private readonly pipeline: ProcessingPipeline,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly nlu: NluService,
    private readonly store: DialogueStateStore,
    private readonly profiles: ContactProfileService,
    private readonly unknown: UnknownQuestionsService,
    private readonly escalation: EscalationFlow,
    private readonly router: HandoffRouter,
    private readonly killSwitch: KillSwitchService,
    private readonly claude: ClaudeTurns,
    templates: DialogueTemplatesService,
    knowledge: KnowledgeService,
    @Inject(COMMERCE_CONNECTOR) commerce: CommerceConnector,
  ) {
    this.engine = new DialogueEngine({
      templates,
      commerce,
      knowledge,
      profile: (contactId, customerRef) => this.profiles.profile(contactId, customerRef),
    });
  }

  onModuleInit() {
    if (this.config.DIALOGUE_ENGINE === 'on') this.pipeline.use(this);
  }

  async prepare({ inbox, conversation, message, now }: PrepareInput): Promise<PreparedTurn | null> {
    // A tapped quick reply carries its payload; the label is what the transcript shows.
    const tapped = typeof message.metadata?.['quickReply'] === 'string' ? (message.metadata['quickReply'] as string) : '';
    const text = (tapped || message.text).trim();
    if (!text) return null;
    const [loaded, contactRows, settings] = await Promise.all([
      this.store.load(this.db.manager, conversation.id),
      this.db.query(`SELECT customer_ref FROM contacts WHERE id = $1`, [conversation.contactId]) as Promise<{ customer_ref: string | null }[]>,
      this.escalation.settings(),
    ]);
    // Back from a human (handed off after the state was saved): start fresh, nothing pending.
    // (Claude's note for the agent belonged to that hand-off: dropped.)
    const state = handedBackSince(loaded, conversation.handoffAt)
      ? restart({ ...loaded, context: { ...loaded.context, handoffNote: null } })
      : loaded;
    const claimed = typeof message.metadata?.['customerRef'] === 'string' ? (message.metadata['customerRef'] as string) : null;
    const verifiedCustomerRef = (TRUSTED_IDENTITY_CHANNELS.has(inbox.channel) ? claimed : null) ?? contactRows[0]?.customer_ref ?? null;

    const guessRegion = regionOf(message.locale, state.context.language ?? 'zh');
    const nlu = await this.nlu.parse(text, {
      now: message.sentAt.toISOString(),
      language: state.context.language,
      timezone: TIMEZONES[guessRegion ?? 'CN'] ?? 'Asia/Shanghai',
    });
    const lang = pickLang(hasWords(text, nlu.entities) ? nlu.language : 'und', state.context.language, message.locale);
    const region = regionOf(message.locale, lang);
    const timezone = TIMEZONES[region ?? 'CN'] ?? 'Asia/Shanghai';
    const to = { locale: localeOf(lang), region, timezone };
    // Claude reads a message the offline engine is unsure of (not a tapped button, not a bare order number,
    // not an answer to the question the bot is waiting on).
    const threshold = settings.intentThresholds[nlu.intent] ?? settings.defaultThreshold;
    const classified =
      !tapped && nlu.confidence < threshold && hasWords(text, nlu.entities) && (!state.awaiting || state.awaiting === 'confirm')
        ? await this.claude.classify({
            text,
            nlu,
            intents: HANDLED_INTENTS,
            channel: inbox.channel,
            region,
            conversationId: conversation.id,
            messageId: message.id,
            contactId: conversation.contactId,
          })
        : null;
    const startState: DialogueState = { ...state, context: { ...state.context, language: lang } };
    const esc = await this.escalation.context({
      contactId: conversation.contactId,
      customerRef: verifiedCustomerRef ?? state.context.customerRef ?? null,
      lastOrderNumber: state.lastOrderNumber,
      channel: inbox.channel,
      region,
      now,
    });

    // Safety triggers and message_understood rules first: a hand-off there means the bot does not answer.
    const understood = await this.escalation.evaluate('message_understood', esc, { text, nlu, misunderstandings: state.misunderstandings });
    let plan: EscalationPlan = absorb(emptyPlan(), understood.decision);
    const before: Reply[] = await this.escalation.templatesOf(understood.decision.templates, to);
    plan = { ...plan, templates: [] };
    let replies: Reply[] = [];
    let turn: Turn | null = null;
    let outcome: TurnOutcome = 'handoff';
    let endState: DialogueState = { ...startState, turnCount: startState.turnCount + 1 };
    let generated: Reply | null = null;
    let answerNote: PreparedTurn['claude']['answer'] = null;
    if (understood.decision.handoff) {
      plan = { ...plan, handoff: requestOf(understood.decision.handoff, esc.vip), safety: understood.decision.handoff.safety };
    } else {
      const t = (turn = await this.engine.turn({
        conversationId: conversation.id,
        contactId: conversation.contactId,
        messageId: message.id,
        channel: inbox.channel,
        text,
        nlu,
        state: startState,
        locale: to.locale,
        region,
        timezone,
        verifiedCustomerRef,
        page: {
          productId: typeof message.metadata?.productId === 'string' ? message.metadata.productId : undefined,
          orderId: typeof message.metadata?.orderId === 'string' ? message.metadata.orderId : undefined,
        },
        now,
        alreadyGreeted: inbox.greetingEnabled && !conversation.greetedAt,
        thresholds: { intentThresholds: settings.intentThresholds, misunderstandingLimit: settings.misunderstandingLimit },
        knownProfile: esc.knownProfile,
      }));
      if (ClaudeTurns.wants(t)) {
        const note = await this.claude.answer(t, { inboxId: inbox.id });
        if (note) {
          generated = note.reply;
          answerNote = { stream: note.stream, offline: note.offline, steps: note.steps, tools: note.tools };
        }
      }
      outcome = t.outcome;
      endState = t.state;
      const check = await this.escalation.evaluate('before_reply', esc, {
        text,
        nlu,
        misunderstandings: t.state.misunderstandings,
        outcome: t.outcome,
        retrievalScore: t.retrievalScore ?? 0,
      });
      plan = absorb(plan, check.decision);
      const ruleHandoff = check.decision.handoff;
      if (t.handoff) plan.handoff = ruleHandoff ? refine(engineRequest(t.handoff, esc.vip), check.decision) : engineRequest(t.handoff, esc.vip);
      else if (ruleHandoff) plan.handoff = requestOf(ruleHandoff, esc.vip);
      // A hand-off decided on a misunderstood turn replaces the apology; otherwise it follows the answer.
      const keep = plan.handoff ? t.replies.filter((_, i) => !HANDOFF_MESSAGE_KEYS.has(t.replyKeys[i] ?? '')) : t.replies;
      replies = plan.handoff && !t.handoff && t.outcome === 'misunderstood' ? [] : keep;
      if (plan.handoff) outcome = 'handoff';
    }

    const handoff = plan.handoff;
    if (handoff) {
      // Routing rules (event `handoff`): team, priority, tags, notifications; then what the shopper is told.
      const routing = await this.escalation.evaluate('handoff', esc, {
        text,
        nlu,
        misunderstandings: endState.misunderstandings,
        outcome,
        handoffReason: handoff.reason,
      });
      plan = { ...absorb(plan, routing.decision), handoff: refine(handoff, routing.decision) };
      const around = await this.escalation.handoffReplies(plan, conversation, now, to);
      replies = [...before, ...replies, ...around.replies];
      endState = restart(endState);
    } else {
      replies = [...before, ...replies, ...(await this.escalation.templatesOf(plan.templates, to))];
    }

    if (turn?.unknown) {
      await this.unknown
        .record({
          text: text.slice(0, 2000),
          language: nlu.language,
          reason: turn.unknown,
          conversationId: conversation.id,
          messageId: message.id,
          intent: nlu.intent,
          confidence: nlu.confidence,
        })
        .catch((err: Error) => this.log.warn(`could not queue an unanswered question: ${err.message}`));
    }
    const intent = turn?.intent ?? nlu.intent;
    const customerRef = turn?.customerRef ?? null;
    const request = finalRequest(plan);
    // The streamed text must not stay on screen if the rules dropped Claude's reply.
    if (answerNote?.stream && (!generated || !replies.includes(generated))) {
      answerNote.stream.reset();
      answerNote = { ...answerNote, stream: null };
    }
    return {
      nlu,
      state: endState,
      replies: replies
        .filter((r) => r.text.trim() || r.cards?.length)
        .map((r) => {
          const content: MessageContent = {};
          if (r.quickReplies?.length) content.quickReplies = r.quickReplies;
          if (r.cards?.length) content.cards = r.cards;
          const streamId = r === generated && answerNote?.stream ? answerNote.stream.id : null;
          return {
            text: r.text,
            content: Object.keys(content).length ? content : null,
            metadata: { intent, ...(r === generated ? { generatedBy: 'claude' } : {}), ...(streamId ? { streamId } : {}) },
          };
        }),
      intent,
      outcome,
      handoff: (request?.reason ?? null) as HandoffReason | null,
      orderNumber: endState.lastOrderNumber,
      productId: turn?.productId ?? null,
      customerRef: customerRef && customerRef !== contactRows[0]?.customer_ref ? customerRef : null,
      contactId: conversation.contactId,
      escalation: { request, tags: plan.tags, priority: plan.priority, notify: plan.notify, fired: plan.fired },
      claude: { classified, answer: answerNote },
    };
  }

  async run(ctx: ProcessingContext): Promise<ReplyDraft[]> {
    const p = ctx.prepared.get(this.name) as PreparedTurn | null | undefined;
    if (!p) return [];
    ctx.message.nlu = p.nlu as unknown as Record<string, unknown>;
    // The bot paused for this intent (checked here, so messages queued before the switch are caught too):
    // no reply at all, the conversation goes to humans.
    const pause = await this.killSwitch.pausedFor(ctx.em, { channel: ctx.inbox.channel, intent: p.intent });
    if (pause) {
      const req: HandoffRequest = p.escalation.request ?? { reason: 'policy', teamId: null, priority: p.escalation.priority ?? 'normal', tags: p.escalation.tags };
      ctx.events.push({ type: 'bot.understood', messageId: ctx.message.id, data: { intent: p.intent, confidence: p.nlu.confidence, outcome: 'paused', emotion: p.nlu.emotion.label } });
      await this.router.route(ctx.em, ctx.conversation, { ...req, reason: p.escalation.request ? req.reason : 'policy', intent: p.intent }, ctx.now, ctx.events);
      p.claude.answer?.stream?.reset();
      ctx.halted = true;
      return [];
    }
    await this.store.save(ctx.em, p.state);
    await this.profiles.record(ctx.em, {
      contactId: p.contactId,
      conversationId: ctx.conversation.id,
      messageId: ctx.message.id,
      intent: p.intent,
      outcome: p.outcome,
      orderNumber: p.orderNumber,
      productId: p.productId,
    });
    if (p.customerRef) await ctx.em.query(`UPDATE contacts SET customer_ref = $2, updated_at = now() WHERE id = $1`, [p.contactId, p.customerRef]);
    ctx.events.push({
      type: 'bot.understood',
      messageId: ctx.message.id,
      data: {
        intent: p.intent,
        confidence: p.nlu.confidence,
        outcome: p.outcome,
        emotion: p.nlu.emotion.label,
        ...(p.escalation.fired.length ? { rules: p.escalation.fired } : {}),
        ...claudeEventData(p.claude),
      },
    });
    if (p.escalation.request) {
      // The router sets the status, reason, team, priority, tags and assignee, and writes `conversation.handoff`.
      await this.router.route(ctx.em, ctx.conversation, { ...p.escalation.request, intent: p.intent }, ctx.now, ctx.events);
    } else {
      const c = ctx.conversation;
      if (p.escalation.tags.length) c.tags = [...new Set([...(c.tags ?? []), ...p.escalation.tags])];
      if (p.escalation.priority) c.priority = Math.max(c.priority ?? PRIORITY_RANK.normal, PRIORITY_RANK[p.escalation.priority]);
      if (p.escalation.notify.length) await notifyWithoutHandoff(ctx.em, c, p.escalation.notify);
    }
    return p.replies;
  }

  /** A message of a conversation a human owns: how the language engine reads it, for the agent. Writes nothing. */
  async observe({ conversation, message }: PrepareInput): Promise<Observation | null> {
    const text = (typeof message.metadata?.['quickReply'] === 'string' ? (message.metadata['quickReply'] as string) : message.text).trim();
    if (!text) return null;
    const state = await this.store.load(this.db.manager, conversation.id);
    const region = regionOf(message.locale, state.context.language ?? 'zh');
    const nlu = await this.nlu.parse(text, {
      now: message.sentAt.toISOString(),
      language: state.context.language,
      timezone: TIMEZONES[region ?? 'CN'] ?? 'Asia/Shanghai',
    });
    return { nlu: nlu as unknown as Record<string, unknown> };
  }
}

/** Claude's part in a turn as the `bot.understood` event records it (no text). */
function claudeEventData(c: PreparedTurn['claude']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (c.classified) out['classifiedBy'] = { offline: c.classified.offline, llm: c.classified.llm, applied: c.classified.applied };
  if (c.answer) out['llm'] = c.answer.offline ? { answered: false, offline: c.answer.offline } : { answered: true, steps: c.answer.steps, tools: c.answer.tools, streamed: !!c.answer.stream };
  return out;
}
