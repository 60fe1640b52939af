import { partialStringField } from './partial-json';

describe('partialStringField', () => {
  const full = JSON.stringify({ action: 'continue', reply: 'Line "one"\n二行目 \u00e9 ok', reason: null, confidence: 0.9 });

  it('grows with the JSON, decoding escapes, and never shows a half escape', () => {
    const seen: string[] = [];
    for (let n = 1; n <= full.length; n++) {
      const v = partialStringField(full.slice(0, n), 'reply');
      if (v !== null) seen.push(v);
    }
    expect(seen.at(-1)).toBe('Line "one"\n二行目 é ok');
    for (let i = 1; i < seen.length; i++) expect(seen[i].startsWith(seen[i - 1])).toBe(true);
    expect(seen.some((s) => s.endsWith('\\'))).toBe(false);
  });

  it('is null before the field starts, for other fields and for nested keys of that name', () => {
    expect(partialStringField('{"action":"continue","rep', 'reply')).toBeNull();
    expect(partialStringField('{"meta":{"reply":"inner"},"reply":"outer', 'reply')).toBe('outer');
    expect(partialStringField('{"reply":42', 'reply')).toBeNull();
    expect(partialStringField('{"x":"reply","reply":"ok"}', 'reply')).toBe('ok');
  });

  it('holds back a cut \\u escape', () => {
    expect(partialStringField('{"reply":"caf\\u00', 'reply')).toBe('caf');
    expect(partialStringField('{"reply":"caf\\u00e9', 'reply')).toBe('café');
  });
});
