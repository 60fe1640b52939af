import type { NluLanguage } from '@kefu/shared/contracts';
import { EmotionAnalyzer } from './emotion-analyzer';

const analyzer = new EmotionAnalyzer();

function label(text: string, language: NluLanguage = 'zh'): string {
  return analyzer.analyze(text, language).label;
}

function negative(text: string, language: NluLanguage = 'zh'): boolean {
  const l = label(text, language);
  return l === 'angry' || l === 'frustrated';
}

describe('EmotionAnalyzer', () => {
  it('calls plain questions and requests neutral', () => {
    expect(label('请问这款有现货吗')).toBe('neutral');
    expect(label('能帮我改一下地址吗')).toBe('neutral');
    expect(label('Do you ship to Canada?', 'en')).toBe('neutral');
    expect(label('送料はいくらですか', 'ja')).toBe('neutral');
    expect(analyzer.analyze('', 'zh')).toEqual({ label: 'neutral', score: 0.9, signals: [] });
  });

  it('calls thanks and praise happy, but not a polite thanks after a question', () => {
    expect(label('好的，谢谢')).toBe('happy');
    expect(label('收到了，很满意')).toBe('happy');
    expect(label('Thanks so much, love it!', 'en')).toBe('happy');
    expect(label('ありがとうございます、助かりました', 'ja')).toBe('happy');
    expect(label('请问什么时候发货？谢谢')).toBe('neutral');
  });

  describe('negation', () => {
    it('turns negated praise negative: 不满意, not happy, 満足していない', () => {
      expect(label('不满意')).toBe('frustrated');
      expect(label('不喜欢这个颜色')).toBe('frustrated');
      const en = analyzer.analyze('not happy with this at all', 'en');
      expect(en.label).toBe('frustrated');
      expect(en.signals).toContain('negation:happy');
      expect(label('満足していない', 'ja')).toBe('frustrated');
      expect(label('嬉しくないです', 'ja')).toBe('frustrated');
    });

    it('does not call a double negation negative: 不是不满意', () => {
      const r = analyzer.analyze('不是不满意', 'zh');
      expect(r.label).not.toMatch(/angry|frustrated/);
      expect(r.signals).toContain('negated:不满意');
    });

    it('reads "not bad" and 不错 as praise', () => {
      expect(label('not bad at all', 'en')).toBe('happy');
      expect(label('东西不错')).toBe('happy');
    });

    it('keeps 别 as an order, not a negation: 别再让我等了', () => {
      expect(negative('能不能别再让我等了')).toBe(true);
    });

    it('does not take A-not-A questions for negation', () => {
      expect(label('是不是正品')).toBe('neutral');
      expect(label('能不能便宜点')).toBe('neutral');
    });
  });

  it('scores an intensified complaint higher and says why', () => {
    const plain = analyzer.analyze('失望', 'zh');
    const strong = analyzer.analyze('非常失望', 'zh');
    expect(strong.score).toBeGreaterThan(plain.score);
    expect(strong.signals).toContain('intensifier:非常');
    expect(analyzer.analyze('really disappointed', 'en').signals).toContain('intensifier:really');
    expect(analyzer.analyze('すごく残念です', 'ja').signals).toContain('intensifier:すごく');
  });

  describe('punctuation', () => {
    it('makes repeated question marks alone frustrated', () => {
      const r = analyzer.analyze('在吗？？？', 'zh');
      expect(r.label).toBe('frustrated');
      expect(r.signals).toContain('punctuation:？？？');
    });

    it('pushes a complaint with !!! towards anger', () => {
      expect(analyzer.analyze('还没到！！！', 'zh').score).toBeGreaterThan(
        analyzer.analyze('还没到', 'zh').score,
      );
      expect(label('有点坑')).toBe('frustrated');
      expect(label('有点坑！！！')).toBe('angry');
    });

    it('adds to happiness when the message is happy', () => {
      expect(analyzer.analyze('太好了！！', 'zh').score).toBeGreaterThan(
        analyzer.analyze('太好了', 'zh').score,
      );
    });
  });

  it('reads emoji', () => {
    expect(analyzer.analyze('😡😡', 'zh')).toMatchObject({
      label: 'angry',
      signals: ['emoji:😡', 'emoji:😡'],
    });
    expect(label('🤬', 'en')).toBe('angry');
    expect(label('还没收到😭')).toBe('frustrated');
    expect(label('🙄', 'en')).toBe('frustrated');
    expect(label('收到啦😊👍')).toBe('happy');
    expect(label('thank you ❤️', 'en')).toBe('happy');
  });

  it('treats shouting as anger when it comes with punctuation', () => {
    const r = analyzer.analyze('WHERE IS MY ORDER??? I PAID TWO WEEKS AGO', 'en');
    expect(r.label).toBe('angry');
    expect(r.signals).toContain('shouting');
    expect(analyzer.analyze('SF EXPRESS', 'en').signals).not.toContain('shouting');
    expect(label('WHERE IS MY ORDER', 'en')).toMatch(/frustrated|angry/);
  });

  describe('threats', () => {
    const threats: [string, NluLanguage, string][] = [
      ['再不退款我就给差评', 'zh', '给差评'],
      ['你们等着收差评吧', 'zh', '差评'],
      ['我要投诉你们', 'zh', '投诉'],
      ['我要打12315', 'zh', '12315'],
      ['去消协告你们', 'zh', '消协'],
      ['我要在网上曝光你们', 'zh', '曝光'],
      ['我已经报警了', 'zh', '报警'],
      ['我会起诉你们', 'zh', '起诉'],
      ['我的律师会联系你们', 'zh', '律师'],
      ['I will talk to my lawyer', 'en', 'lawyer'],
      ['I am going to sue you', 'en', 'sue'],
      ['I will file a chargeback', 'en', 'chargeback'],
      ['I will report you', 'en', 'report you'],
      ['reporting this to the BBB', 'en', 'bbb'],
      ['消費者センターに相談します', 'ja', '消費者センター'],
      ['弁護士に相談します', 'ja', '弁護士'],
      ['訴えますよ', 'ja', '訴えます'],
    ];
    it.each(threats)('makes "%s" angry with a threat signal', (text, language, word) => {
      const r = analyzer.analyze(text, language);
      expect(r.label).toBe('angry');
      expect(r.signals).toContain(`threat:${word}`);
    });

    it('keeps a question about how to complain at frustrated', () => {
      expect(label('怎么投诉')).toBe('frustrated');
      expect(label('How do I report you to the BBB?', 'en')).toBe('frustrated');
    });
  });

  it('reads angry words in zh, en and ja', () => {
    expect(label('垃圾，骗子')).toBe('angry');
    expect(label('This is a scam, absolutely ridiculous', 'en')).toBe('angry');
    expect(label('ふざけるな、最悪だ', 'ja')).toBe('angry');
  });

  it('reads frustration in zh, en and ja', () => {
    expect(label('怎么还没发货')).toBe('frustrated');
    expect(label('等了好久了，无语')).toBe('frustrated');
    expect(label('Still waiting, any update?', 'en')).toBe('frustrated');
    expect(label('まだ届かないので困ります', 'ja')).toBe('frustrated');
    expect(label("It's been over two weeks", 'en')).toBe('frustrated');
  });

  it('sees sarcasm: praise next to a complaint is not happy', () => {
    const r = analyzer.analyze('呵呵 真是太好了 等了半个月', 'zh');
    expect(r.label).toBe('frustrated');
    expect(r.signals).toContain('sarcasm:呵呵');
    expect(negative('Oh great, another delay', 'en')).toBe(true);
    expect(negative('Thanks for nothing, still no refund', 'en')).toBe(true);
  });

  it('lets a complaint outweigh polite words around it', () => {
    expect(label('东西不错，就是物流太慢了')).toBe('frustrated');
    expect(label('谢谢，不过还是没收到')).toBe('frustrated');
    expect(label('Thanks a lot!', 'en')).toBe('happy');
  });

  it('does not hear cues inside other words', () => {
    expect(label('不好意思，我填错地址了')).toBe('neutral');
    expect(label('滚筒洗衣机有货吗')).toBe('neutral');
    expect(label('Is this still available?', 'en')).toBe('neutral');
    expect(label('I have an issue with sizing', 'en')).toBe('neutral');
  });

  it('keeps the score between 0 and 1', () => {
    for (const text of ['垃圾垃圾垃圾垃圾😡😡😡！！！', '谢谢谢谢太好了太棒了😊😊', '你好', '???']) {
      const { score } = analyzer.analyze(text, 'zh');
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }
  });
});
