import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { NluResult } from '@kefu/shared/contracts';
import { COMMERCE_CONNECTOR, CommerceConnector } from '@kefu/api/commerce';
import { ReplyStream, ReplyStreams } from '@kefu/api/conversations';
import { KnowledgeService } from '@kefu/api/knowledge';
import { HistoryMessage, LlmIntentClassifier, LlmReplyWriter, LlmRuntime, LlmTrainingCandidates, OfflineReason } from '@kefu/api/llm';
import type { Turn } from '../engine/turn';
import { statusLabel } from '../engine/vocab';

/** Below this, Claude's own confidence in its reply sends the turn to the escalation rules as a hand-off. */
export const LOW_LLM_CONFIDENCE = 0.5;
/** Claude's classification replaces the offline engine's when it is at least this sure. */
export const LLM_CLASSIFICATION_CONFIDENCE = 0.7;
/** A disagreement is kept for training only when Claude is at least this sure. */
export const CANDIDATE_CONFIDENCE = 0.5;
const HISTORY = 12;
const ARTICLES = 3;
/** The longest note for the agent kept from the model's hand_off call. */
const HANDOFF_NOTE_CHARS = 500;

/** What Claude did in one turn, for the event log, the reply's metadata and the stream. */
export interface ClaudeTurnNote {
  /** Claude wrote this reply (the object in `turn.replies`). */
  reply: Turn['replies'][number] | null;
  /** The widget stream it was shown on while written; the final message carries its id. */
  stream: ReplyStream | null;
  /** Why the offline answer stands, when Claude was asked and did not answer. */
  offline: OfflineReason | null;
  steps: number;
  tools: string[];
}

export interface ClassificationNote {
  by: 'claude';
  offline: { intent: string; confidence: number };
  llm: { intent: string; confidence: number };
  applied: boolean;
}

/**
 * Claude in the dialogue stage. Two seams, both optional (without a key, or when the API fails, the
 * offline engine answers as before):
 * - `classify`: a message the offline engine read below its threshold is classified by Claude into the
 *   taxonomy; a disagreement is kept as a training candidate, and a confident one replaces the reading.
 * - `answer`: a turn the offline engine could not answer (not understood, no article, out of scope) is
 *   written by Claude with the tools, streamed to the widget; its structured outcome decides whether the
 *   conversation goes to a human (low confidence or `handoff` → the escalation rules).
 */
@Injectable()
export class ClaudeTurns {
  private readonly log = new Logger(ClaudeTurns.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly runtime: LlmRuntime,
    private readonly writer: LlmReplyWriter,
    private readonly classifier: LlmIntentClassifier,
    private readonly candidates: LlmTrainingCandidates,
    private readonly streams: ReplyStreams,
    private readonly knowledge: KnowledgeService,
    @Inject(COMMERCE_CONNECTOR) private readonly commerce: CommerceConnector,
  ) {}

  /** Whether Claude should write this turn instead of the offline answer. */
  static wants(t: Turn): boolean {
    if (t.handoff) return false;
    return t.outcome === 'misunderstood' || t.unknown === 'low_confidence' || t.intent === 'out_of_scope';
  }

  /**
   * Claude reads a message the offline engine is unsure of. Mutates `nlu` when Claude is confident (its
   * intent first in the ranking); returns what happened, or null when Claude was not asked.
   */
  async classify(input: {
    text: string;
    nlu: NluResult;
    intents: readonly string[];
    channel: string;
    region: string | null;
    conversationId: string;
    messageId: string;
    contactId: string;
  }): Promise<ClassificationNote | null> {
    const { nlu } = input;
    // Cheap (cached settings, no I/O): nothing is read for a prompt when Claude is off here.
    if (!(await this.runtime.resolve({ purpose: 'classify', channel: input.channel, region: input.region })).ok) return null;
    const history = await this.history(input.conversationId, input.messageId, 4);
    const r = await this.classifier.classify({
      text: input.text,
      language: nlu.language,
      intents: input.intents,
      history,
      channel: input.channel,
      region: input.region,
      conversationId: input.conversationId,
    });
    if (!r.ok) return null;
    const offline = { intent: nlu.intent, confidence: nlu.confidence };
    // An unsure disagreement teaches nothing: only a reading Claude stands by becomes a training candidate.
    if (r.intent !== nlu.intent && r.confidence >= CANDIDATE_CONFIDENCE) {
      await this.candidates
        .record({
          text: input.text.slice(0, 2000),
          language: nlu.language,
          offlineIntent: nlu.intent,
          offlineConfidence: nlu.confidence,
          llmIntent: r.intent,
          llmConfidence: r.confidence,
          conversationId: input.conversationId,
          messageId: input.messageId,
          contactId: input.contactId,
        })
        .catch((err: Error) => this.log.warn(`could not keep a training candidate: ${err.message}`));
    }
    const applied = r.confidence >= LLM_CLASSIFICATION_CONFIDENCE && r.confidence > nlu.confidence;
    if (applied) {
      nlu.intent = r.intent;
      nlu.confidence = r.confidence;
      nlu.ranking = [{ intent: r.intent, confidence: r.confidence }, ...nlu.ranking.filter((x) => x.intent !== r.intent)];
    }
    return { by: 'claude', offline, llm: { intent: r.intent, confidence: r.confidence }, applied };
  }

  /**
   * Claude writes the turn's reply. On success the offline replies are replaced and the turn's outcome,
   * hand-off and state follow Claude's; otherwise the turn is left as the offline engine made it.
   */
  async answer(t: Turn, ctx: { inboxId: string }): Promise<ClaudeTurnNote | null> {
    const input = t.input;
    const handle = await this.runtime.resolve({ purpose: 'reply', channel: input.channel, intent: input.nlu.intent, region: input.region });
    if (!handle.ok) {
      // Switched off or no key is the normal offline mode, not worth an event; anything else is.
      return handle.reason === 'disabled' || handle.reason === 'no_key' ? null : { reply: null, stream: null, offline: handle.reason, steps: 0, tools: [] };
    }
    const [history, articles, shopper] = await Promise.all([
      this.history(input.conversationId, input.messageId, HISTORY),
      this.articles(t),
      this.shopper(t),
    ]);
    const stream = handle.settings.streaming
      ? await this.streams.open({
          inboxId: ctx.inboxId,
          channel: input.channel,
          conversationId: input.conversationId,
          contactId: input.contactId,
          replyTo: input.messageId,
        })
      : null;
    const result = await this.writer.write(
      {
        conversationId: input.conversationId,
        messageId: input.messageId,
        intent: input.nlu.intent,
        language: t.lang,
        region: input.region,
        channel: input.channel,
        reading: { intent: input.nlu.intent, confidence: input.nlu.confidence, emotion: input.nlu.emotion.label },
        articles,
        shopper,
        history,
        text: input.text,
        shopperAccess: { customerRef: t.customerRef, verifiedOrders: t.state.context.verifiedOrders ?? [] },
        commerce: this.commerce,
        now: input.now,
      },
      stream ?? undefined,
    );
    if (!result.ok) {
      stream?.reset();
      return { reply: null, stream: null, offline: result.reason, steps: 0, tools: [] };
    }
    const o = result.outcome;
    const s = t.state;
    t.replies.length = 0;
    t.replyKeys.length = 0;
    let reply: Turn['replies'][number] | null = null;
    if (o.reply.trim()) {
      t.say(o.reply);
      reply = t.replies[0];
    }
    // Claude answered: the offline fallback's confirm/rephrase ladder is over.
    s.misunderstandings = 0;
    s.awaiting = null;
    t.unknown = null;
    t.outcome = 'answered';
    const handingOff = o.action === 'handoff' || o.confidence < LOW_LLM_CONFIDENCE || !reply;
    if (handingOff) t.handOff(o.action === 'handoff' && o.reason ? o.reason : 'low_confidence');
    // The model's note for the agent (hand_off) goes into the hand-off summary.
    const note = handingOff ? result.handoffSummary?.trim().slice(0, HANDOFF_NOTE_CHARS) || null : null;
    s.context = { ...s.context, pending: null, handoffNote: note };
    if (stream) {
      if (result.streamed && reply) stream.end();
      else stream.reset();
    }
    return {
      reply,
      stream: result.streamed && reply ? stream : null,
      offline: null,
      steps: result.steps,
      tools: result.toolCalls.map((c) => `${c.name}:${c.status}`),
    };
  }

  /** The conversation before this message, oldest first (text only; system and note messages left out). */
  private async history(conversationId: string, messageId: string, limit: number): Promise<HistoryMessage[]> {
    const rows = (await this.db.query(
      `SELECT sender_type, text FROM messages
        WHERE conversation_id = $1 AND id <> $2 AND sender_type IN ('contact', 'bot', 'agent') AND coalesce(text, '') <> ''
        ORDER BY created_at DESC, id DESC LIMIT $3`,
      [conversationId, messageId, limit],
    )) as { sender_type: string; text: string }[];
    return rows.reverse().map((r) => ({ from: r.sender_type === 'contact' ? 'shopper' : r.sender_type === 'agent' ? 'agent' : 'bot', text: r.text.slice(0, 2000) }));
  }

  private async articles(t: Turn) {
    const hits = await this.knowledge
      .search(t.text, { locale: t.input.locale, region: t.input.region ?? undefined, limit: ARTICLES, fallbackLocales: false })
      .catch(() => []);
    const out = [];
    for (const h of hits.filter((x) => x.score >= 0.2)) {
      const a = await this.knowledge.getArticle(h.articleId).catch(() => null);
      if (a) out.push({ title: a.title, answer: a.answer, score: h.score });
    }
    return out;
  }

  private async shopper(t: Turn) {
    const profile = await t.profile().catch(() => null);
    const verified = t.state.context.verifiedOrders ?? [];
    const orders = (profile?.recentOrders ?? []).map((o) => ({
      number: o.number,
      status: statusLabel(o.status, t.lang),
      placedAt: o.placedAt ? o.placedAt.toISOString().slice(0, 10) : null,
    }));
    for (const n of verified) if (!orders.some((o) => o.number === n)) orders.push({ number: n, status: 'verified in this conversation', placedAt: null });
    return {
      tier: profile?.customer?.tier ?? null,
      verified: !!t.customerRef || verified.length > 0,
      orders,
      tags: profile?.tags ?? [],
      pastTopics: [...new Set((profile?.pastTopics ?? []).map((p) => p.intent))].slice(0, 8),
    };
  }
}
