import type { SuggestionDto } from '@kefu/shared/contracts';
import { flattenReplies, mergeSuggestions } from './suggestion-text';

const s = (text: string, source: SuggestionDto['source'] = 'knowledge', ref: string | null = '1'): SuggestionDto => ({ text, source, ref, label: ref ?? '' });

describe('suggested replies as agents edit them', () => {
  it("joins the bot's replies and spells out an order card the text does not mention", () => {
    const text = flattenReplies(
      [
        { text: '帮您查到了:' },
        { text: '', cards: [{ type: 'order_summary', orderNumber: 'KF100123', status: '运输中', items: [], carrier: 'SF', trackingNumber: 'SF123', eta: '5月3日' }] },
      ],
      'zh',
    );
    expect(text).toBe('帮您查到了:\n\n订单 KF100123,状态: 运输中,运单号: SF SF123,预计送达: 5月3日');
  });

  it('does not repeat a card whose order the text already names', () => {
    const text = flattenReplies([{ text: 'Order KF100123 is on its way.', cards: [{ type: 'order_summary', orderNumber: 'KF100123', status: 'Shipped', items: [] }] }], 'en');
    expect(text).toBe('Order KF100123 is on its way.');
  });

  it("puts the bot's answer first, offers the same text once (as the article), and at most three", () => {
    const bot = s('Returns are accepted within 7 days.', 'template', 'check_refund_policy');
    const merged = mergeSuggestions(bot, [s('returns are accepted  within 7 days.', 'knowledge', '9'), s('A'), s('B'), s('C')]);
    expect(merged.map((m) => `${m.source}:${m.ref}`)).toEqual(['knowledge:9', 'knowledge:1', 'knowledge:1']);
    expect(merged).toHaveLength(3);
    expect(merged.map((m) => m.text)).toEqual(['returns are accepted  within 7 days.', 'A', 'B']);
  });

  it('drops empty texts and answers nothing when there is nothing', () => {
    expect(mergeSuggestions(null, [])).toEqual([]);
    expect(mergeSuggestions(s('  ', 'template', 'x'), [s('')])).toEqual([]);
  });
});
