import { detectPii } from './detect';
import { PII_HOLDOUT } from './pii-holdout-samples';
import { PII_SAMPLES, type PiiSample } from './pii-samples';

function score(samples: PiiSample[]) {
  const key = (x: { kind: string; value: string }) => `${x.kind}:${x.value}`;
  const misses: string[] = [];
  const extras: string[] = [];
  for (const sample of samples) {
    const found = new Set(
      detectPii(sample.text).map((s) => key({ kind: s.kind, value: sample.text.slice(s.start, s.end) })),
    );
    const expected = new Set(sample.pii.map(key));
    for (const k of found) if (!expected.has(k)) extras.push(`${sample.text} → ${k}`);
    for (const k of expected) if (!found.has(k)) misses.push(`${sample.text} → ${k}`);
  }
  return { misses, extras };
}

describe.each([
  ['the tuning set', PII_SAMPLES],
  ['the held-out set', PII_HOLDOUT],
])('personal data in %s (zh / en / ja)', (_name, samples) => {
  const { misses, extras } = score(samples);

  it('is found exactly, each piece with its kind and its whole extent', () => {
    expect(misses).toEqual([]);
  });

  it('leaves order and tracking numbers, prices, dates, times and ordinary sentences alone', () => {
    expect(extras).toEqual([]);
  });
});
