/** The kinds of personal data replaced by placeholders such as `⟦PHONE_1⟧`. */
export type PiiKind = 'PHONE' | 'EMAIL' | 'ID' | 'CARD' | 'ADDRESS';

export const PII_KINDS: readonly PiiKind[] = ['PHONE', 'EMAIL', 'ID', 'CARD', 'ADDRESS'];

/** A piece of personal data found in a text: `[start, end)` in UTF-16 code units of the original text. */
export interface PiiSpan {
  kind: PiiKind;
  start: number;
  end: number;
}
