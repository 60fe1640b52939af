import type { EntityType, NluLanguage } from '@kefu/shared/contracts';

export interface ExtractOptions {
  /** The clock relative dates resolve against. */
  now: Date;
  language: NluLanguage;
  /** IANA zone whose calendar date "today" is; the process's local zone when absent. */
  timezone?: string;
}

/** An entity before overlap resolution; its surface `text` is cut only if it is kept. */
export interface Candidate {
  type: EntityType;
  value: string;
  start: number;
  end: number;
  /** Breaks ties between overlapping spans of equal length: higher wins. */
  prio: number;
  meta: Record<string, string | number | boolean> | undefined;
}

/**
 * One extraction pass. `n` is the text folded unit for unit (full-width digits, Latin and punctuation to
 * ASCII, ￥ to ¥, ideographic space to space), so every offset into `n` is an offset into `text`.
 */
export interface Scan {
  text: string;
  n: string;
  opts: ExtractOptions;
  out: Candidate[];
}

export function push(
  scan: Scan,
  type: EntityType,
  start: number,
  end: number,
  value: string,
  prio = 0,
  meta?: Record<string, string | number | boolean>,
): void {
  scan.out.push({ type, value, start, end, prio, meta });
}

/** True when the code unit at `i` is an ASCII digit. */
export function isDigitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** True when the code unit at `i` is an ASCII letter or digit. */
export function isAlnumAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A number string without trailing zeros (`65.50` → `65.5`, `170.0` → `170`). */
export function numStr(x: number): string {
  return String(Math.round(x * 100) / 100);
}
