import type Anthropic from '@anthropic-ai/sdk';
import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import type { SuggestionDto } from '@kefu/shared/contracts';
import { LlmRuntime, PLACEHOLDER_INSTRUCTION, redactFor, restoreDeep } from '@kefu/api/llm';
import { ContactProfileService } from '../profile/contact-profile.service';
import { transcriptLines } from './claude-summary';
import type { SummaryMessage } from './summary-context';
import type { LlmSuggester, LlmSuggestInput } from './suggestions.service';
import { LANGUAGE_NAMES } from './summary-vocab';

/** Messages of the conversation Claude reads for a suggestion. */
const SUGGEST_MESSAGES = 12;
const ARTICLE_CHARS = 1200;
export const SUGGEST_TOOL = 'suggest_replies';

export const suggestRepliesInput = z
  .object({
    replies: z
      .array(
        z
          .string()
          .trim()
          .min(1)
          .max(1500)
          .describe('One reply to the shopper, ready for the agent to edit and send'),
      )
      .min(1)
      .max(2),
  })
  .strict();

function toolDefinition(): Anthropic.Tool {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(suggestRepliesInput, { io: 'input' }) as Record<
    string,
    unknown
  >;
  return {
    name: SUGGEST_TOOL,
    description: 'Hands the draft replies to the agent. Call it exactly once.',
    input_schema: schema as Anthropic.Tool.InputSchema,
  };
}

/**
 * Suggested replies written by Claude for the agent (the `LLM_SUGGESTER` seam): one call with the recent
 * messages, the matching articles and the shopper's basics, personal data replaced by placeholders before it
 * leaves and restored in the drafts. Nothing when Claude is off for the conversation (channel, region,
 * agent assist, budget, breaker) or fails: the bot's and the articles' suggestions stand on their own.
 */
@Injectable()
export class ClaudeSuggester implements LlmSuggester {
  private readonly log = new Logger(ClaudeSuggester.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly profiles: ContactProfileService,
    @Optional() private readonly runtime?: LlmRuntime,
  ) {}

  async suggest(input: LlmSuggestInput): Promise<SuggestionDto[]> {
    if (!this.runtime) return [];
    const handle = await this.runtime.resolve({
      purpose: 'suggest',
      channel: input.channel,
      region: input.region,
      intent: input.intent,
    });
    if (!handle.ok) return [];
    const { text, map } = redactFor(handle.mask, await this.prompt(input));
    const system =
      "You draft replies for the human agent of an online shop's customer service; the agent reviews and edits them before sending. " +
      `Write one or two alternative replies to the shopper's latest message, in ${LANGUAGE_NAMES[input.language]}, the shopper's language, ` +
      "polite and short (a few sentences). State only facts found in the articles, the shopper's details or the conversation; never state " +
      'an amount, a date, a refund or a promise that is not there: when something must be checked, say the agent will check it. ' +
      PLACEHOLDER_INSTRUCTION;
    try {
      const message = await handle.client.create(
        {
          max_tokens: 700,
          system,
          messages: [{ role: 'user', content: text }],
          tools: [toolDefinition()],
          tool_choice: { type: 'tool', name: SUGGEST_TOOL },
        },
        { purpose: 'suggest', conversationId: input.conversationId },
      );
      const call = message.content.find(
        (b): b is Anthropic.ToolUseBlock => b.type === 'tool_use' && b.name === SUGGEST_TOOL,
      );
      const parsed = suggestRepliesInput.safeParse(call?.input);
      if (!parsed.success) {
        this.log.warn(
          `Claude's suggestions for ${input.conversationId} dropped: no valid ${SUGGEST_TOOL} call`,
        );
        return [];
      }
      return restoreDeep(parsed.data.replies, map)
        .filter((r) => !r.includes('⟦'))
        .map((r) => ({ text: r, source: 'llm' as const, ref: null, label: input.intent }));
    } catch (err) {
      this.log.warn(
        `Claude's suggestions for ${input.conversationId} unavailable: ${(err as Error).name === 'LlmUnavailableError' ? (err as Error).message : (err as Error).name}`,
      );
      return [];
    }
  }

  /** The user turn: the shopper's basics, the matching articles, the recent messages, then the message to answer. */
  private async prompt(input: LlmSuggestInput): Promise<string> {
    const rows = (await this.db.query(
      `SELECT id, direction, sender_type, text FROM messages WHERE conversation_id = $1 ORDER BY created_at DESC, id DESC LIMIT ${SUGGEST_MESSAGES}`,
      [input.conversationId],
    )) as {
      id: string;
      direction: 'incoming' | 'outgoing';
      sender_type: SummaryMessage['sender'];
      text: string | null;
    }[];
    const messages: SummaryMessage[] = rows.reverse().map((r) => ({
      id: r.id,
      direction: r.direction,
      sender: r.sender_type,
      text: r.text ?? '',
      nlu: null,
    }));
    const lines: string[] = [];
    const basics = await this.basics(input.contactId);
    if (basics.length) lines.push("The shopper's details:", ...basics, '');
    if (input.articles.length) {
      lines.push('Knowledge-base articles that match the latest message:');
      input.articles.forEach((a, i) =>
        lines.push(`[${i + 1}] ${a.label}\n${a.text.slice(0, ARTICLE_CHARS)}`),
      );
      lines.push('');
    }
    lines.push('The conversation (oldest first):', ...transcriptLines(messages, SUGGEST_MESSAGES), '');
    lines.push(`The shopper's latest message, to answer: ${input.text}`);
    return lines.join('\n');
  }

  private async basics(contactId: string): Promise<string[]> {
    try {
      const p = await this.profiles.profile(contactId);
      const out: string[] = [];
      if (p.customer) out.push(`- customer tier: ${p.customer.tier}`);
      for (const o of p.recentOrders.slice(0, 3))
        out.push(
          `- order ${o.number}: ${o.status}, placed ${new Date(o.placedAt).toISOString().slice(0, 10)}`,
        );
      if (p.tags.length) out.push(`- traits: ${p.tags.join(', ')}`);
      return out;
    } catch {
      return [];
    }
  }
}
