import { z } from 'zod';

/**
 * The Claude layer's admin settings and usage report (issue 8). The API key is write-only: the
 * settings DTO says whether one is stored (and its last four characters), never the key itself.
 */

/** Claude models the admin can pick; any other `claude-*` id is accepted too (new models). */
export const LLM_MODELS = ['claude-sonnet-4-6', 'claude-opus-4-6', 'claude-haiku-4-5'] as const;
export const DEFAULT_LLM_MODEL = 'claude-sonnet-4-6';

/** Channels Claude can be switched on or off for (the inbox channel types). */
export const LLM_CHANNELS = ['widget', 'api', 'wechat', 'email'] as const;

const region = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'a region is a two-letter country code such as CN, US or JP');

export const llmSettingsSchema = z.object({
  /** Master switch: off = every answer comes from the offline engine, whatever else is set. On (default) does nothing without a key. */
  enabled: z.boolean().default(true),
  /** A Claude model id. */
  model: z
    .string()
    .trim()
    .regex(/^claude-[a-z0-9.-]+$/, 'a Claude model id such as claude-sonnet-4-6')
    .max(80)
    .default(DEFAULT_LLM_MODEL),
  /** Channels Claude answers on (others: offline only). */
  channels: z.array(z.enum(LLM_CHANNELS)).max(LLM_CHANNELS.length).default([...LLM_CHANNELS]),
  /** Intents Claude never answers (they stay with the offline engine's templates). */
  disabledIntents: z.array(z.string().trim().min(1).max(64)).max(200).default([]),
  /** Claude classifies messages the offline engine reads below its threshold. */
  classificationFallback: z.boolean().default(true),
  /** Agents get a hand-off summary and suggested replies written by Claude. */
  agentAssist: z.boolean().default(true),
  /** Stream replies to the web widget token by token. */
  streaming: z.boolean().default(true),
  /** Spend per calendar day (the shop's time zone) in US dollars; null = no limit. At 100 % Claude stops until midnight. */
  dailyBudgetUsd: z.number().min(0).max(100_000).nullable().default(20),
  /** Alert the admins when this share of the budget is spent. */
  budgetAlertRatio: z.number().min(0.1).max(1).default(0.8),
  /** Shoppers from these regions are never sent abroad: their conversations are answered offline only. */
  neverAbroadRegions: z.array(region).max(300).default([]),
  /**
   * Shoppers from these regions are sent to Claude without masking (their law and the shop's terms allow
   * it): phone numbers, e-mails, ID and card numbers and addresses leave as written. Everyone else is masked.
   * A region that is also "never abroad" is not sent at all.
   */
  unmaskedRegions: z.array(region).max(300).default([]),
  /** Model calls per turn at most (the tool loop's bound). */
  maxToolSteps: z.number().int().min(1).max(10).default(5),
  /** One call may take this long (ms) before the offline answer is used. */
  timeoutMs: z.number().int().min(1000).max(120_000).default(15_000),
});
export type LlmSettings = z.infer<typeof llmSettingsSchema>;
export const DEFAULT_LLM_SETTINGS: LlmSettings = llmSettingsSchema.parse({});

/** PUT /api/v1/llm/settings: any subset of the settings, plus the key (a string to set, null to remove, absent to keep). */
export const llmSettingsUpdateSchema = llmSettingsSchema.partial().extend({
  apiKey: z
    .string()
    .trim()
    .min(20, 'an Anthropic API key is longer than that')
    .max(300)
    .regex(/^\S+$/, 'an API key has no spaces')
    .nullable()
    .optional(),
  expectedVersion: z.number().int().min(0).optional(),
});
export type LlmSettingsUpdate = z.infer<typeof llmSettingsUpdateSchema>;

/** Where the key Claude uses comes from. */
export type LlmKeySource = 'settings' | 'environment' | 'none';

/** Why Claude is not answering right now (null: it is). */
export type LlmOffReason = 'disabled' | 'no_key' | 'budget' | 'breaker_open' | null;

export interface LlmSettingsDto extends LlmSettings {
  /** A key is stored (encrypted) in the settings. */
  keySet: boolean;
  /** The stored key's last four characters, to tell keys apart. */
  keyLast4: string | null;
  keySource: LlmKeySource;
  /** Whether keys can be saved here (the server has its secret for encrypting them). */
  keyStorageAvailable: boolean;
  status: {
    /** null when Claude answers; otherwise why the offline path answers. */
    off: LlmOffReason;
    breaker: 'closed' | 'open' | 'half_open';
    spentTodayUsd: number;
  };
  version: number;
  updatedAt: string | null;
  updatedBy: { id: string; name: string } | null;
}

export interface LlmUsageDay {
  /** YYYY-MM-DD in the shop's time zone. */
  day: string;
  calls: number;
  /** Calls that failed, timed out, or were refused (breaker open, budget spent). */
  failed: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
  /** Median latency of the day's successful calls, ms. */
  medianLatencyMs: number | null;
}

export interface LlmUsagePurpose {
  purpose: string;
  calls: number;
  costUsd: number;
}

export interface LlmUsageReportDto {
  from: string;
  to: string;
  timezone: string;
  days: LlmUsageDay[];
  byPurpose: LlmUsagePurpose[];
  totals: Omit<LlmUsageDay, 'day' | 'medianLatencyMs'> & { cacheHitRatio: number };
  dailyBudgetUsd: number | null;
}

export const llmUsageQuerySchema = z.object({
  days: z.coerce.number().int().min(1).max(366).default(30),
});

/** A message Claude classified differently from the offline engine: a candidate for the training data. */
export interface LlmTrainingCandidateDto {
  id: string;
  text: string;
  language: string;
  offlineIntent: string;
  offlineConfidence: number;
  llmIntent: string;
  llmConfidence: number;
  conversationId: string | null;
  status: 'new' | 'accepted' | 'dismissed';
  createdAt: string;
}

/** POST /api/v1/llm/settings/test: one tiny call with the key Claude would use. */
export interface LlmKeyTestDto {
  ok: boolean;
  model: string;
  latencyMs: number;
  /** Why it failed, in the API's words (never the key). */
  error?: string;
}

export type LlmTrainingCandidateStatus = LlmTrainingCandidateDto['status'];

export const llmTrainingCandidateQuerySchema = z.object({
  status: z.enum(['new', 'accepted', 'dismissed']).default('new'),
  /** `nextCursor` of the previous page, as given. */
  cursor: z.string().max(200).optional(),
});

export interface LlmTrainingCandidatePage {
  items: LlmTrainingCandidateDto[];
  nextCursor: string | null;
}

/** POST /api/v1/llm/training-candidates/:id/accept: the intent the example teaches (default: Claude's reading). */
export const acceptTrainingCandidateSchema = z.object({
  intent: z.string().trim().min(1).max(64).optional(),
});

/** Who wrote a hand-off summary: Claude, or Kefu's own records (always available). */
export type HandoffSummarySource = 'claude' | 'offline';

/**
 * What an agent needs to know when a conversation reaches them, in the shopper's language:
 * GET /api/v1/conversations/:id/summary (and the internal note written at the hand-off).
 */
export interface HandoffSummaryDto {
  conversationId: string;
  /** What the shopper wants, in one line (e.g. "退货 (订单 KF100123)"). */
  wants: string;
  /** What the bot tried or answered, oldest first. */
  tried: string[];
  /** Facts the agent needs: order numbers, products, amounts, the hand-off reason, the customer tier. */
  facts: string[];
  /** The shopper's mood in a few words. */
  mood: string;
  source: HandoffSummarySource;
  /** The shopper's language the summary is written in. */
  language: 'zh' | 'en' | 'ja';
  /** The hand-off it was written for (null: the conversation was not handed off). */
  handoffAt: string | null;
  createdAt: string;
}
