import { checkTurn, TurnObservation } from './story-checks';
import { formatStoryResult, formatSummary, summarize } from './story-report';
import type { StoryResult } from './story-runner';
import { parseStories } from './story.schema';

const observed = (o: Partial<TurnObservation> = {}): TurnObservation => ({
  nlu: {
    language: 'zh',
    intent: 'track_order',
    confidence: 0.93,
    ranking: [
      { intent: 'track_order', confidence: 0.93 },
      { intent: 'shipment_exception', confidence: 0.04 },
    ],
  },
  replies: [
    {
      text: '亲,您的订单 KF104752 已由顺丰速运发出',
      quickReplies: [{ label: '转人工客服', payload: 'contact_human_agent' }],
      cardTypes: ['order_summary'],
      handledAs: 'track_order',
      autoReplyKind: null,
    },
  ],
  status: 'bot',
  handoffReason: null,
  state: { slots: { order_number: 'KF104752', quantity: 2 }, activeIntent: 'track_order', awaiting: null },
  ...o,
});

describe('story turn checks', () => {
  it('passes when every expectation holds (fragments case-insensitive, slots a subset, numbers as text)', () => {
    expect(
      checkTurn(
        {
          intent: ['track_order', 'shipment_exception'],
          slots: { order_number: 'KF104752', quantity: '2', colour: null },
          reply: ['kf104752'],
          replyNot: ['抱歉'],
          replyAny: ['中通', '顺丰'],
          cards: ['order_summary'],
          quickReplies: ['转人工客服'],
          handoff: false,
          status: 'bot',
          noReply: false,
        },
        observed(),
      ),
    ).toEqual([]);
  });

  it('says what was expected and what the pipeline did', () => {
    const failures = checkTurn(
      {
        intent: ['greeting'],
        slots: { order_number: 'KF100001' },
        reply: ['KF100001'],
        replyNot: ['顺丰'],
        replyAny: ['中通'],
        cards: ['product'],
        quickReplies: ['查物流'],
        handoff: 'customer_request',
        status: 'pending_human',
      },
      observed(),
    );
    expect(failures).toEqual([
      'intent: expected greeting, got track_order (0.93); next: shipment_exception 0.04; language zh',
      'slots: expected order_number="KF100001", got {"order_number":"KF104752","quantity":2}',
      'reply: missing "KF100001" in the reply',
      'replyNot: "顺丰" should not appear in the reply',
      'replyAny: none of "中通" in the reply',
      'cards: missing product; the replies carry order_summary',
      'quickReplies: missing "查物流"; offered "转人工客服"',
      'handoff: expected pending_human for customer_request, but the conversation is bot',
      'status: expected pending_human, got bot',
    ]);
  });

  it('reports a missing NLU reading and a missing dialogue state instead of crashing', () => {
    const o = observed({ nlu: null, state: null, replies: [] });
    expect(
      checkTurn({ intent: ['greeting'], slots: { a: 'b' }, reply: ['hi'], quickReplies: true }, o),
    ).toEqual([
      'intent: expected greeting, but no NLU reading was stored on the incoming message',
      'slots: expected {"a":"b"}, but the conversation has no dialogue state',
      'reply: missing "hi" in the reply (there is none)',
      'quickReplies: expected at least one, got none',
    ]);
  });

  it('checks hand-offs and silence', () => {
    const handedOff = observed({ status: 'pending_human', handoffReason: 'negative_emotion', replies: [] });
    expect(checkTurn({ handoff: true, noReply: true }, handedOff)).toEqual([]);
    expect(checkTurn({ handoff: 'customer_request' }, handedOff)).toEqual([
      'handoff: expected pending_human for customer_request, but the conversation is pending_human (handoff_reason: negative_emotion)',
    ]);
    expect(checkTurn({ handoff: false }, handedOff)).toEqual([
      'handoff: expected none, but the conversation is pending_human (handoff_reason: negative_emotion)',
    ]);
    expect(checkTurn({ noReply: true }, observed())).toEqual([
      'noReply: expected no reply, the bot said "亲,您的订单 KF104752 已由顺丰速运发出"',
    ]);
  });
});

describe('story report', () => {
  const [zh, en] = parseStories(
    `- { name: 查物流, language: zh, turns: [{ say: 我的快递到哪了, expect: { intent: greeting } }] }
- { name: Hello, language: en, turns: [{ say: hi }] }
- { name: Later, language: en, skip: not yet, turns: [{ say: hi }] }`,
    'x.yaml',
  );
  const result = (
    story: typeof zh,
    outcome: StoryResult['outcome'],
    failures: string[] = [],
  ): StoryResult => ({
    story,
    outcome,
    turns: [{ turn: 1, say: story.turns[0].say, observation: observed(), failures, ms: 12 }],
    externalUserId: 'story-1',
    conversationId: 'c-1',
    aborted: null,
    ms: 20,
  });
  const results = [
    result(zh, 'failed', ['intent: expected greeting, got track_order (0.93)']),
    result(en, 'passed'),
  ];

  it('counts pass rates per language and overall', () => {
    const { languages, overall } = summarize(results);
    expect(languages.map((l) => [l.language, l.passed, l.total])).toEqual([
      ['zh', 0, 1],
      ['en', 1, 1],
    ]);
    expect(overall).toMatchObject({ passed: 1, failed: 1, total: 2, rate: 0.5 });
    expect(formatSummary(results)).toContain('all            1      2      50.0%');
  });

  it('shows a failing story with the turn, what the bot did and why it failed', () => {
    const text = formatStoryResult(results[0]);
    expect(text).toContain('✗ [zh] 查物流  x.yaml');
    expect(text).toContain('1. "我的快递到哪了"');
    expect(text).toContain('bot: 亲,您的订单 KF104752 已由顺丰速运发出');
    expect(text).toContain('✗ intent: expected greeting, got track_order (0.93)');
    expect(formatStoryResult(results[1])).toBe('✓ [en] Hello  x.yaml  (20 ms)');
  });
});
