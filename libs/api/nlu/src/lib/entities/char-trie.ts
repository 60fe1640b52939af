/**
 * A character trie with leftmost-longest scanning, shared by the gazetteer, the colour lexicon and the
 * emotion lexicons. Keys are folded per UTF-16 code unit (ASCII and full-width Latin lower-cased,
 * full-width digits and punctuation to ASCII), so a match's offsets are offsets into the original text.
 * Keys that start or end with a Latin letter or digit only match on word boundaries.
 */

/** Folds one UTF-16 code unit: A-Z → a-z, full-width ASCII (！-～) → ASCII, ideographic space → space, ‘ ’ → '. */
export function foldCode(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if (c >= 0xff01 && c <= 0xff5e) {
    c -= 0xfee0;
    return c >= 65 && c <= 90 ? c + 32 : c;
  }
  if (c === 0x3000) return 32;
  if (c === 0x2019 || c === 0x2018) return 39;
  return c;
}

/** Folds a whole key the way `foldCode` folds the scanned text (same length as the input). */
export function foldKey(key: string): string {
  let out = '';
  for (let i = 0; i < key.length; i++) out += String.fromCharCode(foldCode(key.charCodeAt(i)));
  return out;
}

/** 1 for a folded Latin letter, 2 for a digit, 0 otherwise. */
function latinClass(folded: number): number {
  if (folded >= 97 && folded <= 122) return 1;
  if (folded >= 48 && folded <= 57) return 2;
  return 0;
}

/**
 * True when `text[at]` would glue onto a key edge of class `edge` (1 letter, 2 digit): a letter edge
 * needs a non-letter neighbour, a digit edge a neighbour that is neither a letter nor a digit.
 */
function glues(text: string, at: number, edge: number): boolean {
  if (edge === 0 || at < 0 || at >= text.length) return false;
  const n = latinClass(foldCode(text.charCodeAt(at)));
  return edge === 1 ? n === 1 : n !== 0;
}

class TrieNode<T> {
  children: Map<number, TrieNode<T>> | undefined;
  payload: T | undefined;
  /** Latin class of the key's last unit (word-boundary check on the right). */
  endClass = 0;
  /** With `prefix`, only the left boundary is checked (`disappoint*` matches `disappointed`). */
  prefix = false;
}

export interface TrieHit<T> {
  start: number;
  end: number;
  payload: T;
}

export class CharTrie<T> {
  private readonly root = new TrieNode<T>();
  /** 1 where a folded code unit starts some key: most positions are rejected without a Map lookup. */
  private readonly first = new Uint8Array(65536);
  private count = 0;

  /** Number of keys stored. */
  get size(): number {
    return this.count;
  }

  /**
   * Stores `payload` under `key` (folded); a later `set` of the same key replaces the payload.
   * A key ending in `*` matches as a prefix (no right word boundary). Returns false for an empty key.
   */
  set(key: string, payload: T): boolean {
    let prefix = false;
    if (key.length > 1 && key.endsWith('*')) {
      prefix = true;
      key = key.slice(0, -1);
    }
    key = foldKey(key);
    if (key.length === 0) return false;
    this.first[key.charCodeAt(0)] = 1;
    let node = this.root;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      node.children ??= new Map();
      let next = node.children.get(c);
      if (!next) {
        next = new TrieNode<T>();
        node.children.set(c, next);
      }
      node = next;
    }
    if (node.payload === undefined) this.count++;
    node.payload = payload;
    node.endClass = latinClass(key.charCodeAt(key.length - 1));
    node.prefix = prefix;
    return true;
  }

  get(key: string): T | undefined {
    key = foldKey(key);
    let node: TrieNode<T> | undefined = this.root;
    for (let i = 0; i < key.length && node; i++) node = node.children?.get(key.charCodeAt(i));
    return node?.payload;
  }

  /**
   * Calls `onHit` for each leftmost-longest, non-overlapping match in `text[from, to)`.
   * `onHit` may return false to reject a hit, in which case scanning resumes one unit later.
   */
  scan(
    text: string,
    onHit: (start: number, end: number, payload: T) => boolean | void,
    from = 0,
    to = text.length,
  ): void {
    const rootChildren = this.root.children;
    if (!rootChildren) return;
    const firsts = this.first;
    let i = from;
    while (i < to) {
      const first = foldCode(text.charCodeAt(i));
      if (firsts[first] === 0) {
        i++;
        continue;
      }
      let node = rootChildren.get(first) as TrieNode<T>;
      const startClass = latinClass(first);
      if (startClass !== 0 && glues(text, i - 1, startClass)) {
        i++;
        continue;
      }
      let bestEnd = -1;
      let best: TrieNode<T> | undefined;
      let j = i + 1;
      for (;;) {
        if (node.payload !== undefined && (node.prefix || !glues(text, j, node.endClass))) {
          bestEnd = j;
          best = node;
        }
        if (j >= to || !node.children) break;
        const next: TrieNode<T> | undefined = node.children.get(foldCode(text.charCodeAt(j)));
        if (!next) break;
        node = next;
        j++;
      }
      if (best && onHit(i, bestEnd, best.payload as T) !== false) i = bestEnd;
      else i++;
    }
  }

  /** All leftmost-longest matches as an array. */
  findAll(text: string): TrieHit<T>[] {
    const out: TrieHit<T>[] = [];
    this.scan(text, (start, end, payload) => {
      out.push({ start, end, payload });
    });
    return out;
  }
}
