import { ChannelType, type MessageContent } from '@kefu/shared/contracts';
import { CHANNEL_CAPABILITIES, numberedChoice, renderForChannel, splitText } from './capabilities';

const content: MessageContent = {
  quickReplies: [
    { label: '查物流', payload: 'track_order' },
    { label: '转人工', payload: 'contact_human_agent' },
  ],
  cards: [{ type: 'order_summary', orderNumber: 'KF1001', status: '已发货', items: [{ name: '黑色卫衣', quantity: 1 }], carrier: '顺丰', trackingNumber: 'SF123' }],
};

describe('channel capabilities', () => {
  it('keeps quick replies and cards for the widget', () => {
    const r = renderForChannel({ text: '您的订单已发货', content, locale: 'zh-CN' }, CHANNEL_CAPABILITIES[ChannelType.Widget]);
    expect(r.texts).toEqual(['您的订单已发货']);
    expect(r.content).toEqual(content);
  });

  it('flattens cards to lines and quick replies to a numbered list on WeChat', () => {
    const r = renderForChannel({ text: '您的订单已发货', content, locale: 'zh-CN' }, CHANNEL_CAPABILITIES[ChannelType.Wechat]);
    expect(r.content).toBeNull();
    expect(r.texts).toHaveLength(1);
    expect(r.texts[0]).toContain('订单 KF1001 · 已发货');
    expect(r.texts[0]).toContain('快递:顺丰 SF123');
    expect(r.texts[0]).toContain('回复数字即可选择:\n1. 查物流\n2. 转人工');
  });

  it('uses the reply language for the flattened words (email, English)', () => {
    const r = renderForChannel({ text: 'Your order has shipped.', content, locale: 'en' }, CHANNEL_CAPABILITIES[ChannelType.Email]);
    expect(r.texts[0]).toContain('Reply with a number:\n1. 查物流');
    expect(r.texts[0]).toContain('Carrier: 顺丰 SF123');
  });

  it('removes bold markers on plain-text channels and keeps them where they are shown', () => {
    const text = '**七天无理由退货**:签收后 7 天内可申请。';
    expect(renderForChannel({ text, content: null }, CHANNEL_CAPABILITIES[ChannelType.Wechat]).texts).toEqual(['七天无理由退货:签收后 7 天内可申请。']);
    expect(renderForChannel({ text, content: null }, CHANNEL_CAPABILITIES[ChannelType.Widget]).texts).toEqual([text]);
  });

  it('splits a long reply at sentence ends under the channel maximum', () => {
    const long = '这是一句话。'.repeat(200);
    const parts = splitText(long, 600);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect([...p].length).toBeLessThanOrEqual(600);
    expect(parts.join('')).toBe(long);
    expect(parts[0].endsWith('。')).toBe(true);
  });

  it('maps a bare number (half or full width) back to the offered quick reply', () => {
    expect(numberedChoice('2', content)?.payload).toBe('contact_human_agent');
    expect(numberedChoice(' ２ ', content)?.payload).toBe('contact_human_agent');
    expect(numberedChoice('1.', content)?.payload).toBe('track_order');
    expect(numberedChoice('3', content)).toBeNull();
    expect(numberedChoice('2 件', content)).toBeNull();
    expect(numberedChoice('2', null)).toBeNull();
  });
});
