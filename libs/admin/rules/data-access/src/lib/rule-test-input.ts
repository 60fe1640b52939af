import type { HandoffReason, RuleEvent, RuleInput, RuleTestInput } from '@kefu/shared/contracts';

/** The tester's form as typed: every fact is optional, blank means "as the conversation says". */
export interface RuleTestForm {
  text: string;
  messageId: string | null;
  event: RuleEvent;
  channel: string;
  customerTier: string;
  region: string;
  orderValue: string;
  misunderstandings: string;
  retrievalScore: string;
  outcome: string;
  handoffReason: HandoffReason | '';
  idleMinutes: string;
  /** A `datetime-local` value (local time, no zone). */
  at: string;
}

export function emptyTestForm(event: RuleEvent = 'message_understood'): RuleTestForm {
  return {
    text: '',
    messageId: null,
    event,
    channel: '',
    customerTier: '',
    region: '',
    orderValue: '',
    misunderstandings: '',
    retrievalScore: '',
    outcome: '',
    handoffReason: '',
    idleMinutes: '',
    at: '',
  };
}

const num = (s: string): number | undefined => {
  if (!s.trim()) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
};

/** How many facts the form overrides (for the panel's badge). */
export function overriddenFacts(form: RuleTestForm): number {
  const keys: (keyof RuleTestForm)[] = ['channel', 'customerTier', 'region', 'orderValue', 'misunderstandings', 'retrievalScore', 'outcome', 'handoffReason', 'idleMinutes', 'at'];
  return keys.filter((k) => String(form[k] ?? '').trim() !== '').length;
}

/** The request for `POST /rules/test`: a picked message wins over the pasted text; blank facts are left out. */
export function buildTestInput(form: RuleTestForm, draft?: { id: string | null; rule: RuleInput }): RuleTestInput {
  const facts: RuleTestInput['facts'] = {};
  if (form.channel) facts.channel = form.channel;
  if (form.customerTier.trim()) facts.customerTier = form.customerTier.trim();
  if (form.region.trim()) facts.region = form.region.trim();
  const orderValue = num(form.orderValue);
  if (orderValue !== undefined) facts.orderValue = orderValue;
  const mis = num(form.misunderstandings);
  if (mis !== undefined) facts.misunderstandings = Math.round(mis);
  const score = num(form.retrievalScore);
  if (score !== undefined) facts.retrievalScore = score;
  if (form.outcome) facts.outcome = form.outcome;
  if (form.handoffReason) facts.handoffReason = form.handoffReason;
  const idle = num(form.idleMinutes);
  if (idle !== undefined) facts.idleMinutes = Math.round(idle);
  if (form.at) {
    const at = new Date(form.at);
    if (!Number.isNaN(at.getTime())) facts.at = at.toISOString();
  }
  const input: RuleTestInput = { event: form.event, facts };
  if (form.messageId) input.messageId = form.messageId;
  else input.text = form.text.trim();
  if (draft) input.draft = draft;
  return input;
}
