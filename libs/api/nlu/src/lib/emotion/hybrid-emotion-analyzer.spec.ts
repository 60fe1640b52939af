import { SoftmaxClassifier } from '../classifier/softmax-classifier';
import { EmotionAnalyzer } from './emotion-analyzer';
import { HybridEmotionAnalyzer, trainEmotionModel } from './hybrid-emotion-analyzer';

describe('HybridEmotionAnalyzer', () => {
  let model: SoftmaxClassifier | null;
  let hybrid: HybridEmotionAnalyzer;
  beforeAll(async () => {
    model = await trainEmotionModel();
    hybrid = new HybridEmotionAnalyzer(new EmotionAnalyzer(), model);
  });

  it('trains its classifier from the emotion training set shipped with the engine', () => {
    expect(model?.labels.sort()).toEqual(['angry', 'frustrated', 'happy', 'neutral']);
  });

  it("keeps the word lists' reading of negation: 不满意 is negative, 不是不满意 is not", () => {
    expect(hybrid.analyze('不满意', 'zh').label).toBe('frustrated');
    expect(hybrid.analyze('不是不满意', 'zh').label).toBe('neutral');
  });

  it('lets threats and shouting decide', () => {
    expect(hybrid.analyze('再不处理我就打12315投诉你们', 'zh').label).toBe('angry');
    expect(hybrid.analyze('WHERE IS MY ORDER???', 'en').label).toBe('angry');
  });

  it('catches anger that no listed word gives away, and says the model decided', () => {
    const r = hybrid.analyze('你们是不是不想做生意了', 'zh');
    expect(['angry', 'frustrated']).toContain(r.label);
    expect(r.signals.some((s) => s.startsWith('model:'))).toBe(true);
  });

  it('leaves calm questions neutral', () => {
    expect(hybrid.analyze('请问这件衣服有黑色吗', 'zh').label).toBe('neutral');
    expect(hybrid.analyze('what sizes does this come in', 'en').label).toBe('neutral');
  });

  it('falls back to the word lists when no model could be trained', () => {
    const plain = new HybridEmotionAnalyzer(new EmotionAnalyzer(), null);
    expect(plain.analyze('谢谢 非常满意', 'zh').label).toBe('happy');
  });
});
