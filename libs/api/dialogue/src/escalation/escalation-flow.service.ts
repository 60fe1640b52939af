import { Inject, Injectable, Logger } from '@nestjs/common';
import type { HandoffSettings, NluResult, RuleEvent, SafetyTrace } from '@kefu/shared/contracts';
import { COMMERCE_CONNECTOR, CommerceConnector, CommerceOrder, CommerceUnavailableError } from '@kefu/api/commerce';
import { EscalationPolicy, factsFrom, HandoffRouter, RoutingOutcome } from '@kefu/api/handoff';
import type { EscalationDecision } from '@kefu/shared/contracts';
import type { ContactProfile } from '../profile/contact-profile';
import { ContactProfileService } from '../profile/contact-profile.service';
import { DialogueTemplatesService } from '../templates/dialogue-templates.service';
import type { Reply } from '../templates/reply';
import type { TemplateLocale } from '../templates/template.schemas';
import { EscalationPlan, finalRequest, isVip, majorUnits } from './escalation-plan';

/** What the rules know about the shopper and the shop for one turn (loaded once, before the transaction). */
export interface EscalationContext {
  settings: HandoffSettings;
  channel: string;
  region: string | null;
  customerTier: string | null;
  vip: boolean;
  /** The order talked about (or the latest), in major units. */
  orderValue: number | null;
  /**
   * The order talked about when it is not among the profile's recent orders: looked up in the shop only
   * when a rule of the event evaluated has an order_value condition (not for every message).
   */
  unresolvedOrder?: string | null;
  businessHoursOpen: boolean;
  /** The profile loaded for the facts, handed to the engine so it is not loaded twice. */
  knownProfile?: { customerRef: string | null; profile: Promise<ContactProfile> };
}

/** What the message and the turn say, for one event. */
export interface TurnFacts {
  text: string;
  nlu: NluResult | null;
  misunderstandings: number;
  outcome?: string | null;
  retrievalScore?: number | null;
  handoffReason?: string | null;
  idleMinutes?: number | null;
}

export interface Evaluation {
  decision: EscalationDecision;
  safety: SafetyTrace[];
}

/** How a reply is rendered for this shopper. */
export interface RenderTarget {
  locale: TemplateLocale;
  region: string | null;
  timezone: string;
}

/** Template keys the engine uses to say "connecting you": replaced by the routed hand-off message. */
export const HANDOFF_MESSAGE_KEYS = new Set(['handoff.transfer', 'contact_human_agent']);

/**
 * The escalation rules in the live dialogue path: gathers the facts (tier, order value, business
 * hours), evaluates an event through the EscalationPolicy, and renders what the shopper reads
 * around a hand-off (the rules' templates, the self-harm message, the expected wait or the
 * after-hours message). Everything here runs before the turn's transaction.
 */
@Injectable()
export class EscalationFlow {
  private readonly log = new Logger(EscalationFlow.name);

  constructor(
    private readonly policy: EscalationPolicy,
    private readonly router: HandoffRouter,
    private readonly templates: DialogueTemplatesService,
    private readonly profiles: ContactProfileService,
    @Inject(COMMERCE_CONNECTOR) private readonly commerce: CommerceConnector,
  ) {}

  settings(): Promise<HandoffSettings> {
    return this.policy.settings();
  }

  async context(i: {
    contactId: string;
    customerRef: string | null;
    lastOrderNumber: string | null;
    channel: string;
    region: string | null;
    now: Date;
  }): Promise<EscalationContext> {
    const settings = await this.policy.settings();
    const profile = i.customerRef ? this.profiles.profile(i.contactId, i.customerRef) : null;
    const [p, open] = await Promise.all([profile, this.router.isTeamOpen(settings.defaultTeamId, i.now)]);
    const tier = p?.customer?.tier ?? null;
    let order: CommerceOrder | null = null;
    let unresolvedOrder: string | null = null;
    if (i.lastOrderNumber) {
      order = p?.recentOrders.find((o) => o.number === i.lastOrderNumber) ?? null;
      if (!order) unresolvedOrder = i.lastOrderNumber;
    } else if (p?.recentOrders.length) {
      order = p.recentOrders[0];
    }
    return {
      settings,
      channel: i.channel,
      region: i.region,
      customerTier: tier,
      vip: isVip(tier, settings),
      orderValue: order ? majorUnits(order.total, order.currency) : null,
      unresolvedOrder,
      businessHoursOpen: open,
      ...(profile ? { knownProfile: { customerRef: i.customerRef, profile } } : {}),
    };
  }

  async evaluate(event: RuleEvent, ctx: EscalationContext, f: TurnFacts): Promise<Evaluation> {
    if (ctx.unresolvedOrder && (await this.usesOrderValue(event))) {
      const order = await this.findOrder(ctx.unresolvedOrder);
      ctx.orderValue = order ? majorUnits(order.total, order.currency) : null;
      ctx.unresolvedOrder = null;
    }
    const facts = factsFrom({
      event,
      text: f.text,
      nlu: f.nlu,
      settings: ctx.settings,
      channel: ctx.channel,
      customerTier: ctx.customerTier,
      orderValue: ctx.orderValue,
      region: ctx.region,
      businessHoursOpen: ctx.businessHoursOpen,
      misunderstandings: f.misunderstandings,
      retrievalScore: f.retrievalScore ?? null,
      outcome: f.outcome ?? null,
      handoffReason: f.handoffReason ?? null,
      idleMinutes: f.idleMinutes ?? null,
    });
    const r = await this.policy.evaluate(event, facts, { nlu: f.nlu });
    return { decision: r.decision, safety: r.safety };
  }

  /** The rules' templates, rendered (a missing or broken template is skipped and logged by key). */
  async templatesOf(keys: readonly string[], to: RenderTarget): Promise<Reply[]> {
    const out: Reply[] = [];
    for (const key of keys) {
      const r = await this.render(key, {}, to);
      if (r) out.push(r);
    }
    return out;
  }

  /**
   * What the shopper reads when the plan hands off: the rules' templates, the caring message for
   * self-harm, then where the conversation goes (expected wait, after hours, or "connecting you").
   */
  async handoffReplies(plan: EscalationPlan, conversation: { id: string; teamId: string | null }, now: Date, to: RenderTarget): Promise<{ replies: Reply[]; routing: RoutingOutcome | null }> {
    const req = finalRequest(plan);
    const replies = await this.templatesOf(plan.templates, to);
    if (!req) return { replies, routing: null };
    if (plan.safety === 'legal_threat' || plan.safety === 'harm_threat') {
      // An upset shopper hears an apology before the hand-off (the complaint reply, without its buttons).
      const sorry = await this.render('complaint', {}, to);
      if (sorry) replies.unshift({ ...sorry, quickReplies: undefined });
    }
    if (plan.safety === 'self_harm') {
      const care = await this.render('safety.self_harm', {}, to);
      if (care) replies.push(care);
    }
    const routing = await this.router.preview(conversation, req, now);
    const message = await this.handoffMessage(routing, to);
    if (message) replies.push(message);
    return { replies, routing };
  }

  async handoffMessage(routing: RoutingOutcome, to: RenderTarget): Promise<Reply | null> {
    if (!routing.open && routing.opensAt) {
      const zone = (routing as RoutingOutcome & { timezone?: string }).timezone ?? to.timezone;
      const opens = formatOpening(routing.opensAt, to.locale, zone);
      // `hours` for templates edited from the older default text ("在线时间 {hours}").
      return (await this.render('handoff.after_hours', { opens, hours: opens }, to)) ?? this.render('handoff.transfer', {}, to);
    }
    if (routing.open && routing.expectedWaitMinutes !== null) {
      const minutes = Math.max(1, Math.round(routing.expectedWaitMinutes));
      return (await this.render('handoff.wait', { minutes, position: routing.queuePosition }, to)) ?? this.render('handoff.transfer', {}, to);
    }
    return this.render('handoff.transfer', {}, to);
  }

  private async render(key: string, vars: Record<string, string | number>, to: RenderTarget): Promise<Reply | null> {
    try {
      return await this.templates.render(key, vars, { locale: to.locale, region: to.region });
    } catch (err) {
      this.log.warn(`escalation template ${key} not sent: ${(err as Error).name}`);
      return null;
    }
  }

  /** Whether an enabled rule of this event looks at the order's value. */
  private async usesOrderValue(event: RuleEvent): Promise<boolean> {
    const rules = await this.policy.rules();
    return rules.some((r) => r.enabled && r.event === event && r.conditions.some((c) => c.field === 'order_value'));
  }

  private async findOrder(number: string): Promise<CommerceOrder | null> {
    try {
      return await this.commerce.findOrder(number);
    } catch (err) {
      if (err instanceof CommerceUnavailableError) return null;
      throw err;
    }
  }
}

/** "周一 09:00" / "Mon 9:00 AM" in the team's time zone. */
export function formatOpening(at: Date, locale: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(at);
  } catch {
    return at.toISOString().slice(0, 16).replace('T', ' ');
  }
}
