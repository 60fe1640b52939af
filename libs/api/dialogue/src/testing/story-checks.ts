/* Checks one story turn's expectations against what the pipeline stored (pure; no I/O). */
import type { TurnExpectation } from './story.schema';

/** One bot reply to the turn, as stored in `messages`. */
export interface ObservedReply {
  text: string;
  quickReplies: { label: string; payload: string }[];
  cardTypes: string[];
  /** The intent the engine handled the turn as (reply metadata), when it says. */
  handledAs: string | null;
  autoReplyKind: string | null;
}

/** What the pipeline left in the database after one turn. */
export interface TurnObservation {
  /** messages.nlu of the incoming message: null when no stage stored a reading. */
  nlu: {
    language?: string;
    intent?: string;
    confidence?: number;
    ranking?: { intent: string; confidence: number }[];
  } | null;
  replies: ObservedReply[];
  status: string;
  handoffReason: string | null;
  /** dialogue_states of the conversation: null when there is none. */
  state: { slots: Record<string, unknown>; activeIntent: string | null; awaiting: string | null } | null;
}

export const replyText = (o: TurnObservation) => o.replies.map((r) => r.text).join('\n');

const HUMAN_STATUSES = new Set(['pending_human', 'human']);
const quote = (s: string) => JSON.stringify(s);
const lower = (s: string) => s.toLocaleLowerCase();

export function describeNlu(nlu: TurnObservation['nlu']): string {
  if (!nlu) return 'no NLU reading stored on the incoming message';
  const conf = typeof nlu.confidence === 'number' ? ` (${nlu.confidence.toFixed(2)})` : '';
  const others = (nlu.ranking ?? [])
    .filter((r) => r.intent !== nlu.intent)
    .slice(0, 2)
    .map((r) => `${r.intent} ${r.confidence.toFixed(2)}`);
  return `${nlu.intent ?? '?'}${conf}${others.length ? `; next: ${others.join(', ')}` : ''}${nlu.language ? `; language ${nlu.language}` : ''}`;
}

export function describeStatus(o: TurnObservation): string {
  return o.handoffReason && HUMAN_STATUSES.has(o.status)
    ? `${o.status} (handoff_reason: ${o.handoffReason})`
    : o.status;
}

/** Readable failures, empty when every expectation holds. */
export function checkTurn(expect: TurnExpectation, o: TurnObservation): string[] {
  const failures: string[] = [];
  const said = replyText(o);
  const saidLower = lower(said);
  // The reply itself is shown once with the turn (story-report), not in every failure.
  const inReply = o.replies.length ? 'the reply' : 'the reply (there is none)';

  if (expect.intent) {
    const wanted = expect.intent;
    if (!o.nlu)
      failures.push(
        `intent: expected ${wanted.join(' or ')}, but no NLU reading was stored on the incoming message`,
      );
    else if (!o.nlu.intent || !wanted.includes(o.nlu.intent))
      failures.push(`intent: expected ${wanted.join(' or ')}, got ${describeNlu(o.nlu)}`);
  }

  if (expect.slots) {
    if (!o.state)
      failures.push(
        `slots: expected ${JSON.stringify(expect.slots)}, but the conversation has no dialogue state`,
      );
    else {
      const wrong = Object.entries(expect.slots).filter(([k, v]) => {
        const actual = o.state?.slots[k];
        if (v === null) return actual !== undefined && actual !== null;
        return actual === undefined || actual === null || String(actual) !== String(v);
      });
      if (wrong.length)
        failures.push(
          `slots: expected ${wrong.map(([k, v]) => `${k}=${v === null ? '(absent)' : JSON.stringify(v)}`).join(', ')}, ` +
            `got ${JSON.stringify(o.state.slots)}`,
        );
    }
  }

  if (expect.noReply === true && o.replies.length)
    failures.push(`noReply: expected no reply, the bot said ${quote(said)}`);
  if (expect.noReply === false && !o.replies.length)
    failures.push('noReply: false: expected a reply, the bot said nothing');

  if (expect.reply) {
    const missing = expect.reply.filter((f) => !saidLower.includes(lower(f)));
    if (missing.length) failures.push(`reply: missing ${missing.map(quote).join(', ')} in ${inReply}`);
  }
  if (expect.replyNot) {
    const present = expect.replyNot.filter((f) => saidLower.includes(lower(f)));
    if (present.length)
      failures.push(`replyNot: ${present.map(quote).join(', ')} should not appear in the reply`);
  }
  if (expect.replyAny && !expect.replyAny.some((f) => saidLower.includes(lower(f))))
    failures.push(`replyAny: none of ${expect.replyAny.map(quote).join(', ')} in ${inReply}`);

  if (expect.cards) {
    const types = o.replies.flatMap((r) => r.cardTypes);
    const missing = expect.cards.filter((c) => !types.includes(c));
    if (missing.length)
      failures.push(
        `cards: missing ${missing.join(', ')}; the replies carry ${types.length ? types.join(', ') : 'no card'}`,
      );
  }

  if (expect.quickReplies !== undefined) {
    const labels = o.replies.flatMap((r) => r.quickReplies.map((q) => q.label));
    const offered = labels.length ? labels.map(quote).join(', ') : 'none';
    if (expect.quickReplies === true && !labels.length)
      failures.push('quickReplies: expected at least one, got none');
    else if (expect.quickReplies === false && labels.length)
      failures.push(`quickReplies: expected none, got ${offered}`);
    else if (Array.isArray(expect.quickReplies)) {
      const have = new Set(labels.map((l) => lower(l.trim())));
      const missing = expect.quickReplies.filter((l) => !have.has(lower(l.trim())));
      if (missing.length)
        failures.push(`quickReplies: missing ${missing.map(quote).join(', ')}; offered ${offered}`);
    }
  }

  if (expect.handoff !== undefined) {
    const handedOff = HUMAN_STATUSES.has(o.status);
    if (expect.handoff === false && handedOff)
      failures.push(`handoff: expected none, but the conversation is ${describeStatus(o)}`);
    else if (expect.handoff === true && o.status !== 'pending_human')
      failures.push(
        `handoff: expected a hand-off (pending_human), but the conversation is ${describeStatus(o)}`,
      );
    else if (
      typeof expect.handoff === 'string' &&
      (o.status !== 'pending_human' || o.handoffReason !== expect.handoff)
    )
      failures.push(
        `handoff: expected pending_human for ${expect.handoff}, but the conversation is ${describeStatus(o)}`,
      );
  }

  if (expect.status && o.status !== expect.status)
    failures.push(`status: expected ${expect.status}, got ${describeStatus(o)}`);

  return failures;
}
