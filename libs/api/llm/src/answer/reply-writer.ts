import { Injectable, Logger } from '@nestjs/common';
import type { CommerceConnector } from '@kefu/api/commerce';
import { LlmUnavailableError } from '../client';
import { redactFor, restore, restoreDeep, StreamRestorer } from '../redaction';
import { LlmRuntime, type LlmUnavailableReason } from '../runtime/llm-runtime';
import { CommerceToolExecutor, type ReplyDeltaSink, runToolLoop, type ToolCallRecord, type ToolShopper, type TurnOutcome } from '../tools';
import { buildReplyPrompt, type ReplyPromptInput } from './reply-prompt';

export interface ReplyWriterInput extends Omit<ReplyPromptInput, 'now'> {
  conversationId: string;
  /** The shopper's message: the tools' idempotency key (a retried turn never starts a second return). */
  messageId: string;
  intent: string;
  shopperAccess: ToolShopper;
  commerce: CommerceConnector;
  now: Date;
}

/** Why the offline answer stands: Claude was not asked (the runtime's reasons), or the call failed. */
export type OfflineReason = LlmUnavailableReason | 'timeout' | 'api_error';

export type ReplyWriterResult =
  | {
      ok: true;
      /** Placeholders restored: what the shopper reads. */
      outcome: TurnOutcome;
      steps: number;
      toolCalls: ToolCallRecord[];
      /** The model's note for the agent when it called hand_off (restored). */
      handoffSummary: string | null;
      /** Whether part of the reply was streamed (and not withdrawn). */
      streamed: boolean;
    }
  | { ok: false; reason: OfflineReason };

/**
 * Claude writes the reply to one shopper message: the prompt (cached instructions and region guide,
 * articles, profile, the conversation), personal data replaced by placeholders before anything leaves and
 * restored in tool arguments, in the streamed text and in the reply; the commerce tools run in our code
 * under policy; the bounded tool loop ends in `respond`. Any failure is an `ok: false` with the reason, and
 * the caller keeps the offline answer.
 */
@Injectable()
export class LlmReplyWriter {
  private readonly log = new Logger(LlmReplyWriter.name);

  constructor(private readonly runtime: LlmRuntime) {}

  async write(input: ReplyWriterInput, stream?: ReplyDeltaSink): Promise<ReplyWriterResult> {
    const handle = await this.runtime.resolve({ purpose: 'reply', channel: input.channel, intent: input.intent, region: input.region });
    if (!handle.ok) return { ok: false, reason: handle.reason };

    // One placeholder map for the whole turn: the same phone number is the same placeholder everywhere.
    // (Empty, and nothing masked, for a region the admin allows unmasked.)
    const map = new Map<string, string>();
    const mask = (text: string) => {
      const r = redactFor(handle.mask, text, map);
      for (const [k, v] of r.map) map.set(k, v);
      return r.text;
    };
    const prompt = buildReplyPrompt({
      ...input,
      text: mask(input.text),
      history: input.history.map((m) => ({ ...m, text: mask(m.text) })),
      articles: input.articles.map((a) => ({ ...a, answer: mask(a.answer) })),
    });
    const executor = new CommerceToolExecutor(input.commerce, {
      shopper: input.shopperAccess,
      requestKey: `llm:${input.messageId}`,
      locale: input.language === 'zh' ? 'zh-CN' : input.language === 'ja' ? 'ja' : 'en',
      now: () => input.now,
    });
    const restorer = new StreamRestorer(map);
    let shown = false;
    const sink: ReplyDeltaSink | undefined = stream
      ? {
          write: (delta) => {
            const safe = restorer.push(delta);
            if (safe) {
              shown = true;
              stream.write(safe);
            }
          },
          reset: () => {
            restorer.end();
            if (shown) stream.reset();
            shown = false;
          },
        }
      : undefined;
    try {
      const result = await runToolLoop({
        client: handle.client,
        system: prompt.system,
        messages: prompt.messages,
        executor,
        maxSteps: handle.settings.maxToolSteps,
        conversationId: input.conversationId,
        purpose: 'reply',
        replyStream: sink,
        hooks: {
          toolInput: (value) => restoreDeep(value, map),
          toolResult: (content) => mask(content),
        },
      });
      if (sink && shown) {
        const rest = restorer.end();
        if (rest) stream?.write(rest);
      }
      return {
        ok: true,
        outcome: { ...result.outcome, reply: restore(result.outcome.reply, map) },
        steps: result.steps,
        toolCalls: result.toolCalls,
        handoffSummary: result.handoff ? restore(result.handoff.summary, map) : null,
        streamed: shown,
      };
    } catch (err) {
      if (shown) stream?.reset();
      if (err instanceof LlmUnavailableError) {
        const reason = err.reason === 'disabled' ? 'disabled' : err.reason;
        return { ok: false, reason: reason as OfflineReason };
      }
      // A bad request or an SDK error: the offline answer stands; the message never goes to the log.
      this.log.warn(`Claude could not answer (${(err as Error).name}: ${String((err as Error).message).slice(0, 200)})`);
      return { ok: false, reason: 'api_error' };
    }
  }
}
