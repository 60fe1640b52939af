import { detectAddresses } from './detect-address';
import { detectCards, detectEmails, detectIds, detectPhones } from './detect-numbers';
import { foldWidth } from './normalize';
import type { PiiKind, PiiSpan } from './pii-kind';

/** When two findings overlap the stronger kind wins: an e-mail's digits are not a phone, an ID is not a card. */
const PRIORITY: Record<PiiKind, number> = { EMAIL: 0, ID: 1, CARD: 2, PHONE: 3, ADDRESS: 4 };

function overlaps(a: PiiSpan, b: PiiSpan): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Every piece of personal data in `text`, in order, without overlaps. Offsets are in `text` itself
 * (full-width digits and letters are recognised; they are folded one unit for one).
 */
export function detectPii(text: string): PiiSpan[] {
  const folded = foldWidth(text);
  const found = [
    ...detectEmails(folded),
    ...detectIds(folded),
    ...detectCards(folded),
    ...detectPhones(folded),
    ...detectAddresses(folded),
  ].filter((s) => s.end > s.start);
  // An address that wholly contains a number found as a phone (a house number such as 123-4567) keeps it.
  const phonesInAddresses = new Set(
    found.filter(
      (s) =>
        s.kind === 'PHONE' &&
        found.some(
          (a) =>
            a.kind === 'ADDRESS' && a.start <= s.start && s.end <= a.end && a.end - a.start > s.end - s.start,
        ),
    ),
  );
  const ranked = found
    .filter((s) => !phonesInAddresses.has(s))
    .sort(
      (a, b) =>
        PRIORITY[a.kind] - PRIORITY[b.kind] || b.end - b.start - (a.end - a.start) || a.start - b.start,
    );
  const kept: PiiSpan[] = [];
  for (const span of ranked) if (!kept.some((k) => overlaps(k, span))) kept.push(span);
  return kept.sort((a, b) => a.start - b.start);
}
