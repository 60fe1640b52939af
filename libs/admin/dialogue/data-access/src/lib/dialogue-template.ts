import type { QuickReply } from '@kefu/shared/contracts';

// These types mirror libs/api/dialogue/src/templates/template.schemas.ts, which the admin may not import.

/** The locales reply templates are written in; the bot falls back to English for any other. */
export const TEMPLATE_LOCALES = ['zh-CN', 'en', 'ja'] as const;
export type TemplateLocale = (typeof TEMPLATE_LOCALES)[number];

/** What the API accepts as a template's text and quick replies. */
export const TEMPLATE_LIMITS = {
  text: 2000,
  quickReplies: 10,
  label: 40,
  payload: 200,
} as const;

/** A region code as the API accepts it: 2 to 20 letters, digits, `_` or `-` (stored upper-case). */
export const REGION_PATTERN = /^[A-Za-z0-9_-]{2,20}$/;

/** One reply template: the text of a key in a locale, optionally for one region only. */
export interface DialogueTemplateDto {
  id: string;
  key: string;
  locale: TemplateLocale;
  region: string | null;
  text: string;
  quickReplies: QuickReply[] | null;
  /** The variables the text uses, as the server parsed them. */
  variables: string[];
  version: number;
  /** The id of the user who saved the current version (null for the shipped default). */
  updatedBy: string | null;
  updatedAt: string;
}

export interface ListTemplatesQuery {
  /** A key, or a key prefix: `track_order` lists `track_order` and `track_order.*`. */
  key?: string | null;
  locale?: TemplateLocale | null;
  region?: string | null;
  /** Words in the text (case-insensitive substring). */
  q?: string | null;
}

/** PUT /templates/:id — a new version of one template. */
export interface UpdateTemplateInput {
  text: string;
  /** `null` or `[]` removes them; leaving the field out keeps the current ones. */
  quickReplies?: QuickReply[] | null;
  /** The version the editor started from: the API answers 409 when someone saved in between. */
  expectedVersion?: number;
}

/** PUT /templates — edits the template of key × locale × region, or adds a locale or regional variant. */
export interface PutTemplateInput extends UpdateTemplateInput {
  key: string;
  locale: TemplateLocale;
  region?: string | null;
}
