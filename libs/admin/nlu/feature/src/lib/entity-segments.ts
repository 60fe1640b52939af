import type { NluEntity } from '@kefu/shared/contracts';

export interface TextSegment {
  text: string;
  /** The entity this piece of text is, or null for plain text. */
  entity: NluEntity | null;
}

/**
 * Splits `text` into plain pieces and entity pieces, in order, so entities can be highlighted in
 * place. Offsets out of range are clamped; an entity overlapping an earlier one is left out.
 */
export function entitySegments(text: string, entities: readonly NluEntity[]): TextSegment[] {
  const sorted = [...entities]
    .filter((e) => e.end > e.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: TextSegment[] = [];
  let at = 0;
  for (const entity of sorted) {
    const start = Math.max(0, Math.min(entity.start, text.length));
    const end = Math.max(0, Math.min(entity.end, text.length));
    if (start < at || end <= start) continue;
    if (start > at) out.push({ text: text.slice(at, start), entity: null });
    out.push({ text: text.slice(start, end), entity });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), entity: null });
  return out;
}
