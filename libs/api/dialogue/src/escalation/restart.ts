import type { DialogueState } from '../state/slots';

/**
 * After a hand-off the bot starts fresh when the conversation comes back to it: no misunderstood
 * turns counted, no question or confirmation pending, no topic left waiting. What the shopper
 * proved (verified orders, the customer, the language) and the order talked about stay.
 */
export function restart(state: DialogueState): DialogueState {
  return {
    ...state,
    activeIntent: null,
    awaiting: null,
    misunderstandings: 0,
    context: { ...state.context, pending: null, suspended: null, offeredOrders: [], offeredProducts: [] },
  };
}

/**
 * The conversation went to a human after the bot last saved its state (a hand-off outside the
 * bot's turn: the kill switch, an agent's takeover, the idle rules), so this turn follows a hand-back.
 */
export function handedBackSince(state: DialogueState, handoffAt: Date | null): boolean {
  return !!handoffAt && !!state.updatedAt && handoffAt.getTime() > state.updatedAt.getTime();
}
