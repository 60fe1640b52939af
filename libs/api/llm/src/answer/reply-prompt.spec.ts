import { buildReplyPrompt, conversationMessages, REPLY_INSTRUCTIONS } from './reply-prompt';

describe('the reply prompt', () => {
  const base = {
    language: 'ja',
    region: 'JP',
    channel: 'widget',
    reading: { intent: 'out_of_scope', confidence: 0.31, emotion: 'neutral' },
    articles: [{ title: '返品について', answer: '商品到着後7日以内…', score: 0.42 }],
    shopper: { tier: 'gold', verified: true, orders: [{ number: 'KF100123', status: '配送中', placedAt: '2026-11-02' }], tags: ['vip'], pastTopics: ['track_order'] },
    history: [
      { from: 'bot' as const, text: 'いらっしゃいませ' },
      { from: 'shopper' as const, text: 'こんにちは' },
      { from: 'bot' as const, text: 'ご用件をどうぞ' },
    ],
    text: 'あれ、どうなってます?',
    now: new Date('2026-11-21T03:00:00Z'),
  };

  it('caches the static instructions and the region guide, and keeps the turn-specific context uncached', () => {
    const p = buildReplyPrompt(base);
    expect(p.system).toHaveLength(3);
    expect(p.system[0]).toEqual({ type: 'text', text: REPLY_INSTRUCTIONS, cache_control: { type: 'ephemeral' } });
    expect(p.system[1].cache_control).toEqual({ type: 'ephemeral' });
    expect(p.system[1].text).toMatch(/keigo/);
    expect(p.system[2].cache_control).toBeUndefined();
    expect(p.system[2].text).toContain('KF100123');
    expect(p.system[2].text).toContain('返品について');
    expect(p.system[2].text).toContain('tier gold');
  });

  it('is the same static text for every conversation (cache hits across shoppers)', () => {
    const other = buildReplyPrompt({ ...base, text: 'something else', shopper: { ...base.shopper, orders: [] } });
    expect(other.system[0]).toEqual(buildReplyPrompt(base).system[0]);
    expect(other.system[1]).toEqual(buildReplyPrompt(base).system[1]);
  });

  it('turns the conversation into alternating turns that start with the shopper and end with the message', () => {
    const m = conversationMessages(
      [
        { from: 'bot', text: 'hello' },
        { from: 'shopper', text: 'hi' },
        { from: 'shopper', text: 'my parcel?' },
        { from: 'agent', text: 'checking' },
        { from: 'bot', text: '' },
      ],
      'any news?',
    );
    expect(m).toEqual([
      { role: 'user', content: 'hi\nmy parcel?' },
      { role: 'assistant', content: '(a human agent wrote) checking' },
      { role: 'user', content: 'any news?' },
    ]);
  });
});
