import { detectPii } from './detect';
import type { PiiKind } from './pii-kind';

/** A redacted text and the placeholders it uses (placeholder → original text), including earlier ones. */
export interface Redaction {
  text: string;
  map: Map<string, string>;
}

const OPEN = '⟦';
const CLOSE = '⟧';
const PLACEHOLDER = /⟦\s*(PHONE|EMAIL|ID|CARD|ADDRESS)_(\d+)\s*⟧/g;

/**
 * Said to the model once, in the system prompt, so that it keeps the placeholders intact and passes them
 * to tools as they are (our code restores the real values before a tool runs and before the shopper reads).
 */
export const PLACEHOLDER_INSTRUCTION =
  'Personal data in this conversation is replaced by placeholders such as ⟦PHONE_1⟧, ⟦EMAIL_1⟧, ⟦ID_1⟧, ⟦CARD_1⟧ ' +
  'and ⟦ADDRESS_1⟧. Copy a placeholder exactly, brackets included, wherever you need the value (in a reply or a ' +
  'tool argument); it is restored before the shopper sees it. Never guess or invent the value behind one.';

export function placeholder(kind: PiiKind, n: number): string {
  return `${OPEN}${kind}_${n}${CLOSE}`;
}

/**
 * Replaces phone numbers, e-mails, ID and bank-card numbers and street addresses by numbered placeholders.
 * `prior` holds the conversation's earlier placeholders: a value seen before keeps its placeholder, a new one
 * gets the next number of its kind. `prior` is not modified; the returned map holds old and new entries.
 * Placeholder brackets typed by the shopper are turned into 〚〛 so that they can never be restored into data.
 */
export function redact(text: string, prior?: Map<string, string>): Redaction {
  const map = new Map(prior ?? []);
  const byValue = new Map<string, string>();
  const next = new Map<string, number>();
  for (const [ph, value] of map) {
    const m = /^⟦([A-Z]+)_(\d+)⟧$/.exec(ph);
    if (!m) continue;
    byValue.set(`${m[1]}\u0000${value}`, ph);
    next.set(m[1], Math.max(next.get(m[1]) ?? 1, Number(m[2]) + 1));
  }
  const safe = text.replace(/⟦/g, '〚').replace(/⟧/g, '〛');
  let out = '';
  let at = 0;
  for (const span of detectPii(safe)) {
    const value = safe.slice(span.start, span.end);
    const key = `${span.kind}\u0000${value}`;
    let ph = byValue.get(key);
    if (!ph) {
      const n = next.get(span.kind) ?? 1;
      next.set(span.kind, n + 1);
      ph = placeholder(span.kind, n);
      byValue.set(key, ph);
      map.set(ph, value);
    }
    out += safe.slice(at, span.start) + ph;
    at = span.end;
  }
  return { text: out + safe.slice(at), map };
}

/**
 * `redact` when masking is on for the shopper (the default); else the text as written, with the map
 * unchanged (so restoring changes nothing) and typed placeholder brackets still neutralised.
 */
export function redactFor(mask: boolean, text: string, prior?: Map<string, string>): Redaction {
  if (mask) return redact(text, prior);
  return { text: text.replace(/⟦/g, '〚').replace(/⟧/g, '〛'), map: new Map(prior ?? []) };
}

/** Puts the original values back; a placeholder the map does not know is left as it is. */
export function restore(text: string, map: Map<string, string>): string {
  if (!text.includes(OPEN)) return text;
  return text.replace(
    PLACEHOLDER,
    (whole, kind: string, n: string) => map.get(placeholder(kind as PiiKind, Number(n))) ?? whole,
  );
}

/** `restore` on every string inside a value: tool arguments (objects, arrays, strings); other values unchanged. */
export function restoreDeep<T>(value: T, map: Map<string, string>): T {
  return mapStrings(value, (s) => restore(s, map)) as T;
}

/**
 * `redact` on every string inside a value (a tool result about to go back to the model), sharing one map so
 * that the same value gets the same placeholder throughout.
 */
export function redactDeep<T>(value: T, prior?: Map<string, string>): { value: T; map: Map<string, string> } {
  let map = new Map(prior ?? []);
  const redacted = mapStrings(value, (s) => {
    const r = redact(s, map);
    map = r.map;
    return r.text;
  });
  return { value: redacted as T, map };
}

/**
 * A plain object of any realm (JSON parsed by `fetch` lives in another realm than the caller's under Jest or a
 * vm): its prototype is null or an `Object.prototype`, whose own prototype is null.
 */
function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

function mapStrings(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn));
  if (value !== null && typeof value === 'object' && isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)]));
  }
  return value;
}
