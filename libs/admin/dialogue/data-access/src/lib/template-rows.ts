import { DialogueTemplateDto, TEMPLATE_LOCALES, TemplateLocale } from './dialogue-template';
import { templateVariables } from './template-text';

/** What a template is for, read from its key. The list shows one section per family, in this order. */
export enum TemplateFamily {
  /** `<intent>` and `<intent>.<case>`: the answers to what shoppers ask (and shared `order.*`, `product.*`). */
  Intent = 'intent',
  /** `ask.<slot>`: the questions the bot asks to fill a slot. */
  Ask = 'ask',
  /** `verify.*`: checking that the shopper owns the order. */
  Verify = 'verify',
  /** `fallback.*`: when the bot did not understand. */
  Fallback = 'fallback',
  /** `handoff.*`: passing the conversation to a person. */
  Handoff = 'handoff',
  /** `system.*` and `dialogue.*`: outages and the conversation's own flow (cancelled, resumed). */
  System = 'system',
  /** `topic.<intent>`: how the bot names a topic in a sentence ("would you like to {topic}?"). */
  Topic = 'topic',
}

export const TEMPLATE_FAMILIES: readonly TemplateFamily[] = Object.values(TemplateFamily);

const FAMILY_BY_PREFIX: Record<string, TemplateFamily> = {
  ask: TemplateFamily.Ask,
  verify: TemplateFamily.Verify,
  fallback: TemplateFamily.Fallback,
  handoff: TemplateFamily.Handoff,
  system: TemplateFamily.System,
  dialogue: TemplateFamily.System,
  topic: TemplateFamily.Topic,
};

export function familyOf(key: string): TemplateFamily {
  return FAMILY_BY_PREFIX[key.split('.')[0]] ?? TemplateFamily.Intent;
}

/** One line of the list: a key (or one regional variant of it) in every locale. */
export interface TemplateRow {
  /** `key`, or `key@REGION` for a regional variant. */
  id: string;
  key: string;
  region: string | null;
  family: TemplateFamily;
  templates: Partial<Record<TemplateLocale, DialogueTemplateDto>>;
  /** The variables any of its texts uses, in order of appearance. */
  variables: string[];
  /** When any of its texts last changed (ISO). */
  updatedAt: string;
  /** The highest version among its texts (1 when none was ever edited). */
  version: number;
}

export interface TemplateGroup {
  family: TemplateFamily;
  rows: TemplateRow[];
}

export interface TemplateFilters {
  /** Part of a key or of a text (any case). */
  q: string | null;
  locale: TemplateLocale | null;
  family: TemplateFamily | null;
}

export const EMPTY_TEMPLATE_FILTERS: TemplateFilters = { q: null, locale: null, family: null };

export const rowId = (key: string, region: string | null) => (region ? `${key}@${region}` : key);

/** The templates as rows, by family, then key, the general row before its regional variants. */
export function templateRows(templates: readonly DialogueTemplateDto[]): TemplateRow[] {
  const rows = new Map<string, TemplateRow>();
  for (const t of templates) {
    const id = rowId(t.key, t.region);
    let row = rows.get(id);
    if (!row) {
      row = {
        id,
        key: t.key,
        region: t.region,
        family: familyOf(t.key),
        templates: {},
        variables: [],
        updatedAt: t.updatedAt,
        version: t.version,
      };
      rows.set(id, row);
    }
    row.templates[t.locale] = t;
    if (t.updatedAt > row.updatedAt) row.updatedAt = t.updatedAt;
    row.version = Math.max(row.version, t.version);
  }
  for (const row of rows.values()) {
    const names = new Set<string>();
    for (const locale of TEMPLATE_LOCALES) {
      const t = row.templates[locale];
      if (t) (t.variables?.length ? t.variables : templateVariables(t.text)).forEach((n) => names.add(n));
    }
    row.variables = [...names];
  }
  const order = (f: TemplateFamily) => TEMPLATE_FAMILIES.indexOf(f);
  return [...rows.values()].sort(
    (a, b) =>
      order(a.family) - order(b.family) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) ||
      (a.region ?? '').localeCompare(b.region ?? ''),
  );
}

/**
 * The rows that match: `q` in the key or in a text (of the chosen locale, else of any), in the
 * family. With a locale, a regional variant without a text in that locale is left out; a general
 * row stays, so a missing translation shows.
 */
export function filterRows(rows: readonly TemplateRow[], filters: TemplateFilters): TemplateRow[] {
  const q = (filters.q ?? '').trim().toLowerCase();
  const locales = filters.locale ? [filters.locale] : TEMPLATE_LOCALES;
  return rows.filter((row) => {
    if (filters.family && row.family !== filters.family) return false;
    if (filters.locale && row.region && !row.templates[filters.locale]) return false;
    if (!q) return true;
    if (row.key.toLowerCase().includes(q)) return true;
    if (row.region?.toLowerCase() === q) return true;
    return locales.some((l) => row.templates[l]?.text.toLowerCase().includes(q));
  });
}

/** Rows in sections by family, in the families' order, leaving out empty ones. */
export function groupRows(rows: readonly TemplateRow[]): TemplateGroup[] {
  const groups = new Map<TemplateFamily, TemplateRow[]>();
  for (const row of rows) {
    const list = groups.get(row.family) ?? [];
    list.push(row);
    groups.set(row.family, list);
  }
  return TEMPLATE_FAMILIES.filter((f) => groups.has(f)).map((family) => ({
    family,
    rows: groups.get(family) ?? [],
  }));
}
