import type { EntityManager } from 'typeorm';
import { HandoffSettings, handoffSettingsSchema } from '@kefu/shared/contracts';

/**
 * The settings of a stored row, tolerant of rows written by older versions: missing keys take their
 * defaults, and a key whose stored value no longer validates falls back to its default (never a 500).
 */
export function parseStoredSettings(raw: unknown): HandoffSettings {
  const input: Record<string, unknown> =
    raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : {};
  for (let attempt = 0; attempt < 10; attempt++) {
    const r = handoffSettingsSchema.safeParse(input);
    if (r.success) return r.data;
    for (const issue of r.error.issues) delete input[String(issue.path[0])];
  }
  return handoffSettingsSchema.parse({});
}

export interface StoredSettingsRow {
  settings: HandoffSettings;
  version: number;
  updatedAt: Date | null;
  updatedBy: string | null;
  seededAt: Date | null;
}

/** The one settings row (id 1); defaults at version 0 when it is missing. */
export async function readSettingsRow(em: EntityManager, forUpdate = false): Promise<StoredSettingsRow> {
  const rows: {
    settings: unknown;
    version: number;
    updated_at: Date;
    updated_by: string | null;
    seeded_at: Date | null;
  }[] = await em.query(
    `SELECT settings, version, updated_at, updated_by, seeded_at FROM handoff_settings WHERE id = 1${forUpdate ? ' FOR UPDATE' : ''}`,
  );
  const row = rows[0];
  if (!row)
    return {
      settings: parseStoredSettings({}),
      version: 0,
      updatedAt: null,
      updatedBy: null,
      seededAt: null,
    };
  return {
    settings: parseStoredSettings(row.settings),
    version: Number(row.version),
    updatedAt: row.updated_at ? new Date(row.updated_at) : null,
    updatedBy: row.updated_by,
    seededAt: row.seeded_at ? new Date(row.seeded_at) : null,
  };
}
