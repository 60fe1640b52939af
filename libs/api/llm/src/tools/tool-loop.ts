import type Anthropic from '@anthropic-ai/sdk';
import type { HandoffReason } from '@kefu/shared/contracts';
import type { ToolExecutor, ToolStatus } from './tool-execution';
import { unsupportedAmounts } from './money-claims';
import { partialStringField } from './partial-json';
import { cachedToolDefinitions } from './tool-definitions';
import { type TurnOutcome, describeIssues, respondInput } from './tool-schemas';

/** A non-streaming Messages API request; without `model` the client's configured model answers. */
export type LoopCreateParams = Omit<Anthropic.MessageCreateParamsNonStreaming, 'model'> & { model?: string };

/** Anything with a Messages API `create`: the guarded `LlmClient`, or a wrapper around the SDK's `messages`. */
export interface MessagesCreator {
  create(
    params: LoopCreateParams,
    meta: { purpose: string; conversationId?: string },
  ): Promise<Anthropic.Message>;
  /** Streaming (the guarded `LlmClient` has it): used when the loop is given a `replyStream`. */
  stream?(
    params: LoopCreateParams,
    meta: { purpose: string; conversationId?: string },
    onText: (delta: string) => void,
    handlers: { onToolInput?: (toolName: string, partialJson: string) => boolean },
  ): Promise<Anthropic.Message>;
}

/** Where the `respond` reply goes while the model writes it (the widget, token by token). */
export interface ReplyDeltaSink {
  write(delta: string): void;
  /** What was written is withdrawn: the reply was rejected and is being written again, or will not come. */
  reset(): void;
}

export interface ToolLoopOptions {
  client: MessagesCreator;
  /** Default: the client's configured model (the admin setting). */
  model?: string;
  system: string | Anthropic.TextBlockParam[];
  /** The conversation so far, ending with the shopper's message. Not modified. */
  messages: readonly Anthropic.MessageParam[];
  /** Default: every tool, `respond` last, with a cache breakpoint. */
  tools?: Anthropic.Tool[];
  executor: ToolExecutor;
  /** Model calls at most; then the turn goes to a human (`tool_failure`). */
  maxSteps: number;
  maxTokens?: number;
  conversationId?: string;
  /**
   * Redaction seams: `toolInput` restores placeholders in the model's arguments before our code runs them;
   * `toolResult` masks personal data in a result before it goes back to the model.
   */
  hooks?: { toolInput?: (input: unknown) => unknown; toolResult?: (content: string) => string };
  /** Stream the `respond` tool's reply as it is generated (needs a client with `stream`). */
  replyStream?: ReplyDeltaSink;
  /** Usage purpose recorded for each call (default 'tool_loop'). */
  purpose?: string;
}

export interface ToolCallRecord {
  step: number;
  name: string;
  /** The executor's status; `respond` is `accepted`, or `rejected` (invalid, premature, unbacked amounts). */
  status: ToolStatus | 'accepted' | 'rejected';
}

export interface ToolLoopResult {
  outcome: TurnOutcome;
  /** Model calls made. */
  steps: number;
  toolCalls: ToolCallRecord[];
  /** The conversation with this turn's assistant and tool-result messages appended. */
  messages: Anthropic.MessageParam[];
  /** The agent summary when the model called `hand_off`. */
  handoff: { reason: HandoffReason; summary: string } | null;
}

/** A plain-text answer (no `respond`) is accepted, but never with more confidence than this. */
export const TEXT_ONLY_CONFIDENCE = 0.5;

/**
 * The bounded tool loop: call the model, run its `tool_use` blocks through the executor, feed the
 * `tool_result`s back, until it calls `respond` (the structured outcome) or answers in plain text
 * (→ `continue` with at most {@link TEXT_ONLY_CONFIDENCE}). A `respond` stating an amount no tool returned
 * is sent back to the model to correct; `respond` next to other tools is sent back too (it cannot have
 * read their results). The last allowed step forces `respond`; past `maxSteps` the turn is handed off
 * (`tool_failure`, empty reply: the platform's hand-off text answers). A `hand_off` call makes the outcome
 * a handoff whatever `respond` says.
 */
export async function runToolLoop(opts: ToolLoopOptions): Promise<ToolLoopResult> {
  const { client, executor, hooks } = opts;
  const tools = opts.tools ?? cachedToolDefinitions();
  const messages: Anthropic.MessageParam[] = [...opts.messages];
  const toolCalls: ToolCallRecord[] = [];
  let handoff: ToolLoopResult['handoff'] = null;
  const maxSteps = Math.max(1, Math.floor(opts.maxSteps));
  const finish = (outcome: TurnOutcome, steps: number): ToolLoopResult => ({
    outcome: handoff
      ? {
          ...outcome,
          action: 'handoff',
          reason: outcome.action === 'handoff' ? outcome.reason : handoff.reason,
        }
      : outcome,
    steps,
    toolCalls,
    messages,
    handoff,
  });

  const sink = opts.replyStream && client.stream ? opts.replyStream : null;
  let shown = 0;
  const withdraw = () => {
    if (!sink || !shown) return;
    sink.reset();
    shown = 0;
  };
  for (let step = 1; step <= maxSteps; step++) {
    const last = step === maxSteps && tools.some((t) => t.name === 'respond');
    const params: LoopCreateParams = {
      ...(opts.model ? { model: opts.model } : {}),
      max_tokens: opts.maxTokens ?? 1024,
      system: opts.system,
      messages,
      tools,
      tool_choice: last ? { type: 'tool', name: 'respond' } : { type: 'any' },
    };
    const meta = { purpose: opts.purpose ?? 'tool_loop', conversationId: opts.conversationId };
    let message: Anthropic.Message;
    if (sink && client.stream) {
      // Only the `respond` reply reaches the shopper while it is written; text before a tool call does not.
      message = await client.stream(params, meta, () => undefined, {
        onToolInput: (name, partialJson) => {
          if (name !== 'respond') return false;
          const reply = partialStringField(partialJson, 'reply');
          if (reply !== null) {
            const visible = reply.trimStart();
            if (visible.length > shown) {
              sink.write(visible.slice(shown));
              shown = visible.length;
            }
          }
          return shown > 0;
        },
      }).catch((err) => {
        withdraw();
        throw err;
      });
    } else {
      message = await client.create(params, meta);
    }
    messages.push({ role: 'assistant', content: message.content.map(toParam) });
    const uses = message.content.filter((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
    if (!uses.length) {
      withdraw();
      return finish(fromText(message, executor), step);
    }

    const results: Anthropic.ToolResultBlockParam[] = [];
    const reject = (id: string, error: string) => {
      withdraw();
      toolCalls.push({ step, name: 'respond', status: 'rejected' });
      results.push({
        type: 'tool_result',
        tool_use_id: id,
        content: JSON.stringify({ error }),
        is_error: true,
      });
    };
    const others = uses.filter((u) => u.name !== 'respond');
    for (const use of others) {
      const input = hooks?.toolInput ? hooks.toolInput(use.input) : use.input;
      const run = await executor.execute(use.name, input);
      toolCalls.push({ step, name: use.name, status: run.status });
      if (run.handoff) handoff = run.handoff;
      const content = hooks?.toolResult ? hooks.toolResult(run.content) : run.content;
      results.push({ type: 'tool_result', tool_use_id: use.id, content, is_error: run.isError || undefined });
    }
    for (const use of uses.filter((u) => u.name === 'respond')) {
      if (others.length) {
        reject(use.id, 'respond must come alone, after you have read the other tool results');
        continue;
      }
      const parsed = respondInput.safeParse(use.input);
      if (!parsed.success) {
        reject(use.id, `invalid respond: ${describeIssues(parsed.error)}`);
        continue;
      }
      const unbacked = unsupportedAmounts(parsed.data.reply, executor.amounts);
      if (unbacked.length) {
        reject(
          use.id,
          `No tool returned these amounts: ${unbacked.join(', ')}. Look them up with a tool or reply without them.`,
        );
        continue;
      }
      toolCalls.push({ step, name: 'respond', status: 'accepted' });
      return finish({ ...parsed.data }, step);
    }
    messages.push({ role: 'user', content: results });
  }
  withdraw();
  return finish({ reply: '', action: 'handoff', reason: 'tool_failure', confidence: 0 }, maxSteps);
}

/** A plain-text answer as an outcome: low confidence; a refusal, an empty text or an unbacked amount hands off. */
function fromText(message: Anthropic.Message, executor: ToolExecutor): TurnOutcome {
  const reply = message.content
    .filter((b): b is Anthropic.TextBlock => b.type === 'text')
    .map((b) => b.text)
    .join('')
    .trim();
  if (!reply) return { reply: '', action: 'handoff', reason: 'tool_failure', confidence: 0 };
  if (message.stop_reason === 'refusal' || unsupportedAmounts(reply, executor.amounts).length)
    return { reply, action: 'handoff', reason: 'policy', confidence: 0 };
  return { reply, action: 'continue', reason: null, confidence: TEXT_ONLY_CONFIDENCE };
}

/** A response block as it goes back in the next request. */
function toParam(block: Anthropic.ContentBlock): Anthropic.ContentBlockParam {
  if (block.type === 'text') return { type: 'text', text: block.text };
  if (block.type === 'tool_use')
    return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
  return block as unknown as Anthropic.ContentBlockParam;
}
