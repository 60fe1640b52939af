import { groupLanguage, localeForLanguage, pickGroup, questionKey, tokenOverlap } from './unknown-grouping';

describe('unknown-question grouping', () => {
  it('maps NLU languages and locales to one grouping key', () => {
    expect(['zh', 'zh-CN', 'ja-JP', 'en', 'und', '??'].map(groupLanguage)).toEqual(['zh', 'zh', 'ja', 'en', 'und', 'und']);
    expect(['zh', 'ja', 'en', 'und'].map(localeForLanguage)).toEqual(['zh-CN', 'ja', 'en', 'en']);
  });

  it('measures token overlap', () => {
    expect(tokenOverlap(['a', 'b'], ['b', 'c'])).toBeCloseTo(1 / 3);
    expect(tokenOverlap([], ['a'])).toBe(0);
  });

  it('joins the most similar question group above the threshold, else opens a new one', () => {
    const key = questionKey('where is my parcel', 'en');
    expect(key.tokens).toEqual(['parcel']);
    const candidates = [
      { groupId: 'g1', trigram: 0.2, tokens: ['parcel', 'late'] },
      { groupId: 'g2', trigram: 0.8, tokens: ['parcel'] },
    ];
    expect(pickGroup(key, candidates)).toBe('g2');
    expect(pickGroup(key, [{ groupId: 'g3', trigram: 0.3, tokens: ['invoic'] }])).toBeNull();
    expect(pickGroup(key, [])).toBeNull();
  });

  it('compares Chinese by character pairs, so different segmentations still group', () => {
    const a = questionKey('退货运费谁出', 'zh');
    expect(a.normalized).toBe('退货 货运 运费 费谁 谁出');
  });
});
