import type Anthropic from '@anthropic-ai/sdk';
import { Injectable, Logger } from '@nestjs/common';
import { z } from 'zod';
import { LlmUnavailableError } from '../client';
import { redactFor } from '../redaction';
import { LlmRuntime } from '../runtime/llm-runtime';
import { glossaryLines } from './intent-glossary';
import type { HistoryMessage } from './reply-prompt';
import type { OfflineReason } from './reply-writer';

export interface ClassifyInput {
  text: string;
  language: string;
  /** The taxonomy: every intent the bot can act on. */
  intents: readonly string[];
  /** The last few messages, for a message that only makes sense in context ("and the blue one?"). */
  history: HistoryMessage[];
  channel: string;
  region: string | null;
  conversationId: string;
}

export type ClassifyResult = { ok: true; intent: string; confidence: number } | { ok: false; reason: OfflineReason };

const CLASSIFY_INSTRUCTIONS = [
  "You classify a shopper's latest message to an online shop's customer service into exactly one intent of the",
  'taxonomy below (the classify tool takes its name). Read the earlier messages only to understand the latest one:',
  'a short follow-up ("and the blue one?", "还没到") keeps the topic of the conversation.',
  'When a message fits two intents, pick the one the shopper needs acted on now: a parcel already on its way is',
  'track_order or shipment_exception, not delivery_period; money back is get_refund, the rules about it',
  'check_refund_policy; asking for a person now is contact_human_agent, asking how to reach one contact_customer_service.',
  'Confidence is the probability that the intent is right (0..1); be honest: an ambiguous message is below 0.6.',
  'Personal data is replaced by placeholders such as ⟦PHONE_1⟧; ignore them.',
  '',
  'The taxonomy (intent: meaning. what shoppers write, in Chinese / English / Japanese):',
].join('\n');

/** The classification request's static part: the same bytes for the same taxonomy, so it is cached. */
export function classifyInstructions(intents: readonly string[]): string {
  return [CLASSIFY_INSTRUCTIONS, ...glossaryLines(intents)].join('\n');
}

/** The tool Claude must call: the taxonomy as an enum, so its answer is one of the intents. */
export function classifyTool(intents: readonly string[]): Anthropic.Tool {
  return {
    name: 'classify',
    description: "Record the intent of the shopper's latest message.",
    input_schema: {
      type: 'object',
      properties: {
        intent: { type: 'string', enum: [...new Set(intents)].sort(), description: 'The one intent that fits best' },
        confidence: { type: 'number', minimum: 0, maximum: 1 },
      },
      required: ['intent', 'confidence'],
    },
    cache_control: { type: 'ephemeral' },
  };
}

/**
 * The classification fallback: Claude reads a message the offline engine was unsure of and picks an intent of
 * the taxonomy (a forced tool call, so the answer is structured). The tool (the taxonomy) and the system
 * prompt (the instructions and what each intent means) are cached: they are the same for every message.
 */
@Injectable()
export class LlmIntentClassifier {
  private readonly log = new Logger(LlmIntentClassifier.name);

  constructor(private readonly runtime: LlmRuntime) {}

  async classify(input: ClassifyInput): Promise<ClassifyResult> {
    const handle = await this.runtime.resolve({ purpose: 'classify', channel: input.channel, region: input.region });
    if (!handle.ok) return { ok: false, reason: handle.reason };
    const intents = [...new Set(input.intents)].sort();
    const schema = z.object({ intent: z.enum(intents as [string, ...string[]]), confidence: z.number().min(0).max(1) });
    const map = new Map<string, string>();
    const mask = (t: string) => {
      const r = redactFor(handle.mask, t, map);
      for (const [k, v] of r.map) map.set(k, v);
      return r.text;
    };
    const context = input.history
      .slice(-4)
      .map((m) => `${m.from === 'shopper' ? 'Shopper' : 'Shop'}: ${mask(m.text).slice(0, 300)}`)
      .join('\n');
    try {
      const message = await handle.client.create(
        {
          max_tokens: 100,
          system: [{ type: 'text', text: classifyInstructions(intents), cache_control: { type: 'ephemeral' } }],
          messages: [
            {
              role: 'user',
              content: `${context ? `Earlier:\n${context}\n\n` : ''}Language: ${input.language}\nLatest message:\n${mask(input.text).slice(0, 2000)}`,
            },
          ],
          tools: [classifyTool(intents)],
          tool_choice: { type: 'tool', name: 'classify' },
        },
        { purpose: 'classify', conversationId: input.conversationId },
      );
      const use = message.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use' && b.name === 'classify');
      const parsed = schema.safeParse(use?.input);
      if (!parsed.success) return { ok: false, reason: 'api_error' };
      return { ok: true, intent: parsed.data.intent, confidence: parsed.data.confidence };
    } catch (err) {
      if (err instanceof LlmUnavailableError) return { ok: false, reason: err.reason as OfflineReason };
      this.log.warn(`Claude could not classify (${(err as Error).name})`);
      return { ok: false, reason: 'api_error' };
    }
  }
}
