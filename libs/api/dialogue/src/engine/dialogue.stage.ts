import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChannelType, ConversationStatus, MessageContent, NluResult } from '@kefu/shared/contracts';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { COMMERCE_CONNECTOR, CommerceConnector } from '@kefu/api/commerce';
import { PrepareInput, ProcessingContext, ProcessingPipeline, ProcessingStage, ReplyDraft } from '@kefu/api/conversations';
import { KnowledgeService, UnknownQuestionsService } from '@kefu/api/knowledge';
import { NluService } from '@kefu/api/nlu';
import { ContactProfileService } from '../profile/contact-profile.service';
import { DialogueStateStore } from '../state/dialogue-state.store';
import type { DialogueState } from '../state/slots';
import { DialogueTemplatesService } from '../templates/dialogue-templates.service';
import { DialogueEngine } from './dialogue-engine';
import type { HandoffReason, TurnOutcome } from './turn';
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
    const [state, contactRows] = await Promise.all([
      this.store.load(this.db.manager, conversation.id),
      this.db.query(`SELECT customer_ref FROM contacts WHERE id = $1`, [conversation.contactId]) as Promise<{ customer_ref: string | null }[]>,
    ]);
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
    const startState: DialogueState = { ...state, context: { ...state.context, language: lang } };
    const t = await this.engine.turn({
      conversationId: conversation.id,
      contactId: conversation.contactId,
      messageId: message.id,
      channel: inbox.channel,
      text,
      nlu,
      state: startState,
      locale: localeOf(lang),
      region,
      timezone: TIMEZONES[region ?? 'CN'] ?? 'Asia/Shanghai',
      verifiedCustomerRef,
      page: {
        productId: typeof message.metadata?.productId === 'string' ? message.metadata.productId : undefined,
        orderId: typeof message.metadata?.orderId === 'string' ? message.metadata.orderId : undefined,
      },
      now,
      alreadyGreeted: inbox.greetingEnabled && !conversation.greetedAt,
    });

    if (t.unknown) {
      await this.unknown
        .record({
          text: text.slice(0, 2000),
          language: nlu.language,
          reason: t.unknown,
          conversationId: conversation.id,
          messageId: message.id,
          intent: nlu.intent,
          confidence: nlu.confidence,
        })
        .catch((err: Error) => this.log.warn(`could not queue an unanswered question: ${err.message}`));
    }
    const customerRef = t.customerRef;
    return {
      nlu,
      state: t.state,
      replies: t.replies
        .filter((r) => r.text.trim() || r.cards?.length)
        .map((r) => {
          const content: MessageContent = {};
          if (r.quickReplies?.length) content.quickReplies = r.quickReplies;
          if (r.cards?.length) content.cards = r.cards;
          return { text: r.text, content: Object.keys(content).length ? content : null, metadata: { intent: t.intent } };
        }),
      intent: t.intent,
      outcome: t.outcome,
      handoff: t.handoff,
      orderNumber: t.state.lastOrderNumber,
      productId: t.productId,
      customerRef: customerRef !== contactRows[0]?.customer_ref ? customerRef : null,
      contactId: conversation.contactId,
    };
  }

  async run(ctx: ProcessingContext): Promise<ReplyDraft[]> {
    const p = ctx.prepared.get(this.name) as PreparedTurn | null | undefined;
    if (!p) return [];
    ctx.message.nlu = p.nlu as unknown as Record<string, unknown>;
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
    ctx.events.push({ type: 'bot.understood', messageId: ctx.message.id, data: { intent: p.intent, confidence: p.nlu.confidence, outcome: p.outcome, emotion: p.nlu.emotion.label } });
    if (p.handoff) {
      ctx.conversation.status = ConversationStatus.PendingHuman;
      ctx.conversation.handoffReason = p.handoff;
      ctx.conversation.handoffAt = ctx.now;
      ctx.events.push({ type: 'conversation.handoff', messageId: ctx.message.id, data: { reason: p.handoff, intent: p.intent } });
    }
    return p.replies;
  }
}
