/**
 * Where personal data lives. Erasure and export (privacy) iterate this registry, so every table
 * that holds personal data registers here, next to its entity. A table that holds personal data
 * and is not registered is a bug; `personal-data.registry.int-spec.ts` checks the schema against it.
 */
export interface PersonalDataTable {
  table: string;
  /** Columns holding personal data. */
  columns: string[];
  /** How a row belongs to a data subject (a contact or a user). */
  subject: {
    kind: 'contact' | 'user';
    column: string;
    /** When `column` points at another table that holds the subject id, e.g. messages → conversations.contact_id. */
    via?: { table: string; column: string };
  };
  /** What this data is, in words, for the compliance officer's register. */
  description: string;
}

const registry = new Map<string, PersonalDataTable>();

export function registerPersonalData(...tables: PersonalDataTable[]): void {
  for (const t of tables) registry.set(t.table, t);
}

export function personalDataRegistry(): PersonalDataTable[] {
  return [...registry.values()].sort((a, b) => a.table.localeCompare(b.table));
}
