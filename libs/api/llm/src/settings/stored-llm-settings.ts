import type { EntityManager } from 'typeorm';
import { LlmSettings, llmSettingsSchema } from '@kefu/shared/contracts';

/**
 * The admins' changes as stored, tolerant of rows written by older versions: keys that no longer
 * validate (or no longer exist) are dropped, so their defaults apply instead of a 500.
 */
export function storedOverrides(raw: unknown): Partial<LlmSettings> {
  const out: Record<string, unknown> = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  const shape = llmSettingsSchema.shape as Record<
    string,
    { safeParse(v: unknown): { success: boolean; data?: unknown } }
  >;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const field = shape[key];
    if (!field) continue;
    const parsed = field.safeParse(value);
    if (parsed.success) out[key] = parsed.data;
  }
  return out as Partial<LlmSettings>;
}

/** The effective settings: the schema's defaults under the admins' changes. */
export function effectiveSettings(raw: unknown): LlmSettings {
  return llmSettingsSchema.parse(storedOverrides(raw));
}

export interface StoredLlmSettingsRow {
  /** The admins' changes only (defaults are not stored, so a new default reaches every install). */
  overrides: Partial<LlmSettings>;
  apiKeyEnc: string | null;
  keyLast4: string | null;
  version: number;
  updatedAt: Date | null;
  updatedBy: string | null;
}

/** The one settings row (id 1); nothing stored and version 0 when it is missing. */
export async function readLlmSettingsRow(
  em: EntityManager,
  forUpdate = false,
): Promise<StoredLlmSettingsRow> {
  const rows: {
    settings: unknown;
    api_key_enc: string | null;
    key_last4: string | null;
    version: number;
    updated_at: Date | null;
    updated_by: string | null;
  }[] = await em.query(
    `SELECT settings, api_key_enc, key_last4, version, updated_at, updated_by FROM llm_settings WHERE id = 1${forUpdate ? ' FOR UPDATE' : ''}`,
  );
  const row = rows[0];
  if (!row)
    return { overrides: {}, apiKeyEnc: null, keyLast4: null, version: 0, updatedAt: null, updatedBy: null };
  return {
    overrides: storedOverrides(row.settings),
    apiKeyEnc: row.api_key_enc,
    keyLast4: row.key_last4,
    version: Number(row.version),
    // A row the lazy insert created but nobody changed yet has no author and no meaningful date.
    updatedAt: Number(row.version) > 0 && row.updated_at ? new Date(row.updated_at) : null,
    updatedBy: row.updated_by,
  };
}
