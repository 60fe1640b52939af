import { summaryRequest, transcriptLines, WRITE_SUMMARY_TOOL } from './claude-summary';
import { firstSentence, mainIntent, offlineSummary, said, summaryNoteText } from './offline-summary';
import type { SummaryContext, SummaryMessage } from './summary-context';
import { withGenerated } from './suggestion-text';

const incoming = (
  id: string,
  text: string,
  nlu: Partial<NonNullable<SummaryMessage['nlu']>> = {},
): SummaryMessage => ({
  id,
  direction: 'incoming',
  sender: 'contact',
  text,
  nlu: {
    intent: 'out_of_scope',
    confidence: 0.9,
    language: 'zh',
    entities: [],
    emotion: { label: 'neutral', score: 0.5 },
    ...nlu,
  },
});
const bot = (id: string, text: string): SummaryMessage => ({
  id,
  direction: 'outgoing',
  sender: 'bot',
  text,
  nlu: null,
});

function ctx(over: Partial<SummaryContext> = {}): SummaryContext {
  return {
    conversationId: 'c1',
    contactId: 'k1',
    channel: 'api',
    teamId: null,
    assigneeId: null,
    status: 'pending_human',
    language: 'zh',
    region: 'CN',
    handoff: {
      at: new Date('2026-01-01T10:00:00Z'),
      reason: 'customer_request',
      intent: 'contact_human_agent',
    },
    messages: [
      incoming('m1', '这双靴子穿了不舒服 想退掉', { intent: 'return_item', entities: [] }),
      bot(
        'b1',
        '抱歉亲,订单 KF102287 无法办理退换:已超过签收后 7 天的退货期限。如有疑问可以转人工客服为您核实。',
      ),
      incoming('m2', '转人工!!', { intent: 'contact_human_agent', emotion: { label: 'angry', score: 0.8 } }),
      bot('b2', '好的亲,正在为您转接人工客服,请稍候~'),
    ],
    outcomes: [
      { messageId: 'm1', intent: 'return_item', outcome: 'refused', orderNumber: 'KF102287' },
      { messageId: 'm2', intent: 'contact_human_agent', outcome: 'handoff', orderNumber: null },
    ],
    state: { activeIntent: 'return_item', slots: { reason: '穿了不舒服' }, lastOrderNumber: 'KF102287' },
    customer: { tier: 'gold', tags: ['frequent_returner'] },
    topics: { return_item: '退货', contact_human_agent: '转人工' },
    ...over,
  };
}

describe('offline hand-off summary', () => {
  it('names what the shopper wants with its order, and what the bot tried with what it said', () => {
    const s = offlineSummary(ctx());
    expect(s.wants).toBe('退货(订单 KF102287)');
    expect(s.tried).toEqual(['退货(被拒绝):抱歉亲,订单 KF102287 无法办理退换:已超过签收后 7 天的退货期限。']);
    expect(s.facts).toEqual([
      '转人工原因:顾客要求人工客服',
      '订单:KF102287',
      '原因:穿了不舒服',
      '客户等级:gold',
      '客户特征:经常退货',
    ]);
    expect(s.mood).toBe('生气');
  });

  it('shows a mood that calmed down after anger, and "unknown" without a reading', () => {
    const calmed = ctx({
      messages: [
        incoming('m1', 'x', { emotion: { label: 'angry', score: 0.9 } }),
        incoming('m2', 'y', { emotion: { label: 'neutral', score: 0.4 } }),
      ],
    });
    expect(offlineSummary(calmed).mood).toBe('生气 → 平静');
    expect(offlineSummary(ctx({ messages: [] })).mood).toBe('未知');
  });

  it('says the shopper asked for a person without a topic when nothing else is known', () => {
    const bare = ctx({
      handoff: { at: null, reason: 'customer_request', intent: 'contact_human_agent' },
      messages: [incoming('m1', '转人工', { intent: 'contact_human_agent' })],
      outcomes: [],
      state: { activeIntent: null, slots: {}, lastOrderNumber: null },
      customer: { tier: null, tags: [] },
    });
    const s = offlineSummary(bare);
    expect(mainIntent(bare)).toBeNull();
    expect(s.wants).toBe('要求人工客服(未说明具体问题)');
    expect(s.tried).toEqual([]);
    expect(s.facts).toEqual(['转人工原因:顾客要求人工客服']);
  });

  it('writes English for an English-speaking shopper and counts misunderstood turns', () => {
    const en = ctx({
      language: 'en',
      topics: { track_order: 'track your order' },
      handoff: { at: null, reason: 'low_confidence', intent: 'track_order' },
      messages: [
        incoming('m1', 'where is KF100123', {
          intent: 'track_order',
          entities: [{ type: 'order_number', value: 'KF100123', text: 'KF100123' }],
        }),
      ],
      outcomes: [
        { messageId: null, intent: 'out_of_scope', outcome: 'misunderstood', orderNumber: null },
        { messageId: null, intent: 'out_of_scope', outcome: 'misunderstood', orderNumber: null },
        { messageId: 'm1', intent: 'track_order', outcome: 'asked', orderNumber: null },
      ],
      state: { activeIntent: null, slots: {}, lastOrderNumber: null },
      customer: { tier: null, tags: [] },
    });
    const s = offlineSummary(en);
    expect(s.wants).toBe('Track your order (order KF100123)');
    expect(s.tried).toEqual([
      'Track your order (asked for details)',
      'the bot did not understand the shopper (2 times)',
    ]);
    expect(s.facts).toContain('Orders: KF100123');
    expect(s.facts[0]).toBe('Hand-off reason: the bot was not sure');
  });

  it("keeps Claude's own note for the agent, right after the reason", () => {
    const s = offlineSummary(
      ctx({
        handoff: { at: null, reason: 'customer_request', intent: null },
        state: { activeIntent: null, slots: {}, lastOrderNumber: null, handoffNote: '顾客想把收货地址改到公司,订单已发货' },
      }),
    );
    expect(s.facts.slice(0, 2)).toEqual(['转人工原因:顾客要求人工客服', 'Claude 的交接备注:顾客想把收货地址改到公司,订单已发货']);
    const none = offlineSummary(ctx({ state: { activeIntent: null, slots: {}, lastOrderNumber: null, handoffNote: null } }));
    expect(none.facts.some((f) => f.startsWith('Claude'))).toBe(false);
  });

  it('never lists the phone tail or e-mail the shopper gave for verification as a fact', () => {
    const s = offlineSummary(
      ctx({
        state: {
          activeIntent: 'return_item',
          slots: { phone_tail: '9801', email: 'a@b.cn', size: 'M' },
          lastOrderNumber: null,
        },
      }),
    );
    expect(s.facts.join()).not.toMatch(/9801|a@b\.cn/);
    expect(s.facts).toContain('尺码:M');
  });

  it("quotes the bot's most telling reply to a message, up to its first sentence", () => {
    const msgs = [
      incoming('m1', 'q'),
      bot('b1', '好的亲,我来帮您查询物流。'),
      bot('b2', '亲,您的订单 KF1 已由顺丰发出,最新动态:到达上海。预计明天送达。'),
      incoming('m2', 'x'),
    ];
    expect(said(msgs, 'm1')).toBe('亲,您的订单 KF1 已由顺丰发出,最新动态:到达上海。');
    expect(said(msgs, 'm2')).toBeNull();
    expect(firstSentence('Order KF1 was delivered on 3 Jan. If you have not received it, tell me.')).toBe(
      'Order KF1 was delivered on 3 Jan.',
    );
  });

  it('renders the note as plain text with headings in the shopper language', () => {
    const text = summaryNoteText(offlineSummary(ctx()), 'zh');
    expect(text.split('\n')[0]).toBe('转人工摘要');
    expect(text).toContain('诉求:退货(订单 KF102287)');
    expect(text).toContain('- 订单:KF102287');
    expect(text).toContain('情绪:生气');
  });
});

describe("Claude's summary request", () => {
  it('replaces phone numbers and e-mails with placeholders before the transcript leaves, with one map for all', () => {
    const c = ctx({
      messages: [
        incoming('m1', '我的手机 13812345678,邮箱 li.wei@example.com'),
        bot('b1', '收到'),
        incoming('m2', '再说一遍 13812345678'),
      ],
    });
    const { params, map } = summaryRequest(c, offlineSummary(c));
    const sent = JSON.stringify(params);
    expect(sent).not.toContain('13812345678');
    expect(sent).not.toContain('li.wei@example.com');
    expect(JSON.stringify(params.messages).match(/⟦PHONE_1⟧/g)).toHaveLength(2);
    expect(map.get('⟦PHONE_1⟧')).toBe('13812345678');
    expect(params.tool_choice).toEqual({ type: 'tool', name: WRITE_SUMMARY_TOOL });
    expect(String(params.system)).toContain('Simplified Chinese');
  });

  it('sends the latest twenty messages at most', () => {
    const many = Array.from({ length: 30 }, (_, i) => incoming(`m${i}`, `消息 ${i}`));
    const lines = transcriptLines(many);
    expect(lines).toHaveLength(20);
    expect(lines[19]).toBe('Shopper: 消息 29');
  });
});

describe('generated suggestions in the panel', () => {
  const s = (text: string, source: 'template' | 'knowledge' | 'llm') => ({
    text,
    source,
    ref: null,
    label: '',
  });
  it("puts Claude's drafts right after the bot's answer, before the articles, and keeps every article", () => {
    const out = withGenerated(
      [s('bot', 'template'), s('a1', 'knowledge'), s('a2', 'knowledge')],
      [s('c1', 'llm'), s('c2', 'llm'), s('c3', 'llm')],
    );
    expect(out.map((x) => x.text)).toEqual(['bot', 'c1', 'c2', 'a1', 'a2']);
  });
  it('puts the drafts first without a bot answer, and drops a draft that repeats an article', () => {
    const out = withGenerated([s('Same text', 'knowledge')], [s('same  text', 'llm'), s('new', 'llm')]);
    expect(out.map((x) => x.text)).toEqual(['new', 'Same text']);
    expect(withGenerated([s('bot', 'template')], [])).toEqual([s('bot', 'template')]);
  });
});
