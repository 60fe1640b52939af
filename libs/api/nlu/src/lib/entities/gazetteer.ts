import { CharTrie } from './char-trie';

export type GazetteerType = 'product' | 'brand';

export interface GazetteerEntry {
  type: GazetteerType;
  /** Canonical name reported as the entity's value; it also matches itself. */
  value: string;
  /** Other surface forms (other languages, spellings) that mean the same thing. */
  aliases?: string[];
}

export interface GazetteerMatch {
  type: GazetteerType;
  value: string;
  start: number;
  end: number;
}

interface Payload {
  type: GazetteerType | 'stop';
  value: string;
}

const STOP: Payload = { type: 'stop', value: '' };

/**
 * Product and brand names matched over a character trie: leftmost-longest, case-insensitive for Latin
 * (full-width Latin too), Latin names only on word boundaries. Later entries replace earlier ones for
 * the same surface form, so a shop's catalogue added with `add()` overrides the defaults.
 * English product words also match their plural (`sneaker` → `sneakers`, `dress` → `dresses`).
 */
export class Gazetteer {
  private readonly trie = new CharTrie<Payload>();
  private readonly values = new Set<string>();

  static fromEntries(entries: readonly GazetteerEntry[]): Gazetteer {
    return new Gazetteer().add(entries);
  }

  /** Number of distinct (type, value) entries. */
  get size(): number {
    return this.values.size;
  }

  add(entries: readonly GazetteerEntry[]): this {
    for (const entry of entries) {
      const value = entry.value.trim();
      if (!value || (entry.type !== 'product' && entry.type !== 'brand')) continue;
      const payload: Payload = { type: entry.type, value };
      this.values.add(`${entry.type}\u0000${value}`);
      this.addSurface(value, payload);
      for (const alias of entry.aliases ?? []) this.addSurface(alias, payload);
    }
    return this;
  }

  /**
   * Surface forms that must never be reported although a shorter entry sits inside them
   * (`手机号` hides `手机`, `好奇心` hides `好奇`).
   */
  addStopwords(words: readonly string[]): this {
    for (const word of words) if (word.trim()) this.trie.set(word.trim(), STOP);
    return this;
  }

  match(text: string): GazetteerMatch[] {
    const out: GazetteerMatch[] = [];
    this.trie.scan(text, (start, end, payload) => {
      if (payload.type !== 'stop') out.push({ type: payload.type, value: payload.value, start, end });
    });
    return out;
  }

  private addSurface(surface: string, payload: Payload): void {
    const s = surface.trim().replace(/\*$/, '');
    if (!s) return;
    this.trie.set(s, payload);
    if (payload.type === 'product' && /[a-z]$/i.test(s) && !/[a-z]s$/i.test(s)) {
      this.trie.set(/(?:s|x|ch|sh)$/i.test(s) ? `${s}es` : `${s}s`, payload);
    } else if (payload.type === 'product' && /(?:ss|x|ch|sh)$/i.test(s)) {
      this.trie.set(`${s}es`, payload);
    }
  }
}
