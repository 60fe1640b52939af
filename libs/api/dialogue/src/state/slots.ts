/**
 * Pure slot bookkeeping for one conversation: several slots from one message, corrections that
 * overwrite, cancel that clears. The handlers (next issue) decide which slots an intent needs.
 */

export type SlotValue = string | number | boolean;
export type Slots = Record<string, SlotValue>;

/** What the dialogue is waiting for: a slot's name, a yes/no confirmation, or nothing. */
export type Awaiting = string | 'confirm' | null;

/** What the dialogue remembers beyond the current topic's slots. */
export interface DialogueContext {
  /** The conversation's language, for messages whose own language is unclear (digits, emoji). */
  language?: 'zh' | 'en' | 'ja';
  /** The shop customer this shopper is (a verified login, or proved by an order and its phone tail). */
  customerRef?: string;
  /** Orders an anonymous shopper proved access to (phone tail or e-mail). */
  verifiedOrders?: string[];
  /** Failed verification attempts in a row. */
  verifyFailures?: number;
  /** A topic the shopper left while the bot was waiting for an answer, to come back to. */
  suspended?: { intent: string; slots: Slots; awaiting: Awaiting } | null;
  /** What a yes/no confirmation would do. */
  pending?: { action: string; orderNumber?: string; data?: Record<string, SlotValue> } | null;
  /** Orders offered as choices ("which one?"), in order. */
  offeredOrders?: string[];
  /** Products offered as choices, in order. */
  offeredProducts?: string[];
  /**
   * Claude's note for the agent when it handed this conversation off (its `hand_off` call), kept for the
   * hand-off summary; replaced by the next Claude turn, dropped on a hand-back.
   */
  handoffNote?: string | null;
}

export interface DialogueState {
  conversationId: string;
  activeIntent: string | null;
  slots: Slots;
  awaiting: Awaiting;
  turnCount: number;
  /** Consecutive turns the bot did not understand; reset by an understood turn. */
  misunderstandings: number;
  lastOrderNumber: string | null;
  lastProductId: string | null;
  context: DialogueContext;
  /** 0 for a state never saved; the store increments it on every save (optimistic concurrency). */
  version: number;
  updatedAt: Date | null;
}

export function emptyState(conversationId: string): DialogueState {
  return {
    conversationId,
    activeIntent: null,
    slots: {},
    awaiting: null,
    turnCount: 0,
    misunderstandings: 0,
    lastOrderNumber: null,
    lastProductId: null,
    context: {},
    version: 0,
    updatedAt: null,
  };
}

export interface SlotMerge {
  slots: Slots;
  /** Slots that had no value before. */
  filled: string[];
  /** Slots whose earlier value was replaced (the shopper corrected it). */
  corrected: string[];
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * Merges the slots extracted from one message into the current ones. Every non-empty value counts
 * ("黑色,256G" fills colour and storage at once); a different value for a filled slot is a
 * correction and overwrites it; empty values are ignored. Returns new objects, never mutates.
 */
export function mergeSlots(
  current: Slots,
  incoming: Record<string, SlotValue | null | undefined>,
): SlotMerge {
  const slots: Slots = { ...current };
  const filled: string[] = [];
  const corrected: string[] = [];
  for (const [name, value] of Object.entries(incoming)) {
    if (blank(value)) continue;
    const v = typeof value === 'string' ? value.trim() : (value as SlotValue);
    if (!(name in slots)) filled.push(name);
    else if (slots[name] !== v) corrected.push(name);
    slots[name] = v;
  }
  return { slots, filled, corrected };
}

/** The first required slot that has no value yet, or null when the intent can be answered. */
export function nextMissingSlot(required: readonly string[], slots: Slots): string | null {
  return required.find((name) => blank(slots[name])) ?? null;
}

/**
 * Applies one understood turn: a new intent resets the slots collected for the old one (the
 * shared context — last order, last product — stays), the extracted slots are merged, and what to
 * ask next is recomputed from `required`.
 */
export function applyTurn(
  state: DialogueState,
  turn: {
    intent?: string | null;
    slots?: Record<string, SlotValue | null | undefined>;
    required?: readonly string[];
  },
): { state: DialogueState; merge: SlotMerge } {
  const switching = !!turn.intent && turn.intent !== state.activeIntent;
  const base = switching ? {} : state.slots;
  const merge = mergeSlots(base, turn.slots ?? {});
  const activeIntent = turn.intent ?? state.activeIntent;
  const awaiting = turn.required ? nextMissingSlot(turn.required, merge.slots) : state.awaiting;
  const next: DialogueState = {
    ...state,
    activeIntent,
    slots: merge.slots,
    awaiting,
    turnCount: state.turnCount + 1,
    misunderstandings: 0,
    lastOrderNumber:
      typeof merge.slots['order_number'] === 'string' ? merge.slots['order_number'] : state.lastOrderNumber,
    lastProductId:
      typeof merge.slots['product_id'] === 'string' ? merge.slots['product_id'] : state.lastProductId,
  };
  return { state: next, merge };
}

/** A turn the bot did not understand: counts towards hand-off, keeps everything else. */
export function misunderstood(state: DialogueState): DialogueState {
  return { ...state, turnCount: state.turnCount + 1, misunderstandings: state.misunderstandings + 1 };
}

/** The shopper cancelled: forget the intent, its slots and the pending question; keep the context. */
export function cancelDialogue(state: DialogueState): DialogueState {
  return {
    ...state,
    activeIntent: null,
    slots: {},
    awaiting: null,
    turnCount: state.turnCount + 1,
    misunderstandings: 0,
  };
}
