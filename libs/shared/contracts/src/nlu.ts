import { z } from 'zod';

/** Languages the offline engine understands; `und` is anything else. */
export type NluLanguage = 'zh' | 'en' | 'ja' | 'und';

export type EmotionLabel = 'angry' | 'frustrated' | 'neutral' | 'happy';

export const ENTITY_TYPES = [
  'order_number',
  'tracking_number',
  'phone',
  'phone_tail',
  'email',
  'money',
  'quantity',
  'size',
  'height',
  'weight',
  'color',
  'storage',
  'date',
  'product',
  'brand',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/**
 * One entity found in the text. `start`/`end` are character (UTF-16 code unit) offsets into the
 * original text, end exclusive; `text` is the surface form and `value` its normalised form
 * (e.g. money `CNY 59`, colour `black`, date `2026-11-14`). `meta` carries the parsed parts.
 */
export interface NluEntity {
  type: EntityType;
  value: string;
  text: string;
  start: number;
  end: number;
  meta?: Record<string, string | number | boolean>;
}

export interface IntentScore {
  intent: string;
  confidence: number;
}

export interface NluEmotion {
  label: EmotionLabel;
  /** 0..1: how strongly the label holds. */
  score: number;
  /** Human-readable reasons (e.g. `threat:12315`, `negation`, `punctuation:!!!`). */
  signals: string[];
}

/** The one shape of an NLU result everywhere: API, admin, logs, tests. */
export interface NluResult {
  language: NluLanguage;
  intent: string;
  confidence: number;
  ranking: IntentScore[];
  entities: NluEntity[];
  emotion: NluEmotion;
  /** True when the text was longer than the classifier reads and was cut. */
  truncated: boolean;
  /** Version of the model that produced this result. */
  modelVersion: number;
}

/** Optional context for a parse: the clock for relative dates, the conversation's language. */
export const nluParseContextSchema = z
  .object({
    now: z.iso.datetime({ offset: true }).optional(),
    language: z.enum(['zh', 'en', 'ja']).optional(),
    timezone: z.string().max(64).optional(),
  })
  .strict();
export type NluParseContext = z.infer<typeof nluParseContextSchema>;

export const nluParseRequestSchema = z
  .object({
    text: z.string().max(100_000, 'text is longer than 100000 characters'),
    context: nluParseContextSchema.optional(),
  })
  .strict();
export type NluParseRequest = z.infer<typeof nluParseRequestSchema>;

export const INTENT_NAME_PATTERN = /^[a-z][a-z0-9_]{1,62}$/;

export const createIntentSchema = z
  .object({
    name: z
      .string()
      .regex(INTENT_NAME_PATTERN, 'name must be snake_case: a-z, 0-9 and _, 2 to 63 characters'),
    description: z.string().max(500).default(''),
  })
  .strict();
export type CreateIntentRequest = z.infer<typeof createIntentSchema>;

export const addExamplesSchema = z
  .object({
    examples: z
      .array(
        z
          .object({
            text: z
              .string()
              .trim()
              .min(1, 'example text is empty')
              .max(500, 'example text is longer than 500 characters'),
            language: z.enum(['zh', 'en', 'ja']).optional(),
          })
          .strict(),
      )
      .min(1, 'at least one example is required')
      .max(1000, 'at most 1000 examples per request'),
  })
  .strict();
export type AddExamplesRequest = z.infer<typeof addExamplesSchema>;

export interface NluIntentDto {
  name: string;
  description: string;
  builtin: boolean;
  /** A disabled intent is left out of the next model. */
  enabled: boolean;
  /** Examples per language, built-in and added by admins together. */
  exampleCounts: Record<'zh' | 'en' | 'ja', number>;
  customExamples: number;
}

export interface NluExampleDto {
  id: string;
  intent: string;
  text: string;
  language: 'zh' | 'en' | 'ja';
  source: string;
  createdAt: string;
}

export type NluModelStatus = 'active' | 'ready' | 'retired';
export interface NluModelDto {
  version: number;
  status: NluModelStatus;
  intents: number;
  examples: number;
  trainingMs: number;
  sizeBytes: number;
  /** Held-out accuracy per language measured right after training. */
  metrics: Record<string, { accuracy: number; macroF1: number; n: number }>;
  createdAt: string;
  createdBy: string | null;
}

export type NluTrainingStatus = 'queued' | 'running' | 'succeeded' | 'failed';
export interface NluTrainingRunDto {
  id: string;
  status: NluTrainingStatus;
  progress: number;
  stage: string;
  modelVersion: number | null;
  error: string | null;
  requestedBy: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** Emitted by other domains (e.g. knowledge's unknown-question queue) to teach the engine new examples. */
export const NLU_EXAMPLES_SUBMITTED = 'nlu.examples.submitted';
export interface NluExamplesSubmittedEvent {
  intent: string;
  /** `contactId`: the shopper whose message taught the example, so erasing them erases it. */
  examples: { text: string; language?: 'zh' | 'en' | 'ja'; contactId?: string }[];
  source: string;
  retrain: boolean;
  submittedBy: string | null;
}
