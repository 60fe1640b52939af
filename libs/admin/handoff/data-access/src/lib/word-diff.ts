import { diffWords } from 'diff';

export interface DiffSegment {
  text: string;
  /** `same`: in both; `added`: only in the edited text; `removed`: only in the suggestion. */
  kind: 'same' | 'added' | 'removed';
}

let segmenter: Intl.Segmenter | null | undefined;

/** Word boundaries for any script (Chinese and Japanese have no spaces between words). */
function wordSegmenter(): Intl.Segmenter | null {
  if (segmenter === undefined) {
    segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'word' }) : null;
  }
  return segmenter;
}

/**
 * What an agent changed in a suggested reply, word by word: the suggestion's words that went are
 * `removed`, the words the agent wrote are `added`. Neighbouring segments of one kind are merged.
 */
export function wordDiff(suggested: string, edited: string): DiffSegment[] {
  const seg = wordSegmenter();
  const changes = seg ? diffWords(suggested, edited, { intlSegmenter: seg }) : diffWords(suggested, edited);
  const out: DiffSegment[] = [];
  for (const c of changes) {
    if (!c.value) continue;
    const kind: DiffSegment['kind'] = c.added ? 'added' : c.removed ? 'removed' : 'same';
    const last = out[out.length - 1];
    if (last && last.kind === kind) last.text += c.value;
    else out.push({ text: c.value, kind });
  }
  return out;
}
