import type { SafetyTrigger } from '@kefu/shared/contracts';
import { detectSafety, leadingTrigger, SafetyNlu } from './safety';

const fired = (text: string, nlu: SafetyNlu | null = null): SafetyTrigger[] =>
  detectSafety(text, nlu)
    .filter((t) => t.fired)
    .map((t) => t.trigger);

describe('safety triggers', () => {
  it('always reports all four triggers, with evidence only for those that fired', () => {
    const traces = detectSafety('转人工', null);
    expect(traces.map((t) => t.trigger)).toEqual([
      'customer_request',
      'legal_threat',
      'harm_threat',
      'self_harm',
    ]);
    expect(traces[0]).toEqual({ trigger: 'customer_request', fired: true, evidence: '转人工' });
    expect(traces.slice(1).every((t) => !t.fired && t.evidence === null)).toBe(true);
  });

  describe('customer_request', () => {
    it.each([
      '转人工',
      '人工',
      '人工!!!',
      '转 人 工',
      '转人工，谢谢',
      '我要人工客服',
      '请帮我转接人工服务',
      '找真人',
      '有没有人工',
      '给我找个真人客服',
      '别用机器人回复了',
      '你是机器人吧？转人工',
      'ＴＡＬＫ ＴＯ Ａ ＨＵＭＡＮ',
      'I want to talk to a real person',
      'Can I speak with an agent please?',
      'connect me to a representative',
      'human please',
      'Agent',
      'I need a live agent',
      'let me talk to your manager',
      'Are you a bot? I want a human.',
      'オペレーターにつないでください',
      '担当者と話したいです',
      '人間と話したい',
      '有人対応をお願いします',
    ])('fires for "%s"', (text) => {
      expect(fired(text)).toContain('customer_request');
    });

    it.each([
      '不用转人工了，我自己看看',
      '不需要人工',
      '你是真人吗？',
      '你是机器人吗',
      '这是人工客服吗',
      '我需要人工智能推荐',
      '人工智能音箱有货吗',
      'is this a robot?',
      'Are you a real person?',
      'am I talking to a bot',
      'no need for a human, thanks',
      "I don't need an agent",
      'where is my order',
      '物流到哪了',
      'ロボットですか？',
      'オペレーターは不要です',
    ])('does not fire for "%s"', (text) => {
      expect(fired(text)).not.toContain('customer_request');
    });

    it('follows the language engine when it reads a request for a person, unless the shopper said no', () => {
      const human = { intent: 'contact_human_agent', confidence: 0.7 };
      expect(detectSafety('can somebody look at this', human)[0]).toEqual({
        trigger: 'customer_request',
        fired: true,
        evidence: 'intent contact_human_agent (0.70)',
      });
      expect(fired('can somebody look at this', { intent: 'contact_human_agent', confidence: 0.4 })).toEqual(
        [],
      );
      expect(fired('不用转人工', human)).toEqual([]);
      expect(fired('are you a robot', human)).toEqual([]);
    });
  });

  describe('legal_threat', () => {
    it.each([
      '我要找律师',
      '我会起诉你们',
      '法院见',
      '我要打12315',
      '去消协投诉你们',
      '投诉到工商局',
      '我要走法律途径',
      '我已经报警了',
      '我要告你们',
      'I will talk to my lawyer',
      "I'm going to sue you",
      'I will file a chargeback',
      'see you in court',
      'I am reporting you to the BBB',
      'I will report you to the FTC',
      '弁護士に相談します',
      '訴えますよ',
      '消費者センターに連絡します',
    ])('fires for "%s"', (text) => {
      expect(fired(text)).toContain('legal_threat');
    });

    it.each([
      '我告诉你们地址了',
      '工商银行卡能付款吗',
      '订单号 2023123151234',
      '我要给差评',
      '我要投诉你们',
      'my friend Sue recommended you',
      'is there a food court nearby',
      'basketball court shoes size 42',
      '向你们报告一下',
    ])('does not fire for "%s"', (text) => {
      expect(fired(text)).not.toContain('legal_threat');
    });

    it('takes legal threat signals of the emotion analyser, but not reviews or complaints', () => {
      const nlu = (signals: string[]) => ({ intent: 'complaint', confidence: 0.9, emotion: { signals } });
      expect(detectSafety('hmm', nlu(['threat:维权']))[1]).toMatchObject({
        fired: true,
        evidence: 'emotion signal threat:维权',
      });
      expect(fired('hmm', nlu(['threat:差评', 'threat:投诉', 'punctuation:!!!']))).toEqual([]);
    });
  });

  describe('harm_threat', () => {
    it.each([
      '我要炸了你们',
      '炸了你们的店',
      '信不信我弄死你',
      '我杀了你',
      '找人收拾你',
      '我要去杀人',
      "I'll kill you",
      'I will bomb your store',
      'I am going to burn down your warehouse',
      'I have a gun',
      'ぶっ殺すぞ',
      '店を爆破する',
      '殺してやる',
    ])('fires for "%s"', (text) => {
      expect(fired(text)).toContain('harm_threat');
    });

    it.each([
      '秒杀活动什么时候开始',
      '充电宝炸了，怎么办',
      '打你们客服电话打不通',
      '打死我也不买了',
      '帮我砍一刀',
      '炸鸡外卖能退吗',
      "I'll shoot you an email",
      "it won't hurt you to check",
      'can you beat their price',
      'this price is killing me',
      'the bomb of a deal',
    ])('does not fire for "%s"', (text) => {
      expect(fired(text)).not.toContain('harm_threat');
    });
  });

  describe('self_harm', () => {
    it.each([
      '我不想活了',
      '真的想死',
      '活不下去了',
      '我要自杀',
      '想轻生',
      '我去死好了',
      'I want to kill myself',
      'thinking about suicide',
      'I just want to end my life',
      'i wanna die',
      "I don't want to live anymore",
      '死にたい',
      '自殺したい',
      'もう生きていたくない',
    ])('fires for "%s"', (text) => {
      expect(fired(text)).toContain('self_harm');
    });

    it.each([
      '笑死我了',
      '笑死',
      '气死我了，快递还没到',
      '累死了',
      '热死了，空调什么时候到',
      '想死你们了',
      '想死我了这件衣服',
      '我不想死',
      'this price is killing me',
      "I'm dying to get these shoes",
      "I don't want to die",
      'my phone battery is going to die',
      '死ぬほど嬉しい',
    ])('does not fire for "%s"', (text) => {
      expect(fired(text)).not.toContain('self_harm');
    });
  });

  it('hands off for the gravest trigger when several fire', () => {
    const traces = detectSafety('转人工！我不想活了', null);
    expect(traces.filter((t) => t.fired).map((t) => t.trigger)).toEqual(['customer_request', 'self_harm']);
    expect(leadingTrigger(traces)).toMatchObject({
      trigger: 'self_harm',
      reason: 'negative_emotion',
      priority: 'urgent',
    });
    expect(leadingTrigger(detectSafety('我要找律师，转人工', null))).toMatchObject({
      trigger: 'legal_threat',
      reason: 'policy',
      priority: 'high',
    });
    expect(leadingTrigger(detectSafety('转人工', null))).toMatchObject({
      reason: 'customer_request',
      priority: 'normal',
    });
    expect(leadingTrigger(detectSafety('你好', null))).toBeNull();
  });

  it('reads only the first 4000 characters and survives empty text', () => {
    expect(fired(`${'好'.repeat(5000)}转人工`)).toEqual([]);
    expect(fired('')).toEqual([]);
  });
});
