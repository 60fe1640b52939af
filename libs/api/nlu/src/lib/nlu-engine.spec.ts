import { SoftmaxClassifier } from './classifier/softmax-classifier';
import { CLASSIFY_LIMIT, NluEngine } from './nlu-engine';
import { normalizeForClassifier } from './text/normalize';

const rows: [string, string][] = [
  ['where is my parcel', 'track_order'],
  ['track my order', 'track_order'],
  ['我的快递到哪了', 'track_order'],
  ['i want a refund', 'get_refund'],
  ['我要退款', 'get_refund'],
  ['tell me a joke', 'out_of_scope'],
  ['今天天气怎么样', 'out_of_scope'],
  ['what is the capital of france', 'out_of_scope'],
];

describe('NluEngine', () => {
  let engine: NluEngine;
  const extracted: string[] = [];
  beforeAll(async () => {
    const model = await SoftmaxClassifier.train(
      rows.map(([t, i]) => ({
        text: normalizeForClassifier(t),
        intent: i,
        language: /[a-z]/.test(t) ? 'en' : 'zh',
      })),
      { epochs: 30 },
    );
    engine = new NluEngine(
      model,
      7,
      {
        extract: (text) => {
          extracted.push(text);
          return [];
        },
      },
      { analyze: () => ({ label: 'neutral', score: 0.1, signals: [] }) },
    );
  });

  it('returns the result shape of DESIGN.md with the full ranking', () => {
    const r = engine.parse('where is my parcel');
    expect(r).toMatchObject({ language: 'en', intent: 'track_order', modelVersion: 7, truncated: false });
    expect(r.ranking.map((x) => x.intent).sort()).toEqual(['get_refund', 'out_of_scope', 'track_order']);
    expect(r.ranking[0]).toEqual({ intent: r.intent, confidence: r.confidence });
  });

  it.each([
    ['empty text', ''],
    ['only spaces', '   \n\t '],
    ['only emoji', '😀😀😀🎉'],
    ['binary junk', '\u0000\u0001\u0002\ud800\uffff\u0007abc\u001b[31m'],
    ['mixed scripts', 'где мой заказ 我的订单 주문 where'],
    ['not a string', 12345 as unknown as string],
    ['null', null as unknown as string],
  ])('answers %s with a result, never an exception', (_name, text) => {
    const r = engine.parse(text);
    expect(typeof r.intent).toBe('string');
    expect(r.confidence).toBeGreaterThanOrEqual(0);
    expect(r.emotion.label).toBeDefined();
  });

  it('says "out of scope" with no confidence when there is nothing to read', () => {
    expect(engine.parse('  ?!  ')).toMatchObject({ intent: 'out_of_scope', confidence: 0, ranking: [] });
  });

  it('cuts 20,000 characters for classification and says so in the result', () => {
    const r = engine.parse('where is my parcel '.repeat(1100));
    expect(r.truncated).toBe(true);
    expect(r.intent).toBe('track_order');
    expect(engine.parse('where is my parcel').truncated).toBe(false);
    expect(CLASSIFY_LIMIT).toBeLessThan(20_000);
  });

  it('hands entities the original text with control characters blanked, offsets unchanged', () => {
    extracted.length = 0;
    engine.parse('a\u0000b');
    expect(extracted[0]).toBe('a b');
  });

  it('uses the conversation language when the message has no letters', () => {
    expect(engine.parse('👍', { language: 'ja' }).language).toBe('ja');
  });
});
