import { articleScore, idfFactor, overlap, tokenWeight, variantScore } from '../text/scoring';
import { anyTermQuery, productTermsQuery, termGroups } from './query-plan';

describe('ranking', () => {
  it('weighs words by length and script, and common words less', () => {
    expect(tokenWeight('退货运费')).toBeGreaterThan(tokenWeight('退'));
    expect(tokenWeight('refund')).toBeGreaterThan(tokenWeight('ok'));
    expect(idfFactor(1, 1000)).toBeGreaterThan(idfFactor(900, 1000));
    expect(idfFactor(1000, 1000)).toBeGreaterThanOrEqual(0.2);
    expect(idfFactor(0, 0)).toBe(1);
  });

  it('scores 1 for a variant that is the question and stays within 0..1', () => {
    const q = new Map([
      ['退货', 1],
      ['运费', 1],
    ]);
    const full = overlap(q, new Set(['退货', '运费']));
    expect(full).toEqual({ coverage: 1, precision: 1 });
    expect(variantScore(full, 1)).toBe(1);
    expect(variantScore(overlap(q, new Set(['发票'])), 0)).toBe(0);
    expect(articleScore(0.5, 1)).toBeCloseTo(0.65);
    expect(articleScore(1, 1)).toBe(1);
  });

  it('fetches general candidates with the rare terms and leaves very common ones to the ranking', () => {
    const slot = (token: string, df: number) => ({ alternatives: [[token]], df, token });
    expect(anyTermQuery([slot('退货', 40_000), slot('运费险', 30), slot("it's", 2)])).toBe(
      `'it''s' | '运费险'`,
    );
    expect(anyTermQuery([slot('退货', 40_000)])).toBe(`'退货'`);
    expect(anyTermQuery([{ alternatives: [['money', 'back'], ['refund']], df: 3 }])).toBe(
      `(('money' & 'back') | 'refund')`,
    );
    expect(anyTermQuery([])).toBeNull();
    expect(anyTermQuery([slot('保价', 0), slot('你们', 3000)])).toBe(`'你们'`);
  });

  it('asks product-scoped articles for most of the rarest terms, a compound and its parts counting once', () => {
    const slot = (token: string, df: number) => ({ alternatives: [[token]], df, token });
    expect(
      termGroups([slot('电动', 900), slot('牙刷', 500), slot('电动牙刷', 400), slot('雪松', 300)]).map((g) =>
        g.alternatives.flat(),
      ),
    ).toEqual([['电动牙刷', '电动', '牙刷'], ['雪松']]);
    expect(productTermsQuery([slot('a', 1), slot('b', 2), slot('c', 3)])).toBe(`('a':AB & 'b':AB & 'c':AB)`);
    expect(productTermsQuery([slot('a', 1), slot('b', 2), slot('c', 3), slot('d', 4), slot('e', 5)])).toBe(
      `('a':AB & 'b':AB & 'c':AB) | ('a':AB & 'b':AB & 'd':AB) | ('a':AB & 'c':AB & 'd':AB) | ('b':AB & 'c':AB & 'd':AB)`,
    );
    expect(productTermsQuery([slot('a', 1), slot('b', 9000)])).toBe(`('a':AB & 'b':AB)`);
    expect(productTermsQuery([slot('保修', 9000)])).toBeNull();
    // 100,000 articles: brand, model and type together are selective; two common terms are not.
    expect(productTermsQuery([slot('雪松', 2000), slot('b1', 1200), slot('牙刷', 2000)], 100_000)).toBe(
      `('b1':AB & '雪松':AB & '牙刷':AB)`,
    );
    expect(productTermsQuery([slot('保修', 4000), slot('坏了', 4000)], 33_000)).toBeNull();
  });
});
