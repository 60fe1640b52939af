import { readFileSync } from 'node:fs';
import { DEFAULT_SYNONYMS_FILE } from '../synonyms/synonyms.service';
import { addSegmenterWords } from '../text/segmenter';
import { SynonymIndex } from '../text/synonym-index';
import {
  bigramJaccard,
  GROUP_SIMILARITY,
  groupLanguage,
  localeForLanguage,
  pickGroup,
  questionKey,
  questionProfile,
  questionSimilarity,
  searchTokens,
} from './unknown-grouping';
import { similarity } from '../text/trigram';

// The shipped default synonyms, as a fresh install has them.
const groups = (
  JSON.parse(readFileSync(DEFAULT_SYNONYMS_FILE, 'utf8')) as {
    groups: { terms: string[]; locale: string | null }[];
  }
).groups;
addSegmenterWords(groups.flatMap((g) => g.terms));
const synonyms = new SynonymIndex(
  groups.map((g, i) => ({ id: String(i), terms: g.terms, locale: g.locale })),
);

const profile = (text: string, language: string) =>
  questionProfile(questionKey(text, language).tokens, synonyms, language);
const similar = (a: string, b: string, language = 'zh') => {
  const ka = questionKey(a, language);
  const kb = questionKey(b, language);
  return questionSimilarity(
    similarity(ka.normalized, kb.normalized),
    profile(a, language),
    profile(b, language),
  );
};

describe('unknown-question grouping', () => {
  it('maps NLU languages and locales to one grouping key', () => {
    expect(['zh', 'zh-CN', 'ja-JP', 'en', 'und', '??'].map(groupLanguage)).toEqual([
      'zh',
      'zh',
      'ja',
      'en',
      'und',
      'und',
    ]);
    expect(['zh', 'ja', 'en', 'und'].map(localeForLanguage)).toEqual(['zh-CN', 'ja', 'en', 'en']);
  });

  it('measures the character-pair overlap of two words', () => {
    expect(bigramJaccard('退货地址', '收货地址')).toBeCloseTo(0.5);
    expect(bigramJaccard('发票', '发票')).toBe(1);
    expect(bigramJaccard('开', '能开')).toBe(0);
  });

  it.each([
    ['能开专票吗', '增值税专票怎么开'],
    ['能开专票吗', '专用发票能开吗'],
    ['增值税专票怎么开', '专用发票能开吗'],
    ['包邮吗', '免运费吗'],
    ['可以开电子发票吗', '电子发票怎么开'],
    ['怎么查物流', '快递到哪了'],
    ['发票开不了', '开不了发票'],
    ['退貨運費誰出', '退货运费谁出'],
    ['发货要多久', '多久发货'],
    ['退货运费谁出', '退货运费由谁承担呢'],
    ['退货的运费谁出', '退货运费谁出'],
  ])('groups %s with %s', (a, b) => {
    expect(similar(a, b)).toBeGreaterThanOrEqual(GROUP_SIMILARITY);
  });

  it.each([
    ['发货时间', '到货时间'],
    ['如何申请退款', '如何申请退货'],
    ['退货地址', '收货地址'],
    ['能开专票吗', '能开普票吗'],
    ['能开专票吗', '能开发票吗'],
    ['能开专票吗', '能退货吗'],
    ['运费多少', '运费险怎么赔'],
    ['能退货吗', '退货地址'],
    ['怎么开发票', '怎么退款'],
    ['退货', '退货要自己付运费吗'],
    ['运费险怎么买', '运费怎么算'],
  ])('keeps %s apart from %s', (a, b) => {
    expect(similar(a, b)).toBeLessThan(GROUP_SIMILARITY);
  });

  it('groups English by synonyms and forgives typos there', () => {
    expect(similar('where is my parcel', 'where is my package', 'en')).toBeGreaterThanOrEqual(
      GROUP_SIMILARITY,
    );
    expect(similar('refund please', 'i want my money back', 'en')).toBeGreaterThanOrEqual(GROUP_SIMILARITY);
    expect(similar('wher is my parcell', 'where is my parcel', 'en')).toBeGreaterThanOrEqual(
      GROUP_SIMILARITY,
    );
    expect(similar('where is my parcel', 'can i cancel my order', 'en')).toBeLessThan(GROUP_SIMILARITY);
  });

  it('reads a compound as its longest word, a synonym as its group', () => {
    const p = profile('增值税专票怎么开', 'zh');
    expect(p.units.map((u) => u.text)).toEqual(['增值税专票', '开']);
    expect(profile('专用发票能开吗', 'zh').units[0].keys).toEqual(p.units[0].keys);
  });

  it('looks for stored questions by the synonyms of its words too', () => {
    const tokens = questionKey('包邮吗', 'zh').tokens;
    expect(searchTokens(tokens, synonyms, 'zh')).toEqual(expect.arrayContaining(['包邮', '免运费', '免邮']));
  });

  it('joins the most similar question group above the threshold, else opens a new one', () => {
    const q = profile('专用发票能开吗', 'zh');
    const candidates = [
      { groupId: 'invoice', trigram: 0.3, profile: profile('能开发票吗', 'zh') },
      { groupId: 'vat', trigram: 0.1, profile: profile('能开专票吗', 'zh') },
    ];
    expect(pickGroup(q, candidates)).toBe('vat');
    expect(pickGroup(q, [candidates[0]])).toBeNull();
    expect(pickGroup(q, [])).toBeNull();
  });

  it('compares Chinese by character pairs for pg_trgm, traditional folded', () => {
    expect(questionKey('退货运费谁出', 'zh').normalized).toBe('退货 货运 运费 费谁 谁出');
    expect(questionKey('退貨運費誰出', 'zh').normalized).toBe('退货 货运 运费 费谁 谁出');
  });
});
