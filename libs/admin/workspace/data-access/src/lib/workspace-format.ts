import type { MessageDto, NoteDto, QueueItemDto } from '@kefu/shared/contracts';

/** Waiting time as a clock: `m:ss` under an hour, `h:mm` from an hour on. */
export function formatWaiting(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 3600) return `${Math.floor(s / 60)}:${pad(s % 60)}`;
  return `${Math.floor(s / 3600)}:${pad(Math.floor((s % 3600) / 60))}`;
}

/**
 * Seconds the shopper has been waiting for a human at `now`, or null when no one is waiting (not handed
 * off, or an agent already answered). Counts from the hand-off so the clock ticks without refetching.
 */
export function waitingSecondsAt(
  item: Pick<QueueItemDto, 'status' | 'handoffAt' | 'waitingSeconds' | 'firstHumanReplyAt'>,
  now: number,
): number | null {
  if (item.firstHumanReplyAt || item.waitingSeconds === null || item.status === 'resolved' || item.status === 'bot') {
    return null;
  }
  if (item.handoffAt) {
    const at = Date.parse(item.handoffAt);
    if (!Number.isNaN(at)) return Math.max(0, Math.floor((now - at) / 1000));
  }
  return item.waitingSeconds;
}

/** Past the team's limit (minutes); false when the team has none. */
export function isOverdue(seconds: number | null, limitMinutes: number | null | undefined): boolean {
  return seconds !== null && !!limitMinutes && seconds >= limitMinutes * 60;
}

/** One line of the conversation pane: a message or an internal note, in time order. */
export type TimelineEntry =
  | { kind: 'message'; id: string; at: string; message: MessageDto }
  | { kind: 'note'; id: string; at: string; note: NoteDto };

export function buildTimeline(messages: readonly MessageDto[], notes: readonly NoteDto[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...messages.map((m) => ({ kind: 'message' as const, id: m.id, at: m.createdAt, message: m })),
    ...notes.map((n) => ({ kind: 'note' as const, id: n.id, at: n.createdAt, note: n })),
  ];
  return entries.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

/** Merges notes by id and keeps them oldest first. */
export function mergeNotes(current: readonly NoteDto[], incoming: readonly NoteDto[]): NoteDto[] {
  const byId = new Map(current.map((n) => [n.id, n]));
  for (const n of incoming) byId.set(n.id, n);
  return [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

export const MAX_TAGS = 30;
export const MAX_TAG_LENGTH = 50;

/** Adds tags typed by the agent (comma or 、/，separated): trimmed, deduplicated, within the server's limits. */
export function addTags(current: readonly string[], typed: string): string[] {
  const out = [...current];
  for (const raw of typed.split(/[,，、]/)) {
    const tag = raw.trim().slice(0, MAX_TAG_LENGTH);
    if (tag && !out.includes(tag) && out.length < MAX_TAGS) out.push(tag);
  }
  return out;
}

/** A random id for a send, so a retried request is not delivered twice (works outside secure contexts too). */
export function newClientId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') {
    try {
      return c.randomUUID();
    } catch {
      // insecure context: fall through
    }
  }
  const bytes = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An amount in its currency for a UI language (Intl; no Angular locale data needed). */
export function formatMoney(amount: number, currency: string, locale: string, maxFraction = 2): string {
  try {
    return new Intl.NumberFormat(locale || undefined, { style: 'currency', currency, maximumFractionDigits: maxFraction }).format(amount);
  } catch {
    return `${currency} ${amount}`;
  }
}
