import { restore } from './redact';

/** What a placeholder can look like before its closing bracket has arrived. */
const OPEN_PLACEHOLDER = /⟦\s*[A-Z]*(?:_\d*)?\s*$/;
const LONGEST_PLACEHOLDER = 24;

/**
 * Restores placeholders in a streamed reply whose deltas may split one ("⟦PHO" + "NE_1⟧"): `push` returns
 * the text that is safe to show now, holding back an unfinished placeholder; `end` returns the rest.
 */
export class StreamRestorer {
  private pending = '';

  constructor(private readonly map: Map<string, string>) {}

  push(delta: string): string {
    const text = this.pending + delta;
    const open = text.lastIndexOf('⟦');
    const tail = open >= 0 ? text.slice(open) : '';
    if (open >= 0 && tail.length < LONGEST_PLACEHOLDER && OPEN_PLACEHOLDER.test(tail)) {
      this.pending = tail;
      return restore(text.slice(0, open), this.map);
    }
    this.pending = '';
    return restore(text, this.map);
  }

  end(): string {
    const rest = restore(this.pending, this.map);
    this.pending = '';
    return rest;
  }
}
