/**
 * pg_trgm's `similarity()` computed in Node, on the similarityText form (lower-case words of letters
 * and digits separated by single spaces; CJK written as character pairs).
 *
 * The measure is pg_trgm's: each word is padded with two spaces in front and one behind ("  ab "),
 * its trigrams are the runs of three characters ("  a", " ab", "ab "), duplicates count once, and
 * the similarity of two texts is shared / (all of one + all of the other − shared). Retrieval used to
 * have PostgreSQL compute it for every variant of every candidate (a third of the candidate query's
 * time); here it costs well under a microsecond per variant, is the same on PostgreSQL and PGlite by
 * construction, and is only computed for the candidates whose place it can still change (see
 * KnowledgeSearchService.rank). `trigram.int-spec.ts` checks it against pg_trgm.
 *
 * A trigram is packed into one number: three 16-bit character codes (exact for the Basic Multilingual
 * Plane; characters beyond it are folded into the surrogate range, where they can only collide with
 * each other — pg_trgm itself hashes multi-byte trigrams into 3 bytes).
 */

const SPACE = 0x20;
const TWO32 = 4294967296;

const code = (cp: number) => (cp <= 0xffff ? cp : 0xd800 + (cp % 0x800));
const hash = (a: number, b: number, c: number) =>
  (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d)) >>> 0;

/** Calls `fn(key, hash)` for every trigram of a similarityText string (duplicates included). */
function eachTrigram(text: string, fn: (key: number, h: number) => void): void {
  let a = SPACE;
  let b = SPACE;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      cp = text.codePointAt(i) as number;
      i++;
    }
    if (cp === SPACE) {
      if (inWord) fn(a * TWO32 + b * 65536 + SPACE, hash(a, b, SPACE)); // the word's last trigram: "xy "
      inWord = false;
      a = SPACE;
      b = SPACE;
      continue;
    }
    const c = code(cp);
    fn(a * TWO32 + b * 65536 + c, hash(a, b, c));
    a = b;
    b = c;
    inWord = true;
  }
  if (inWord) fn(a * TWO32 + b * 65536 + SPACE, hash(a, b, SPACE));
}

/** An open-addressing set of trigram keys, reused between calls (generation stamps instead of clearing). */
class TrigramSet {
  private keys: Float64Array;
  private stamps: Uint32Array;
  private mask: number;
  private generation = 1;
  size = 0;

  constructor(capacity = 256) {
    const n = 1 << Math.ceil(Math.log2(Math.max(16, capacity * 2)));
    this.keys = new Float64Array(n);
    this.stamps = new Uint32Array(n);
    this.mask = n - 1;
  }

  clear(expected: number): void {
    if (expected * 2 > this.keys.length) {
      const fresh = new TrigramSet(expected);
      this.keys = fresh.keys;
      this.stamps = fresh.stamps;
      this.mask = fresh.mask;
      this.generation = 1;
    } else if (++this.generation === 0xffffffff) {
      this.stamps.fill(0);
      this.generation = 1;
    }
    this.size = 0;
  }

  /** Adds a key; false when it was already there. */
  add(key: number, h: number): boolean {
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      if (this.stamps[i] !== this.generation) {
        this.stamps[i] = this.generation;
        this.keys[i] = key;
        this.size++;
        return true;
      }
      if (this.keys[i] === key) return false;
    }
  }

  has(key: number, h: number): boolean {
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      if (this.stamps[i] !== this.generation) return false;
      if (this.keys[i] === key) return true;
    }
  }
}

/** Most trigrams a similarityText string can have: one per character plus one per word. */
export function maxTrigrams(text: string): number {
  let words = 0;
  let prevSpace = true;
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) === SPACE;
    if (!space && prevSpace) words++;
    prevSpace = space;
  }
  return text.length + words;
}

const scratch = new TrigramSet(512);

/**
 * One question's trigrams, compared with many texts. Not shareable between concurrent searches
 * only in the sense that each search makes its own; similarity() itself is synchronous.
 */
export class TrigramQuery {
  private readonly set: TrigramSet;

  constructor(text: string) {
    this.set = new TrigramSet(maxTrigrams(text));
    eachTrigram(text, (k, h) => this.set.add(k, h));
  }

  /** Distinct trigrams of the question. */
  get size(): number {
    return this.set.size;
  }

  /** pg_trgm's similarity(question, text), 0..1. */
  similarity(text: string): number {
    if (!this.set.size || !text) return 0;
    scratch.clear(maxTrigrams(text));
    let shared = 0;
    eachTrigram(text, (k, h) => {
      if (scratch.add(k, h) && this.set.has(k, h)) shared++;
    });
    return scratch.size ? shared / (this.set.size + scratch.size - shared) : 0;
  }

  /**
   * An upper bound of similarity(question, text) that costs nothing: a text with fewer possible
   * trigrams than the question cannot share more than it has (shared / union <= its size / ours).
   */
  upperBound(text: string): number {
    if (!this.set.size) return 0;
    return Math.min(1, maxTrigrams(text) / this.set.size);
  }
}

/** similarity(a, b) of two similarityText strings (as pg_trgm's similarity()). */
export function similarity(a: string, b: string): number {
  return new TrigramQuery(a).similarity(b);
}
