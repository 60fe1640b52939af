import type Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import {
  LoopCreateParams,
  MessagesCreator,
  PLACEHOLDER_INSTRUCTION,
  redactFor,
  restoreDeep,
} from '@kefu/api/llm';
import type { HandoffSummaryBody } from '../entities/handoff-summary.entity';
import type { SummaryContext, SummaryMessage } from './summary-context';
import { LANGUAGE_NAMES } from './summary-vocab';

/** The transcript sent to Claude: the latest messages, each cut to a length that keeps the prompt small. */
export const CLAUDE_SUMMARY_MESSAGES = 20;
const MESSAGE_CHARS = 500;

export const WRITE_SUMMARY_TOOL = 'write_summary';

/** What the model must hand back (validated; anything else falls back to the offline summary). */
export const writeSummaryInput = z
  .object({
    wants: z.string().trim().min(1).max(300).describe('What the shopper wants, in one short line'),
    tried: z
      .array(z.string().trim().min(1).max(300))
      .max(6)
      .describe('What the bot already tried or answered, oldest first, one short line each'),
    facts: z
      .array(z.string().trim().min(1).max(200))
      .max(8)
      .describe(
        'Facts the agent needs: order numbers, products, amounts, dates, the hand-off reason, the customer tier',
      ),
    mood: z.string().trim().min(1).max(100).describe("The shopper's mood in a few words"),
  })
  .strict();

function toolDefinition(): Anthropic.Tool {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(writeSummaryInput, { io: 'input' }) as Record<
    string,
    unknown
  >;
  return {
    name: WRITE_SUMMARY_TOOL,
    description: 'Hands the summary to the agent. Call it exactly once.',
    input_schema: schema as Anthropic.Tool.InputSchema,
  };
}

const SPEAKER: Record<SummaryMessage['sender'], string> = {
  contact: 'Shopper',
  bot: 'Bot',
  agent: 'Agent',
  system: 'System',
};

export function transcriptLines(
  messages: readonly SummaryMessage[],
  limit = CLAUDE_SUMMARY_MESSAGES,
): string[] {
  return messages
    .filter((m) => m.text.trim())
    .slice(-limit)
    .map(
      (m) =>
        `${SPEAKER[m.sender] ?? m.sender}: ${m.text.replace(/\s+/g, ' ').trim().slice(0, MESSAGE_CHARS)}`,
    );
}

/**
 * The request: the bot's own records (the offline summary) and the latest messages, with personal data
 * replaced by placeholders (one map for the whole prompt, so the same phone number is the same placeholder
 * everywhere). Returns the map to restore the answer with.
 */
export function summaryRequest(
  ctx: SummaryContext,
  offline: HandoffSummaryBody,
  mask = true,
): { params: LoopCreateParams; map: Map<string, string> } {
  const records = [
    `- wants: ${offline.wants}`,
    ...offline.tried.map((t) => `- tried: ${t}`),
    ...offline.facts.map((f) => `- fact: ${f}`),
    `- mood (language engine): ${offline.mood}`,
  ];
  const body = [
    "The bot's records of this conversation:",
    ...records,
    '',
    'The conversation (oldest first):',
    ...transcriptLines(ctx.messages),
  ].join('\n');
  const { text, map } = redactFor(mask, body);
  const language = LANGUAGE_NAMES[ctx.language];
  const system =
    "You write the hand-off summary for the human agent who takes over an online shop's customer-service conversation from the bot. " +
    `Write it in ${language}, the shopper's language. Keep it short: the agent reads it in a few seconds. ` +
    'Use only what the records and the conversation say; never invent an order, an amount, a date or a promise. ' +
    PLACEHOLDER_INSTRUCTION;
  return {
    params: {
      max_tokens: 800,
      system,
      messages: [{ role: 'user', content: text }],
      tools: [toolDefinition()],
      tool_choice: { type: 'tool', name: WRITE_SUMMARY_TOOL },
    },
    map,
  };
}

/** Why Claude's summary was not used (no message text in it: it goes to the logs). */
export class SummaryRejectedError extends Error {}

/** One Claude call; the tool's validated answer with the placeholders restored. Throws on any failure. */
export async function claudeSummary(
  client: MessagesCreator,
  ctx: SummaryContext,
  offline: HandoffSummaryBody,
  /** False only for a region the admin allows unmasked. */
  mask = true,
): Promise<HandoffSummaryBody> {
  const { params, map } = summaryRequest(ctx, offline, mask);
  const message = await client.create(params, {
    purpose: 'handoff_summary',
    conversationId: ctx.conversationId,
  });
  const call = message.content.find(
    (b): b is Anthropic.ToolUseBlock => b.type === 'tool_use' && b.name === WRITE_SUMMARY_TOOL,
  );
  if (!call)
    throw new SummaryRejectedError(`no ${WRITE_SUMMARY_TOOL} call (stop reason ${message.stop_reason})`);
  const parsed = writeSummaryInput.safeParse(call.input);
  if (!parsed.success)
    throw new SummaryRejectedError(
      `invalid ${WRITE_SUMMARY_TOOL} input: ${parsed.error.issues.map((i) => i.path.join('.') || 'input').join(', ')}`,
    );
  return restoreDeep(parsed.data, map);
}
