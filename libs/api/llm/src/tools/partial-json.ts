/**
 * The value of a top-level string field of a JSON object that is still arriving, as far as it has arrived:
 * `partialStringField('{"reply":"Your ord', 'reply')` is `'Your ord'`. Escapes are decoded; an escape cut
 * off at the end is held back. null while the field has not started (or is not a string). The SDK's own
 * partial parser drops a string until its closing quote, which would stream a reply only when complete.
 */
export function partialStringField(json: string, field: string): string | null {
  const start = fieldStart(json, field);
  if (start < 0) return null;
  let out = '';
  for (let i = start; i < json.length; i++) {
    const c = json[i];
    if (c === '"') return out;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = json[i + 1];
    if (next === undefined) return out;
    if (next === 'u') {
      const hex = json.slice(i + 2, i + 6);
      if (hex.length < 4) return out;
      out += String.fromCharCode(parseInt(hex, 16));
      i += 5;
      continue;
    }
    out += ESCAPES[next] ?? next;
    i += 1;
  }
  return out;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };

/** Index just after the opening quote of `field`'s string value at the object's top level, or -1. */
function fieldStart(json: string, field: string): number {
  let depth = 0;
  let inString = false;
  let keyStart = -1;
  let lastKey: string | null = null;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') {
        inString = false;
        if (depth === 1 && keyStart >= 0) lastKey = JSON.parse(json.slice(keyStart, i + 1)) as string;
        keyStart = -1;
      }
      continue;
    }
    if (c === '{' || c === '[') depth += 1;
    else if (c === '}' || c === ']') depth -= 1;
    else if (c === '"') {
      inString = true;
      // A string after ':' at depth 1 is a value: the one we want if its key is the field.
      const before = json.slice(0, i).trimEnd();
      if (depth === 1 && before.endsWith(':')) {
        if (lastKey === field) return i + 1;
        keyStart = -1;
      } else if (depth === 1) keyStart = i;
    }
  }
  return -1;
}
