import type { HandoffReason, NluResult } from '@kefu/shared/contracts';
import type { CommerceConnector, CommerceOrder, CommerceProduct } from '@kefu/api/commerce';
import type { KnowledgeService } from '@kefu/api/knowledge';
import type { DialogueTemplatesService } from '../templates/dialogue-templates.service';
import type { Reply, ReplyCard, QuickReply } from '../templates/reply';
import type { Money, TemplateVariables } from '../templates/template-renderer';
import type { TemplateLocale } from '../templates/template.schemas';
import type { DialogueState, SlotValue } from '../state/slots';
import type { ContactProfile } from '../profile/contact-profile';
import { formatMoney as formatLocaleMoney } from '../templates/template-renderer';
import { colourName, Lang, langOf, statusLabel, variantLabel } from './vocab';

/** Why the bot hands a conversation to a human: the fixed list from the contracts, re-exported for the engine. */
export type { HandoffReason };

/** How a turn ended, for the contact's history and analytics. */
export type TurnOutcome =
  | 'answered'
  | 'asked'
  | 'handoff'
  | 'not_found'
  | 'refused'
  | 'unavailable'
  | 'cancelled'
  | 'misunderstood'
  | 'verify_failed';

export interface TurnInput {
  conversationId: string;
  contactId: string;
  messageId: string;
  channel: string;
  text: string;
  nlu: NluResult;
  state: DialogueState;
  locale: TemplateLocale;
  region: string | null;
  timezone: string;
  /** A customer id the channel vouches for (a signed login); null for anonymous shoppers. */
  verifiedCustomerRef: string | null;
  page: { productId?: string; orderId?: string };
  now: Date;
  /** Another stage already greeted the shopper in this turn. */
  alreadyGreeted: boolean;
  /** The admin's confidence thresholds and fallback limit (handoff settings); defaults when absent. */
  thresholds?: TurnThresholds;
  /** The contact's profile when the caller already loaded it (for the same customer). */
  knownProfile?: { customerRef: string | null; profile: Promise<ContactProfile> };
}

/** How sure the language engine must be before the bot acts, and how many misunderstood turns it takes. */
export interface TurnThresholds {
  /** Intents whose threshold the admin set; an intent not listed acts at MIN_CONFIDENCE. */
  intentThresholds: Record<string, number>;
  /** Misunderstood turns (confirm, then rephrase, …) before the hand-off. */
  misunderstandingLimit: number;
}

export interface EngineDeps {
  templates: DialogueTemplatesService;
  commerce: CommerceConnector;
  knowledge: KnowledgeService;
  profile: (contactId: string, customerRef: string | null) => Promise<ContactProfile>;
}

/** A turn being worked out: the replies so far, the state it leaves, and how it ended. */
export class Turn {
  readonly replies: Reply[] = [];
  outcome: TurnOutcome = 'answered';
  handoff: HandoffReason | null = null;
  /** The intent this turn was handled as (may be a continued topic, not the language engine's guess). */
  intent: string;
  unknown: 'low_confidence' | 'no_article' | null = null;
  productId: string | null = null;
  /** The slots this message itself gave (before merging with the topic's earlier ones). */
  extracted: Record<string, SlotValue> = {};
  /** The best knowledge-base match looked at in this turn (0..1); null when none was searched. */
  retrievalScore: number | null = null;
  /** The template key of each reply (null for a text that is not a template), parallel to `replies`. */
  readonly replyKeys: (string | null)[] = [];
  private profileCache?: Promise<ContactProfile>;

  constructor(
    readonly input: TurnInput,
    public state: DialogueState,
    readonly deps: EngineDeps,
  ) {
    this.intent = input.nlu.intent;
  }

  get lang(): Lang {
    return langOf(this.input.locale);
  }

  get text(): string {
    return this.input.text;
  }

  get slots(): Record<string, SlotValue> {
    return this.state.slots;
  }

  /** The shop customer this shopper is: a verified login, or proved earlier in the conversation. */
  get customerRef(): string | null {
    return this.input.verifiedCustomerRef ?? this.state.context.customerRef ?? null;
  }

  profile(): Promise<ContactProfile> {
    const known = this.input.knownProfile;
    if (!this.profileCache && known && known.customerRef === this.customerRef) this.profileCache = known.profile;
    return (this.profileCache ??= this.deps.profile(this.input.contactId, this.customerRef));
  }

  /** Records the best knowledge-base score seen in this turn (rules read it at before_reply). */
  noteRetrieval(score: number): void {
    this.retrievalScore = Math.max(this.retrievalScore ?? 0, score);
  }

  /** Misunderstood turns before the hand-off (the admin's limit, default 3). */
  get misunderstandingLimit(): number {
    return this.input.thresholds?.misunderstandingLimit ?? 3;
  }

  async reply(key: string, vars: TemplateVariables = {}, extra: { cards?: ReplyCard[]; quickReplies?: QuickReply[] } = {}): Promise<Reply> {
    const r = await this.deps.templates.render(key, vars, { locale: this.input.locale, region: this.input.region });
    if (extra.cards?.length) r.cards = [...(r.cards ?? []), ...extra.cards];
    if (extra.quickReplies) r.quickReplies = extra.quickReplies.length ? extra.quickReplies : undefined;
    this.replies.push(r);
    this.replyKeys.push(key);
    return r;
  }

  /** A reply whose text is not a template (an article's answer). */
  say(text: string, extra: { cards?: ReplyCard[]; quickReplies?: QuickReply[] } = {}): void {
    this.replies.push({ text, ...(extra.cards?.length ? { cards: extra.cards } : {}), ...(extra.quickReplies?.length ? { quickReplies: extra.quickReplies } : {}) });
    this.replyKeys.push(null);
  }

  /** Asks for a slot and waits for it. */
  async ask(slot: string, key = `ask.${slot}`, vars: TemplateVariables = {}, extra: { cards?: ReplyCard[]; quickReplies?: QuickReply[] } = {}): Promise<void> {
    this.state.awaiting = slot;
    this.outcome = 'asked';
    await this.reply(key, vars, extra);
  }

  /** Asks a yes/no question; `pending` says what "yes" does. */
  async confirm(key: string, vars: TemplateVariables, pending: NonNullable<DialogueState['context']['pending']>): Promise<void> {
    this.state.awaiting = 'confirm';
    this.state.context = { ...this.state.context, pending };
    this.outcome = 'asked';
    await this.reply(key, vars);
  }

  handOff(reason: HandoffReason): void {
    this.handoff = reason;
    this.outcome = 'handoff';
    this.state.awaiting = null;
  }

  setSlot(name: string, value: SlotValue | null): void {
    const slots = { ...this.state.slots };
    if (value === null || value === undefined) delete slots[name];
    else slots[name] = value;
    this.state.slots = slots;
  }

  money(amountMinor: number, currency: string): Money {
    return { amountMinor, currency };
  }

  /** Money as the templates format it for this locale (CN¥788.97, ¥788.97). */
  formatMoney(amountMinor: number, currency: string): string {
    return formatLocaleMoney({ amountMinor, currency }, this.input.locale);
  }

  productName(p: CommerceProduct): string {
    return p.names[this.input.locale] ?? p.names.en;
  }

  orderCard(order: CommerceOrder): ReplyCard {
    const ship = order.shipments[0];
    const fmt = (d: Date) =>
      new Intl.DateTimeFormat(this.input.locale, { timeZone: this.input.timezone, month: 'short', day: 'numeric' }).format(d);
    return {
      type: 'order_summary',
      orderNumber: order.number,
      status: statusLabel(ship && order.status === 'shipped' ? ship.status : order.status, this.lang),
      items: order.items.map((i) => ({ name: i.name, quantity: i.quantity })),
      total: this.formatMoney(order.total, order.currency),
      ...(ship?.carrier ? { carrier: ship.carrier } : {}),
      ...(ship?.trackingNumber ? { trackingNumber: ship.trackingNumber } : {}),
      ...(ship?.eta && ship.status !== 'delivered' ? { eta: fmt(ship.eta) } : {}),
    };
  }

  productCard(p: CommerceProduct, availability?: string): ReplyCard {
    const price =
      p.priceFrom === p.priceTo
        ? this.formatMoney(p.priceFrom, p.currency)
        : `${this.formatMoney(p.priceFrom, p.currency)} – ${this.formatMoney(p.priceTo, p.currency)}`;
    const attributes: Record<string, string> = {};
    const labels = { zh: ['颜色', '尺码'], en: ['Colours', 'Sizes'], ja: ['カラー', 'サイズ'] }[this.lang];
    if (p.colours.length) attributes[labels[0]] = p.colours.map((c) => colourName(c, this.lang)).join(this.lang === 'en' ? ', ' : '、');
    if (p.sizes.length) attributes[labels[1]] = p.sizes.join(this.lang === 'en' ? ', ' : '、');
    return {
      type: 'product',
      productId: p.id,
      title: this.productName(p),
      price,
      ...(Object.keys(attributes).length ? { attributes } : {}),
      ...(availability ? { availability } : {}),
    };
  }

  variant(v: { colour?: string | null; size?: string | null; storage?: string | null }): string {
    return variantLabel(v, this.lang);
  }

  list(items: string[]): string {
    return items.join(this.lang === 'en' ? ', ' : '、');
  }
}
