import { CommerceUnavailableError } from '@kefu/api/commerce';
import { cancelDialogue, DialogueState, mergeSlots, SlotValue } from '../state/slots';
import { extractSlots, ExtractedSlots } from './extract';
import type { Handler } from './handlers/handler';
import { answerFromKnowledge, complaint, contactService, greeting, humanRequest, outOfScope, policy, privacy, thanks } from './handlers/info';
import { cancelOrder, changeAddress, changeOrder, paymentIssue, shipmentException, trackOrder, trackRefund } from './handlers/orders';
import { productInfo, promotionRules, sizeAdvice, stockQuery } from './handlers/products';
import { exchangeItem, priceProtection, returnItem } from './handlers/returns';
import { EngineDeps, Turn, TurnInput } from './turn';
import { asksPrice, colourName, hasWords, isCancel, isCorrection, ordinal, reasonIn, yesNo } from './vocab';

const HANDLERS: Handler[] = [
  trackOrder, shipmentException, trackRefund, cancelOrder, changeOrder, changeAddress, paymentIssue,
  returnItem, exchangeItem, priceProtection,
  stockQuery, productInfo, sizeAdvice, promotionRules,
  policy, humanRequest, contactService, complaint, privacy, greeting, thanks, outOfScope,
];
const BY_INTENT = new Map<string, Handler>(HANDLERS.flatMap((h) => h.intents.map((i) => [i, h] as const)));

/** Every intent the engine has a handler for (the default taxonomy). */
export const HANDLED_INTENTS = [...BY_INTENT.keys()].sort();

/** Below this the language engine's guess is not acted on. */
export const MIN_CONFIDENCE = 0.5;
/** A different intent this sure interrupts a question the bot is waiting on. */
const SWITCH_CONFIDENCE = 0.7;
/** A guess this likely is offered for confirmation ("您是想查询物流吗?") instead of "I did not understand". */
export const CONFIRM_CONFIDENCE = 0.3;
const SMALL_TALK = new Set(['greeting', 'thanks_goodbye', 'out_of_scope']);

/**
 * One turn of the offline dialogue: the pending question or confirmation first, then the language
 * engine's intent, slots merged (several from one message, corrections overwrite), the handler's
 * answer from the shop's data and the knowledge base, and a topic left for another one taken up
 * again afterwards. Pure of writes to our database: the caller persists the result.
 */
export class DialogueEngine {
  constructor(private readonly deps: EngineDeps) {}

  async turn(input: TurnInput): Promise<Turn> {
    const state: DialogueState = {
      ...input.state,
      slots: { ...input.state.slots },
      context: { ...input.state.context },
      turnCount: input.state.turnCount + 1,
    };
    const t = new Turn(input, state, this.deps);
    try {
      await this.run(t);
    } catch (err) {
      if (!(err instanceof CommerceUnavailableError)) throw err;
      t.replies.length = 0;
      t.replyKeys.length = 0;
      t.outcome = 'unavailable';
      t.state.awaiting = null;
      await t.reply('system.order_system_down');
    }
    if (t.outcome !== 'misunderstood') t.state.misunderstandings = 0;
    return t;
  }

  private async run(t: Turn): Promise<void> {
    const { nlu } = t.input;
    const s = t.state;
    const text = t.text.trim();

    // Threats (a lawyer, 12315, a chargeback, 消費者センター) always reach a human, whatever else was said.
    const upset = nlu.emotion.label === 'angry' || nlu.emotion.label === 'frustrated';
    if (upset && nlu.emotion.signals.some((sig) => sig.startsWith('threat'))) {
      t.intent = 'complaint';
      s.activeIntent = 'complaint';
      s.awaiting = null;
      await t.reply('complaint', {}, { quickReplies: [] });
      await t.reply('handoff.transfer');
      t.handOff('negative_emotion');
      return;
    }

    // Quick-reply payloads: an intent name or a confirmation.
    const payloadIntent = BY_INTENT.has(text) ? text : null;

    if (text === 'cancel' || (isCancel(text) && (s.activeIntent || s.awaiting))) {
      t.state = cancelDialogue({ ...s, turnCount: s.turnCount - 1 });
      t.state.context = { ...t.state.context, pending: null, suspended: null, offeredOrders: [], offeredProducts: [] };
      t.intent = 'cancel';
      t.outcome = 'cancelled';
      await t.reply('dialogue.cancelled');
      return;
    }

    if (s.awaiting === 'confirm' && s.context.pending) {
      const pending = s.context.pending;
      const yes = yesNo(text);
      if (yes !== null) {
        s.awaiting = null;
        s.context = { ...s.context, pending: null };
        if (!yes) {
          t.intent = s.activeIntent ?? 'cancel';
          t.outcome = 'cancelled';
          await t.reply('dialogue.cancelled');
          return;
        }
        if (pending.action === 'intent') {
          const intent = String(pending.data?.['intent'] ?? '');
          return this.handle(t, intent, extractSlots(text, nlu, null), true);
        }
        const handler = BY_INTENT.get(pending.action);
        t.intent = pending.action;
        if (handler?.confirmed) await handler.confirmed(t, pending);
        return;
      }
      s.awaiting = null;
      s.context = { ...s.context, pending: null };
      // "您是想查询物流吗?" answered with the order number itself: that is a yes.
      if (pending.action === 'intent') {
        const early = extractSlots(text, nlu, 'order_number');
        if (early.order_number !== undefined || early.tracking_number !== undefined) {
          return this.handle(t, String(pending.data?.['intent'] ?? ''), early, true);
        }
      }
    }

    const sizing = ['stock_query', 'size_advice', 'exchange_item', 'change_order', 'product_info'].includes(s.activeIntent ?? '') || ['stock_query', 'size_advice', 'exchange_item'].includes(nlu.intent);
    const extracted = extractSlots(text, nlu, s.awaiting, sizing);
    // A free-text answer ("the reason") is not an answer when the message is clearly about something else.
    if (extracted.reason !== undefined && hasWords(text, nlu.entities) && nlu.intent !== s.activeIntent && nlu.confidence >= SWITCH_CONFIDENCE && !SMALL_TALK.has(nlu.intent) && nlu.intent !== 'out_of_scope' && !reasonIn(text)) {
      delete extracted.reason;
    }
    t.extracted = extracted as Record<string, SlotValue>;
    const active = s.activeIntent ? BY_INTENT.get(s.activeIntent) : undefined;
    const relevant = active ? active.slots.filter((n) => extracted[n] !== undefined) : [];
    // "5963" or "KF100123" alone carries no intent of its own, whatever the classifier guesses.
    const words = hasWords(text, nlu.entities);
    // "hi, is this hoodie available?": a greeting beside a question is the question.
    const [first, second] = nlu.ranking;
    if (first && second && SMALL_TALK.has(first.intent) !== SMALL_TALK.has(second.intent) && first.intent !== 'out_of_scope' && second.intent !== 'out_of_scope') {
      const question = SMALL_TALK.has(first.intent) ? second : first;
      if (question.confidence >= CONFIRM_CONFIDENCE && first.confidence + second.confidence >= MIN_CONFIDENCE + 0.2) {
        nlu.intent = question.intent;
        nlu.confidence = Math.max(question.confidence, MIN_CONFIDENCE);
      }
    }
    // The topic going on, read again with less certainty ("换了张卡又提示余额不足"), is still that topic.
    const sameTopic = !!s.activeIntent && nlu.intent === s.activeIntent && nlu.confidence >= CONFIRM_CONFIDENCE;
    // Below the intent's threshold the guess is confirmed first ("您是想查询物流吗?"), unless it continues the topic.
    const confident = words && (nlu.confidence >= actsAt(t, nlu.intent) || sameTopic) && nlu.intent !== 'out_of_scope';

    // An answer to the question asked, or a correction of the current topic ("不对,是M码").
    if (payloadIntent === null && active && s.activeIntent && relevant.length) {
      const strongOther = confident && nlu.intent !== s.activeIntent && nlu.confidence >= SWITCH_CONFIDENCE && !SMALL_TALK.has(nlu.intent);
      const answersQuestion = !!s.awaiting && ASKED_BY[s.awaiting]?.some((n) => extracted[n] !== undefined) === true;
      if (answersQuestion || !strongOther || elliptical(text, nlu.entities) || isCorrection(text)) {
        return this.handle(t, s.activeIntent, extracted, false);
      }
    }
    // A choice from a list offered ("第二个", "ok and the first one?", a tapped number).
    if (payloadIntent === null && s.activeIntent && (s.context.offeredOrders?.length || s.context.offeredProducts?.length) && (ordinal(text) !== null || (s.awaiting && (extracted.order_number !== undefined || /^P\d+$/i.test(text))))) {
      return this.handle(t, s.activeIntent, extracted, false);
    }
    // An answer to "which product?" or "why?".
    if (payloadIntent === null && s.activeIntent && s.awaiting && !confident && (s.context.offeredOrders?.length || s.context.offeredProducts?.length || s.awaiting === 'reason' || s.awaiting === 'product_query' || s.awaiting === 'change')) {
      return this.handle(t, s.activeIntent, extracted, false);
    }

    const intent = payloadIntent ?? (confident ? nlu.intent : null);
    if (intent) {
      if (s.activeIntent && s.awaiting && intent !== s.activeIntent && !SMALL_TALK.has(intent)) {
        s.context = { ...s.context, suspended: { intent: s.activeIntent, slots: s.slots, awaiting: s.awaiting } };
      }
      return this.handle(t, intent, extracted, true);
    }

    // "Tide 极简跑步鞋多少钱": a price question about a product is about the product.
    if (words && asksPrice(text) && (extracted.product_query !== undefined || t.input.page.productId || s.lastProductId)) {
      return this.handle(t, 'product_info', extracted, true);
    }
    // Not understood while waiting for an answer: ask again (the question stays open).
    if (s.activeIntent && s.awaiting && s.awaiting !== 'confirm') {
      t.intent = s.activeIntent;
      t.outcome = 'misunderstood';
      s.misunderstandings += 1;
      if (s.misunderstandings >= t.misunderstandingLimit) {
        await t.reply('handoff.transfer');
        t.handOff('low_confidence');
        return;
      }
      await t.reply('fallback.not_understood', {}, { quickReplies: [] });
      await t.reply(ASK_KEYS[s.awaiting] ?? `ask.${s.awaiting}`);
      return;
    }
    // Not understood: the knowledge base may still know, then a guess to confirm, then apologies.
    t.intent = nlu.intent;
    const guessed = nlu.ranking.find((r) => r.intent !== 'out_of_scope' && BY_INTENT.has(r.intent));
    const plausible = !!guessed && guessed.confidence >= CONFIRM_CONFIDENCE && s.misunderstandings === 0;
    // With a plausible guess to confirm, an article must match clearly to be preferred.
    if (words && (await answerFromKnowledge(t, plausible ? { minScore: 0.6 } : {}))) {
      t.intent = 'faq';
      return;
    }
    t.outcome = 'misunderstood';
    t.unknown = 'low_confidence';
    s.misunderstandings += 1;
    const guess = nlu.ranking.find((r) => r.intent !== 'out_of_scope' && BY_INTENT.has(r.intent));
    if (words && nlu.intent === 'out_of_scope' && nlu.confidence >= MIN_CONFIDENCE) {
      t.intent = 'out_of_scope';
      t.outcome = 'answered';
      t.unknown = null;
      s.misunderstandings -= 1;
      await t.reply('out_of_scope');
      return;
    }
    if (s.misunderstandings >= t.misunderstandingLimit) {
      await t.reply('handoff.transfer');
      t.handOff('low_confidence');
      return;
    }
    if (words && s.misunderstandings === 1 && guess && guess.confidence >= CONFIRM_CONFIDENCE) {
      const topic = await this.deps.templates.render(`topic.${guess.intent}`, {}, { locale: t.input.locale, region: t.input.region });
      s.awaiting = 'confirm';
      s.context = { ...s.context, pending: { action: 'intent', data: { intent: guess.intent } } };
      await t.reply('fallback.confirm', { topic: topic.text });
      return;
    }
    await t.reply(s.misunderstandings >= 2 ? 'fallback.not_understood_again' : 'fallback.not_understood');
  }

  private async handle(t: Turn, intent: string, extracted: ExtractedSlots, fresh: boolean): Promise<void> {
    const handler = BY_INTENT.get(intent);
    const s = t.state;
    t.intent = intent;
    if (!handler) {
      await t.reply('out_of_scope');
      return;
    }
    const switching = intent !== s.activeIntent;
    const keep: Record<string, SlotValue | null | undefined> = {};
    for (const n of handler.slots) keep[n] = extracted[n];
    const base = switching ? carryOver(s.slots) : s.slots;
    const merge = mergeSlots(base, keep);
    s.slots = merge.slots;
    s.activeIntent = intent;
    if (switching || fresh) s.context = { ...s.context, ...(switching ? { offeredOrders: [], offeredProducts: [] } : {}) };
    if (!switching && merge.corrected.length && s.awaiting !== merge.corrected[0]) {
      const name = merge.corrected[0];
      const value = String(s.slots[name]);
      await t.reply('dialogue.slot_corrected', { value: name === 'colour' ? colourName(value, t.lang) : value });
    }
    await handler.handle(t);
    await this.resume(t);
  }

  /** After a detour, come back to the topic left waiting. */
  private async resume(t: Turn): Promise<void> {
    const s = t.state;
    const suspended = s.context.suspended;
    if (!suspended || s.awaiting || t.handoff || suspended.intent === s.activeIntent) {
      if (suspended && suspended.intent === s.activeIntent) s.context = { ...s.context, suspended: null };
      return;
    }
    s.context = { ...s.context, suspended: null };
    s.activeIntent = suspended.intent;
    s.slots = suspended.slots;
    s.awaiting = suspended.awaiting;
    if (suspended.awaiting && suspended.awaiting !== 'confirm') {
      await t.reply('dialogue.resume', {});
      await t.reply(ASK_KEYS[suspended.awaiting] ?? `ask.${suspended.awaiting}`);
    }
  }
}

/**
 * How sure the language engine must be for the bot to act on an intent: the threshold the admin set
 * for that intent (handoff settings, per intent), else MIN_CONFIDENCE. Between CONFIRM_CONFIDENCE
 * and this the likely intent is confirmed first. The settings' default threshold (0.85) is not
 * applied to intents without their own: the offline engine reads most clear messages at 0.5–0.85
 * (see the hand-off report), and confirming those would ask shoppers to repeat what it understood.
 */
export function actsAt(t: Turn, intent: string): number {
  const own = t.input.thresholds?.intentThresholds[intent];
  return own === undefined ? MIN_CONFIDENCE : Math.max(own, CONFIRM_CONFIDENCE);
}

/** The slots that answer each question the bot asks. */
const ASKED_BY: Record<string, (keyof ExtractedSlots)[]> = {
  order_number: ['order_number', 'tracking_number'],
  phone_tail: ['phone_tail', 'email'],
  size: ['size', 'colour', 'storage'],
  change: ['size', 'colour', 'storage', 'quantity'],
  height_cm: ['height_cm', 'weight_kg', 'size'],
  product_query: ['product_query'],
  reason: ['reason'],
};

const ASK_KEYS: Record<string, string> = {
  height_cm: 'ask.height_weight',
  size: 'ask.size_colour',
  change: 'ask.size_colour',
  product_query: 'ask.product',
};

/**
 * A follow-up that only swaps a value: "M码呢", "黑色的呢?", "what about L", "Lは?" — it continues
 * the topic whatever the classifier makes of it.
 */
export function elliptical(text: string, entities: readonly { start: number; end: number }[]): boolean {
  if (/^(what|how) about\b|^and\b|^那|呢[?？]?$|は[?？]?$|の方は[?？]?$/i.test(text.trim())) return true;
  let rest = '';
  let at = 0;
  for (const e of [...entities].sort((a, b) => a.start - b.start)) {
    if (e.start < at) continue;
    rest += text.slice(at, e.start);
    at = e.end;
  }
  rest += text.slice(at);
  const residue = rest.replace(/[\s\p{P}\p{S}]/gu, '');
  return residue.length <= 2;
}

/** A new topic keeps the order and product talked about, not the old topic's other answers. */
function carryOver(slots: Record<string, SlotValue>): Record<string, SlotValue> {
  const out: Record<string, SlotValue> = {};
  for (const k of ['order_number', 'product_query']) if (slots[k] !== undefined) out[k] = slots[k];
  return out;
}
