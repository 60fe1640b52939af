/** An event id the dispatcher skipped: its transaction had taken the id but not committed when it read past it. */
export interface CursorGap {
  id: string;
  /** When it was first seen missing (ms). */
  since: number;
}

/** Where the dispatcher is in the events log: every id up to `last` was read, except the `gaps`. */
export interface CursorState {
  last: string;
  gaps: CursorGap[];
}

/** How long a missing id is looked for again: far longer than any transaction that appends events. */
export const GAP_GRACE_MS = 5 * 60_000;
/** At most this many missing ids are remembered (the oldest are dropped first). */
export const MAX_GAPS = 1000;

/**
 * The cursor after one read. `readIds` are the ids read past `state.last`, ascending; `foundGapIds` the
 * remembered gaps that showed up meanwhile (their transaction committed). Ids skipped between the read ids
 * become gaps; gaps found, or missing for longer than `graceMs` (a rolled-back transaction never fills its
 * id), are forgotten.
 */
export function advanceCursor(
  state: CursorState,
  readIds: string[],
  foundGapIds: ReadonlySet<string>,
  now: number,
  graceMs = GAP_GRACE_MS,
  maxGaps = MAX_GAPS,
): CursorState {
  const gaps = state.gaps.filter((g) => !foundGapIds.has(g.id) && now - g.since < graceMs);
  let expected = BigInt(state.last) + 1n;
  for (const raw of readIds) {
    const id = BigInt(raw);
    if (id < expected) continue;
    const from = id - expected > BigInt(maxGaps) ? id - BigInt(maxGaps) : expected;
    for (let g = from; g < id; g++) gaps.push({ id: String(g), since: now });
    expected = id + 1n;
  }
  const last = readIds.length ? String(expected - 1n) : state.last;
  return { last: BigInt(last) > BigInt(state.last) ? last : state.last, gaps: gaps.slice(-maxGaps) };
}

/** Reads the stored `gaps` column defensively: anything malformed is dropped. */
export function parseGaps(value: unknown): CursorGap[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (g): g is CursorGap =>
      !!g &&
      typeof g === 'object' &&
      /^\d+$/.test(String((g as CursorGap).id)) &&
      Number.isFinite((g as CursorGap).since),
  );
}
