import { z } from 'zod';
import { parseTemplate, TemplateSyntaxError } from './template-renderer';
import type { QuickReply } from './reply';

/** The locales templates are written in; every other locale falls back to one of them. */
export const TEMPLATE_LOCALES = ['zh-CN', 'en', 'ja'] as const;
export type TemplateLocale = (typeof TEMPLATE_LOCALES)[number];

/** `zh`, `zh-TW`, `zh-Hans-CN` → zh-CN; `ja-JP` → ja; `en-GB` and anything else → en. */
export function templateLocale(locale: string | null | undefined): TemplateLocale {
  const l = (locale ?? '').toLowerCase();
  if (l.startsWith('zh')) return 'zh-CN';
  if (l.startsWith('ja')) return 'ja';
  return 'en';
}

const keySchema = z
  .string()
  .trim()
  .min(1, 'key is empty')
  .max(100, 'key is longer than 100 characters')
  .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)*$/, 'key must look like track_order.shipped');

const regionSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{2,20}$/, 'region must be 2 to 20 letters, digits, _ or -')
  .transform((v) => v.toUpperCase());

const textSchema = z
  .string()
  .trim()
  .min(1, 'text is empty')
  .max(2000, 'text is longer than 2000 characters')
  .superRefine((text, ctx) => {
    try {
      parseTemplate(text);
    } catch (e) {
      if (!(e instanceof TemplateSyntaxError)) throw e;
      ctx.addIssue({ code: 'custom', message: e.message });
    }
  });

const quickRepliesSchema = z
  .array(
    z
      .object({
        label: z.string().trim().min(1, 'label is empty').max(40, 'label is longer than 40 characters'),
        payload: z
          .string()
          .trim()
          .min(1, 'payload is empty')
          .max(200, 'payload is longer than 200 characters'),
      })
      .strict(),
  )
  .max(10, 'at most 10 quick replies');

export const listTemplatesQuerySchema = z
  .object({
    /** A key, or a key prefix: `track_order` lists `track_order` and `track_order.*`. */
    key: z.string().trim().max(100).optional(),
    locale: z.enum(TEMPLATE_LOCALES).optional(),
    region: regionSchema.optional(),
    /** Words in the text (case-insensitive substring). */
    q: z.string().trim().max(200).optional(),
  })
  .strict();
export type ListTemplatesQuery = z.infer<typeof listTemplatesQuerySchema>;

const editFields = {
  text: textSchema,
  quickReplies: quickRepliesSchema.nullable().optional(),
  /** The version the editor started from; a different current version is a 409. */
  expectedVersion: z.number().int().min(1).optional(),
};

/** PUT /templates/:id */
export const updateTemplateSchema = z.object(editFields).strict();
export type UpdateTemplateRequest = z.infer<typeof updateTemplateSchema>;

/** PUT /templates: by key, locale and region; a new region variant of an existing key is created. */
export const putTemplateSchema = z
  .object({
    key: keySchema,
    locale: z.enum(TEMPLATE_LOCALES),
    region: regionSchema.nullable().optional(),
    ...editFields,
  })
  .strict();
export type PutTemplateRequest = z.infer<typeof putTemplateSchema>;

export interface DialogueTemplateDto {
  id: string;
  key: string;
  locale: TemplateLocale;
  region: string | null;
  text: string;
  quickReplies: QuickReply[] | null;
  /** The variables the text uses, for the editor. */
  variables: string[];
  version: number;
  updatedBy: string | null;
  updatedAt: string;
}
