import { toSimplified } from './hant';
import { normalizeText } from './normalize';
import { addSegmenterWords, segment } from './segmenter';
import { similarityText } from './similarity-text';
import { stemEnglish } from './stem';
import { SynonymIndex } from './synonym-index';

describe('segmentation', () => {
  it('cuts Chinese with the shop dictionary, keeping 退货运费 and its parts', () => {
    const t = segment('退货运费谁出？', 'zh-CN');
    expect(t).toEqual(expect.arrayContaining(['退货', '运费', '退货运费']));
    expect(t).not.toContain('谁');
  });

  it('cuts Japanese into words and drops particles', () => {
    const t = segment('返品の送料は誰が負担しますか', 'ja');
    expect(t).toEqual(expect.arrayContaining(['返品', '送料', '負担']));
    for (const p of ['の', 'は', 'が', 'か']) expect(t).not.toContain(p);
  });

  it('reads kana as Japanese whatever the locale, and kanji-only text by the locale', () => {
    expect(segment('クーポンが使えません', 'en')).toContain('クーポン');
    expect(segment('返品送料', 'ja')).toEqual(['返品', '送料']);
  });

  it('lower-cases, drops English stopwords and stems lightly', () => {
    expect(segment('How do I get REFUNDS for returned items?', 'en')).toEqual(['refund', 'return', 'item']);
    expect(segment('Ｆｕｌｌ－width ＳＨＩＰＰＩＮＧ', 'en')).toEqual(['full', 'width', 'ship']);
  });

  it('keeps a question made only of stopwords rather than returning nothing', () => {
    expect(segment('how are you', 'en')).toEqual(['how', 'are', 'you']);
    expect(segment('？？！', 'en')).toEqual([]);
  });

  it.each([
    ['shipping', 'ship'],
    ['shipped', 'ship'],
    ['refunds', 'refund'],
    ['refunded', 'refund'],
    ['policies', 'polici'],
    ['policy', 'polici'],
    ['warranties', 'warranti'],
    ['delivery', 'deliver'],
    ['cancelled', 'cancel'],
    ['billing', 'bill'],
    ['address', 'address'],
    ['bus', 'bus'],
  ])('stems %s to %s', (word, stem) => {
    expect(stemEnglish(word)).toBe(stem);
  });

  it('learns new Chinese words so a synonym is one token', () => {
    expect(segment('买了以后多久发货', 'zh-CN')).not.toContain('买了以后');
    addSegmenterWords(['买了以后']);
    expect(segment('买了以后多久发货', 'zh-CN')).toContain('买了以后');
  });

  it('normalises width, case and punctuation', () => {
    expect(normalizeText('ＡＢＣ，退货！！ Hello-World')).toBe('abc 退货 hello world');
  });

  it('writes CJK as overlapping character pairs for pg_trgm', () => {
    expect(similarityText('退货运费！')).toBe('退货 货运 运费');
    expect(similarityText('Free 包邮 ok')).toBe('free 包邮 ok');
    expect(similarityText('单')).toBe('单');
  });
});

describe('traditional Chinese', () => {
  it('folds the common traditional characters to simplified, leaving others alone', () => {
    expect(toSimplified('退貨運費誰出')).toBe('退货运费谁出');
    expect(toSimplified('請問發票怎麼開？')).toBe('请问发票怎么开？');
    expect(toSimplified('退货运费 refund 123')).toBe('退货运费 refund 123');
    // Still-used simplified characters that are also traditional forms are not folded.
    expect(toSimplified('著名 乾坤 覆盖')).toBe('著名 乾坤 覆盖');
  });

  it('segments a traditional question like its simplified form, in any Chinese locale', () => {
    expect(segment('退貨運費誰出', 'zh-CN')).toEqual(segment('退货运费谁出', 'zh-CN'));
    expect(segment('運費險怎麼賠', 'zh-TW')).toEqual(segment('运费险怎么赔', 'zh-CN'));
    expect(similarityText('退貨運費', 'zh-TW')).toBe('退货 货运 运费');
  });

  it('never folds Japanese', () => {
    expect(segment('後で返品の送料を確認', 'ja')).toEqual(
      expect.arrayContaining(['後で', '返品', '送料', '確認']),
    );
    expect(similarityText('発送後の返品', 'ja')).toBe('発送 送後 後の の返 返品');
    expect(similarityText('後日', 'ja')).toBe('後日');
  });

  it('folds synonym terms written in traditional characters', () => {
    const index = new SynonymIndex([{ id: 't', terms: ['免運費', '包郵'], locale: 'zh-TW' }]);
    addSegmenterWords(['免運費', '包郵']);
    expect(index.read(segment('包邮吗', 'zh-TW'), 'zh-TW').concepts).toEqual(
      index.read(segment('免運費', 'zh-TW'), 'zh-TW').concepts,
    );
    expect(index.read(segment('包邮吗', 'zh-TW'), 'zh-TW').concepts).toHaveLength(1);
  });
});

describe('synonym index', () => {
  const index = new SynonymIndex([
    { id: 'a', terms: ['refund', 'money back', 'reimbursement'], locale: null },
    { id: 'b', terms: ['包邮', '免运费'], locale: null },
    { id: 'c', terms: ['送料無料', '無料配送'], locale: 'ja' },
  ]);

  it('reads single and multi-word terms as one concept and drops the words they cover', () => {
    const a = index.read(segment('can I get my money back', 'en'), 'en');
    const b = index.read(segment('refund please', 'en'), 'en');
    expect(a.concepts).toHaveLength(1);
    expect(a.concepts).toEqual(b.concepts);
    expect(a.rest).toEqual([]);
  });

  it('matches Chinese terms and applies locale-scoped groups only in their locale', () => {
    addSegmenterWords(['包邮', '免运费']);
    expect(index.read(segment('免运费吗', 'zh-CN'), 'zh-CN').concepts).toEqual(
      index.read(segment('包邮', 'zh-CN'), 'zh-CN').concepts,
    );
    expect(index.read(segment('送料無料ですか', 'ja'), 'ja').concepts).toHaveLength(1);
    expect(index.read(segment('送料無料ですか', 'ja'), 'zh-CN').concepts).toHaveLength(0);
  });

  it('makes groups sharing a term one concept, whatever order they come in', () => {
    const a = { id: 'a', terms: ['取消', '撤销'], locale: null };
    const b = { id: 'b', terms: ['キャンセル', '取り消し', '取消'], locale: null };
    for (const groups of [
      [a, b],
      [b, a],
    ]) {
      const ix = new SynonymIndex(groups);
      const concept = (text: string) => ix.read(segment(text, 'zh-CN'), 'zh-CN').concepts;
      expect(concept('撤销')).toEqual(concept('取消'));
      expect(concept('撤销')).toHaveLength(1);
    }
  });

  it('lists the token sequences of a concept for the full-text query', () => {
    const [c] = index.read(['refund'], 'en').concepts;
    expect(index.sequencesOf(c)).toEqual(
      expect.arrayContaining([['refund'], ['monei', 'back'], ['reimbursement']]),
    );
  });
});
