import { BadRequestException, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NluResult, RuleTestInput, RuleTestResultDto, ruleTestSchema } from '@kefu/shared/contracts';
import { parseWith } from '@kefu/api/platform/http';
import { COMMERCE_CONNECTOR, CommerceConnector, CommerceUnavailableError, minorUnitDigits } from '@kefu/api/commerce';
import { EscalationPolicy, factsFrom, HandoffRouter } from '@kefu/api/handoff';
import { NluService } from '@kefu/api/nlu';
import { hasWords, pickLang, regionOf, TIMEZONES } from '../engine/vocab';
import { DialogueStateStore } from '../state/dialogue-state.store';
import { AssistConversation, AssistReader } from './message-context';

/** Stands in for a conversation when a pasted message is routed in a preview. */
const NO_CONVERSATION = '00000000-0000-0000-0000-000000000000';

/** What the tester knows about the message and the shopper before the admin's overrides. */
interface Known {
  text: string;
  nlu: NluResult;
  channel: string;
  customerTier: string | null;
  orderValue: number | null;
  region: string | null;
  misunderstandings: number;
  conversation: AssistConversation | null;
}

/**
 * The rule tester (POST /api/v1/handoff/rules/test): a pasted message, or a shopper's message from a
 * conversation with that conversation's facts, through the safety triggers and the rules — the
 * stored ones, or with the editor's unsaved draft — condition by condition, and where a hand-off
 * would go. It writes nothing.
 */
@Injectable()
export class RuleTesterService {
  private readonly log = new Logger(RuleTesterService.name);
  private readonly reader: AssistReader;

  constructor(
    @InjectDataSource() db: DataSource,
    store: DialogueStateStore,
    private readonly nlu: NluService,
    private readonly policy: EscalationPolicy,
    private readonly router: HandoffRouter,
    @Inject(COMMERCE_CONNECTOR) private readonly commerce: CommerceConnector,
  ) {
    this.reader = new AssistReader(db, store);
  }

  async test(body: unknown): Promise<RuleTestResultDto> {
    const input = parseWith(ruleTestSchema, body);
    const at = input.facts.at ? new Date(input.facts.at) : new Date();
    const known = input.messageId ? await this.fromMessage(input.messageId, input.text, at) : await this.fromText(input.text ?? '', at);
    const settings = await this.policy.settings();
    const o = input.facts;
    const facts = factsFrom({
      event: input.event,
      text: known.text,
      nlu: known.nlu,
      settings,
      channel: o.channel ?? known.channel,
      customerTier: o.customerTier !== undefined ? o.customerTier : known.customerTier,
      orderValue: o.orderValue !== undefined ? o.orderValue : known.orderValue,
      region: o.region !== undefined ? o.region : known.region,
      misunderstandings: o.misunderstandings ?? known.misunderstandings,
      businessHoursOpen: await this.router.isTeamOpen(settings.defaultTeamId, at),
      retrievalScore: o.retrievalScore ?? null,
      outcome: o.outcome ?? null,
      handoffReason: o.handoffReason ?? null,
      idleMinutes: o.idleMinutes ?? null,
    });
    const { decision, safety, traces } = await this.policy.evaluate(input.event, facts, { nlu: known.nlu, ...(input.draft ? { draft: input.draft } : {}) });
    let routing: RuleTestResultDto['routing'] = null;
    if (decision.handoff) {
      const r = await this.router.preview(
        { id: known.conversation?.id ?? NO_CONVERSATION, teamId: known.conversation?.teamId ?? null },
        {
          reason: decision.handoff.reason,
          teamId: decision.handoff.teamId,
          priority: decision.priority ?? decision.handoff.priority,
          tags: decision.tags,
          vip: !!facts.customerTier && settings.vipTiers.includes(facts.customerTier),
          ruleId: decision.handoff.ruleId,
          safety: decision.handoff.safety,
          notify: decision.notify,
        },
        at,
      );
      routing = { teamId: r.teamId, teamName: r.teamName, open: r.open, expectedWaitMinutes: r.expectedWaitMinutes };
    }
    return { nlu: known.nlu, facts, safety, rules: traces, decision, routing };
  }

  private async parse(text: string, at: Date, language?: 'zh' | 'en' | 'ja', region?: string | null): Promise<NluResult> {
    return this.nlu.parse(text, { now: at.toISOString(), language, timezone: TIMEZONES[region ?? 'CN'] ?? 'Asia/Shanghai' });
  }

  private async fromText(text: string, at: Date): Promise<Known> {
    const nlu = await this.parse(text, at);
    const lang = pickLang(hasWords(text, nlu.entities) ? nlu.language : 'und', undefined, null);
    return { text, nlu, channel: 'api', customerTier: null, orderValue: null, region: regionOf(null, lang), misunderstandings: 0, conversation: null };
  }

  /** A shopper's message and its conversation's facts; a pasted `text` replaces the message's words. */
  private async fromMessage(messageId: RuleTestInput['messageId'] & string, pasted: string | undefined, at: Date): Promise<Known> {
    const message = await this.reader.message(messageId);
    if (message.direction !== 'incoming') {
      throw new BadRequestException({ statusCode: 400, message: 'pick a message the shopper sent, not a reply', issues: [{ path: 'messageId', message: 'is an outgoing message' }] });
    }
    const conversation = await this.reader.conversation(message.conversationId);
    const state = await this.reader.state(conversation.id);
    const text = (pasted || message.text).trim();
    const stored = !pasted && message.nlu && typeof message.nlu['intent'] === 'string' ? (message.nlu as unknown as NluResult) : null;
    const nlu = stored ?? (await this.parse(text, at, state.context.language, regionOf(message.locale, state.context.language ?? 'zh')));
    const lang = pickLang(hasWords(text, nlu.entities) ? nlu.language : 'und', state.context.language, message.locale);
    const customerRef = await this.reader.customerRef(conversation, message);
    const shop = await this.shopFacts(customerRef, state.lastOrderNumber);
    return {
      text,
      nlu,
      channel: conversation.channel,
      customerTier: shop.tier,
      orderValue: shop.orderValue,
      region: regionOf(message.locale, lang),
      misunderstandings: state.misunderstandings,
      conversation,
    };
  }

  /** The customer's tier and the value of the order talked about (else their latest), in major units. */
  private async shopFacts(customerRef: string | null, orderNumber: string | null): Promise<{ tier: string | null; orderValue: number | null }> {
    try {
      const [customer, talkedAbout] = await Promise.all([
        customerRef ? this.commerce.findCustomer({ externalId: customerRef }) : null,
        orderNumber ? this.commerce.findOrder(orderNumber) : null,
      ]);
      const order = talkedAbout ?? (customerRef ? ((await this.commerce.ordersOfCustomer(customerRef, { limit: 1 }))[0] ?? null) : null);
      return {
        tier: customer?.tier ?? null,
        orderValue: order ? order.total / 10 ** minorUnitDigits(order.currency) : null,
      };
    } catch (err) {
      if (!(err instanceof CommerceUnavailableError)) throw err;
      this.log.warn(`rule test without shop facts: ${err.message}`);
      return { tier: null, orderValue: null };
    }
  }
}
