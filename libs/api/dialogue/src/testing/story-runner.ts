/* Runs conversation stories against a booted app: signed pushes to the API channel, then the database. */
import { createHmac, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { SIGNATURE_HEADER, signaturePayload, TIMESTAMP_HEADER } from '@kefu/shared/contracts';
import { checkTurn, ObservedReply, TurnObservation } from './story-checks';
import type { LoadedStory, StoryTurn } from './story.schema';

/** One running app the stories talk to: its URL, its database and an API inbox on it. */
export interface StoryTarget {
  url: string;
  db: DataSource;
  inbox: { id: string; secret: string };
  /** Why a message was not processed (e.g. the worker's last error), when the app can tell. */
  diagnose?: (messageId: string) => Promise<string | null>;
}

/** The apps a run may need: `down` (order system unreachable) is booted only when a story asks for it. */
export interface StoryTargets {
  up: StoryTarget;
  down?: () => Promise<StoryTarget>;
}

export interface TurnResult {
  turn: number;
  say: string;
  observation: TurnObservation | null;
  failures: string[];
  ms: number;
}

export interface StoryResult {
  story: LoadedStory;
  outcome: 'passed' | 'failed' | 'skipped';
  turns: TurnResult[];
  /** The shopper this run used (unique per story run). */
  externalUserId: string;
  conversationId: string | null;
  /** Why the story stopped before its last turn (or could not start). */
  aborted: string | null;
  ms: number;
}

export interface RunStoriesOptions {
  /** How long one turn may take to be processed (default 15 s). */
  turnTimeoutMs?: number;
  /** Stories run at once, each as its own shopper (default 4). */
  concurrency?: number;
  /** Called as each story finishes, in completion order. */
  onResult?: (result: StoryResult) => void;
}

export const DEFAULT_TURN_TIMEOUT_MS = 15_000;

/** Runs every story (each as a fresh shopper) and returns the results in the stories' order. */
export async function runStories(
  stories: LoadedStory[],
  targets: StoryTargets,
  opts: RunStoriesOptions = {},
): Promise<StoryResult[]> {
  const runId = randomBytes(4).toString('hex');
  const results: StoryResult[] = new Array(stories.length);
  let down: Promise<StoryTarget> | undefined;
  const targetFor = (story: LoadedStory): Promise<StoryTarget> => {
    if (story.orderSystem !== 'down') return Promise.resolve(targets.up);
    if (!targets.down) return Promise.reject(new Error('this run has no app with the order system down'));
    return (down ??= targets.down());
  };
  // A logged-in customer is one contact on every device (verified keys link identities), so two
  // stories of the same customer would share a conversation: they run one after the other, and each
  // story's conversation is resolved when it ends, as a finished chat would be.
  const customerTurns = new Map<string, Promise<void>>();
  const exclusive = async <T>(customer: string | undefined, fn: () => Promise<T>): Promise<T> => {
    if (!customer) return fn();
    const before = customerTurns.get(customer) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    customerTurns.set(customer, before.then(() => mine));
    await before;
    try {
      return await fn();
    } finally {
      release();
    }
  };
  let next = 0;
  const worker = async () => {
    while (next < stories.length) {
      const i = next++;
      results[i] = await exclusive(stories[i].shopper.customerRef, async () => {
        const r = await runStory(stories[i], targetFor, `story-${runId}-${i + 1}`, opts);
        if (r.conversationId && stories[i].shopper.customerRef) {
          const target = await targetFor(stories[i]);
          await target.db.query(`UPDATE conversations SET status = 'resolved', updated_at = now() WHERE id = $1`, [r.conversationId]);
        }
        return r;
      });
      opts.onResult?.(results[i]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 4, stories.length)) }, worker),
  );
  return results;
}

async function runStory(
  story: LoadedStory,
  targetFor: (s: LoadedStory) => Promise<StoryTarget>,
  externalUserId: string,
  opts: RunStoriesOptions,
): Promise<StoryResult> {
  const started = Date.now();
  const result: StoryResult = {
    story,
    outcome: 'passed',
    turns: [],
    externalUserId,
    conversationId: null,
    aborted: null,
    ms: 0,
  };
  const finish = () => {
    result.ms = Date.now() - started;
    if (result.outcome !== 'skipped')
      result.outcome = result.aborted || result.turns.some((t) => t.failures.length) ? 'failed' : 'passed';
    return result;
  };
  if (story.skip) {
    result.outcome = 'skipped';
    return finish();
  }
  let target: StoryTarget;
  try {
    target = await targetFor(story);
  } catch (e) {
    result.aborted = `could not start the app for orderSystem: ${story.orderSystem}: ${(e as Error).message}`;
    return finish();
  }
  const seen = new Set<string>();
  for (const [i, turn] of story.turns.entries()) {
    const t0 = Date.now();
    const turnResult: TurnResult = { turn: i + 1, say: turn.say, observation: null, failures: [], ms: 0 };
    result.turns.push(turnResult);
    try {
      const { messageId, conversationId } = await push(
        target,
        story,
        turn,
        externalUserId,
        `${externalUserId}-t${i + 1}`,
      );
      result.conversationId = conversationId;
      const incoming = await waitProcessed(target, messageId, opts.turnTimeoutMs ?? DEFAULT_TURN_TIMEOUT_MS);
      turnResult.observation = await observe(target.db, conversationId, incoming, seen);
      turnResult.failures = checkTurn(turn.expect, turnResult.observation);
    } catch (e) {
      turnResult.failures.push((e as Error).message);
      result.aborted = `turn ${i + 1}: ${(e as Error).message}`;
      turnResult.ms = Date.now() - t0;
      break;
    }
    turnResult.ms = Date.now() - t0;
  }
  return finish();
}

/** POSTs the turn to the API channel, signed with the inbox secret, as the real app would. */
async function push(
  target: StoryTarget,
  story: LoadedStory,
  turn: StoryTurn,
  externalUserId: string,
  externalMessageId: string,
) {
  const metadata = {
    ...story.page,
    ...turn.metadata,
    ...(story.shopper.customerRef ? { customerRef: story.shopper.customerRef } : {}),
  };
  const raw = JSON.stringify({
    externalMessageId,
    externalUserId,
    text: turn.say,
    ...(story.shopper.locale ? { locale: story.shopper.locale } : {}),
    metadata,
  });
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = `sha256=${createHmac('sha256', target.inbox.secret).update(signaturePayload(ts, raw)).digest('hex')}`;
  const res = await fetch(`${target.url}/api/v1/inboxes/${target.inbox.id}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: ts, [SIGNATURE_HEADER]: signature },
    body: raw,
  });
  const body = await res.text();
  if (res.status !== 202)
    throw new Error(`the API channel answered HTTP ${res.status}: ${body.slice(0, 300)}`);
  return JSON.parse(body) as { messageId: string; conversationId: string };
}

interface IncomingRow {
  status: string;
  nlu: TurnObservation['nlu'];
  created_at: Date;
}

async function waitProcessed(
  target: StoryTarget,
  messageId: string,
  timeoutMs: number,
): Promise<IncomingRow> {
  const until = Date.now() + timeoutMs;
  let interval = 20;
  for (;;) {
    const [row] = (await target.db.query(`SELECT status, nlu, created_at FROM messages WHERE id = $1`, [
      messageId,
    ])) as IncomingRow[];
    if (row && row.status !== 'received') return row;
    if (Date.now() > until) {
      const why = await target.diagnose?.(messageId).catch(() => null);
      throw new Error(
        `not processed within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`} (status still "${row?.status ?? 'missing'}")` +
          (why ? `: ${why}` : ': is the worker running? Its log says why (LOG_LEVEL=warn)'),
      );
    }
    await new Promise((r) => setTimeout(r, interval));
    interval = Math.min(interval * 2, 200);
  }
}

/** The bot's replies to the turn (outgoing bot messages created since the incoming one), status and state. */
async function observe(
  db: DataSource,
  conversationId: string,
  incoming: IncomingRow,
  seen: Set<string>,
): Promise<TurnObservation> {
  const [replies, [conversation], [state]] = (await Promise.all([
    db.query(
      `SELECT id, text, content, metadata, auto_reply_kind FROM messages
        WHERE conversation_id = $1 AND direction = 'outgoing' AND sender_type = 'bot' AND created_at >= $2
        ORDER BY created_at, ctid`,
      [conversationId, incoming.created_at],
    ),
    db.query(`SELECT status, handoff_reason FROM conversations WHERE id = $1`, [conversationId]),
    db.query(`SELECT slots, active_intent, awaiting FROM dialogue_states WHERE conversation_id = $1`, [
      conversationId,
    ]),
  ])) as [ReplyRow[], { status: string; handoff_reason: string | null }[], StateRow[]];
  const fresh = replies.filter((r) => !seen.has(r.id));
  for (const r of fresh) seen.add(r.id);
  return {
    nlu: incoming.nlu,
    replies: fresh.map(toObservedReply),
    status: conversation?.status ?? 'missing',
    handoffReason: conversation?.handoff_reason ?? null,
    state: state
      ? { slots: state.slots ?? {}, activeIntent: state.active_intent, awaiting: state.awaiting }
      : null,
  };
}

interface ReplyRow {
  id: string;
  text: string;
  content: { quickReplies?: { label: string; payload: string }[]; cards?: { type: string }[] } | null;
  metadata: Record<string, unknown> | null;
  auto_reply_kind: string | null;
}
interface StateRow {
  slots: Record<string, unknown> | null;
  active_intent: string | null;
  awaiting: string | null;
}

function toObservedReply(r: ReplyRow): ObservedReply {
  const handled = r.metadata?.['intent'];
  return {
    text: r.text ?? '',
    quickReplies: Array.isArray(r.content?.quickReplies) ? r.content.quickReplies : [],
    cardTypes: Array.isArray(r.content?.cards) ? r.content.cards.map((c) => String(c?.type)) : [],
    handledAs: typeof handled === 'string' ? handled : null,
    autoReplyKind: r.auto_reply_kind,
  };
}
