import { normalizeForClassifier } from '../text/normalize';
import { SoftmaxClassifier, TrainingExample } from './softmax-classifier';

const data: [string, string][] = [
  ['where is my parcel', 'track_order'],
  ['track my order please', 'track_order'],
  ['has my package shipped yet', 'track_order'],
  ['where is my order 4200000123', 'track_order'],
  ['i want my money back', 'get_refund'],
  ['refund me now', 'get_refund'],
  ['please give me a refund for order 1234567', 'get_refund'],
  ['can i get my money back', 'get_refund'],
  ['我的快递到哪了', 'track_order'],
  ['查一下物流', 'track_order'],
  ['我要退款', 'get_refund'],
  ['钱退给我', 'get_refund'],
];
const examples: TrainingExample[] = data.map(([text, intent]) => ({
  text: normalizeForClassifier(text),
  intent,
  language: /[a-z]/.test(text) ? 'en' : 'zh',
}));

describe('SoftmaxClassifier', () => {
  let model: SoftmaxClassifier;
  beforeAll(async () => {
    model = await SoftmaxClassifier.train(examples, { epochs: 30 });
  });

  it('learns intents from a few examples and generalises to unseen wording', () => {
    const top = (t: string, lang: string) =>
      model.labels[model.predict(normalizeForClassifier(t), lang).order[0]];
    expect(top('where is my parcell', 'en')).toBe('track_order');
    expect(top('money back please', 'en')).toBe('get_refund');
    expect(top('快递到哪了呀', 'zh')).toBe('track_order');
    expect(top('退款', 'zh')).toBe('get_refund');
  });

  it('returns probabilities that sum to one, ordered best first', () => {
    const p = model.predict(normalizeForClassifier('refund'), 'en');
    const sum = Array.from(p.probs).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 5);
    expect(p.probs[p.order[0]]).toBeGreaterThanOrEqual(p.probs[p.order[1]]);
  });

  it('survives a round trip through its stored form with identical predictions', () => {
    const copy = SoftmaxClassifier.deserialize(model.serialize());
    const a = model.predict(normalizeForClassifier('where is my refund'), 'en');
    const b = copy.predict(normalizeForClassifier('where is my refund'), 'en');
    expect(Array.from(b.probs)).toEqual(Array.from(a.probs));
    expect(copy.labels).toEqual(model.labels);
  });

  it('reports progress while training so a background job can show it', async () => {
    const seen: number[] = [];
    await SoftmaxClassifier.train(examples, { epochs: 2, onProgress: (p) => void seen.push(p) });
    expect(seen[seen.length - 1]).toBe(1);
  });

  it('folds digits so order numbers do not become vocabulary', () => {
    expect(normalizeForClassifier('订单4200000123456789 买了2件 ＸＬ')).toBe('订单# 买了0件 xl');
  });
});
