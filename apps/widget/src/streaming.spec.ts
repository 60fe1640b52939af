import { contentKey, elementKey, isStreaming, messageClass, type MessageRenderContext } from './message-view';
import { MessageList } from './messages';
import { STRINGS } from './i18n';
import type { StreamFrame, WidgetMessage } from './protocol';
import { STREAM_IDLE_MS, STREAM_KEEP_MS, streamFrameOf, streamIdOf } from './streaming';

const at = (s: number) => new Date(Date.UTC(2026, 10, 21, 8, 0, s)).toISOString();
const msg = (id: string, s: number, over: Partial<WidgetMessage> = {}): WidgetMessage => ({
  id,
  clientId: null,
  direction: 'outgoing',
  senderType: 'bot',
  text: `text ${id}`,
  attachments: [],
  content: null,
  createdAt: at(s),
  readAt: null,
  ...over,
});
const mine = (id: string, s: number) =>
  msg(id, s, { clientId: `c-${id}`, direction: 'incoming', senderType: 'contact' });
const frame = (seq: number, delta: string, over: Partial<StreamFrame> = {}): StreamFrame => ({
  streamId: 's1',
  conversationId: 'conv',
  replyTo: 'q',
  seq,
  delta,
  ...over,
});
const last = <T>(a: readonly T[]): T => a[a.length - 1];
const shown = (l: MessageList) => l.items.map((m) => (m.stream ? `[${m.stream}] ${m.text}` : m.text));
const ctx = { t: STRINGS.en, locale: 'en', base: 'https://cs.example.com' } as MessageRenderContext;
const NOW = Date.parse(at(10));

describe('a bot reply streamed into the widget', () => {
  let l: MessageList;
  beforeEach(() => {
    l = new MessageList();
    l.merge([msg('hello', 0, { text: 'Hi, how can I help?' }), mine('q', 5)]);
  });

  it('grows a bubble after the question, then puts the final message in its place', () => {
    expect(l.streamFrame(frame(1, 'Your parcel '), NOW)).toBe(true);
    expect(l.streamFrame(frame(2, 'left Shanghai'), NOW + 50)).toBe(true);
    expect(shown(l)).toEqual(['Hi, how can I help?', 'text q', '[live] Your parcel left Shanghai']);
    expect(l.streaming).toBe(true);
    const bubble = l.items[2];
    expect(isStreaming(bubble)).toBe(true);
    expect(messageClass(bubble)).toContain('kefu-streaming');

    expect(l.streamEnd('s1', NOW + 100)).toBe(true);
    expect(last(shown(l))).toBe('[ended] Your parcel left Shanghai');

    const final = msg('r1', 12, {
      text: 'Your parcel left Shanghai yesterday.',
      streamId: 's1',
      content: { quickReplies: [{ label: 'Thanks', payload: 'thanks' }] },
    });
    expect(l.merge([final]).map((m) => m.id)).toEqual(['r1']);
    expect(shown(l)).toEqual(['Hi, how can I help?', 'text q', 'Your parcel left Shanghai yesterday.']);
    expect(elementKey(l.items[2])).toBe(elementKey(bubble));
    expect(contentKey(l.items[2], ctx)).not.toBe(contentKey(bubble, ctx));
    expect(l.quickReplies()).toEqual([{ label: 'Thanks', payload: 'thanks' }]);
    expect(l.streaming).toBe(false);
  });

  it('keeps the reply where it was streamed even when the shopper wrote meanwhile', () => {
    l.streamFrame(frame(1, 'Let me check'), NOW);
    l.merge([mine('q2', 8)]);
    expect(shown(l).slice(1)).toEqual(['text q', '[live] Let me check', 'text q2']);
    l.merge([
      msg('r1', 9, { text: 'Checked: it ships today.', streamId: 's1' }),
      msg('r1#2', 9, { text: 'Part two' }),
    ]);
    expect(shown(l).slice(1)).toEqual(['text q', 'Checked: it ships today.', 'Part two', 'text q2']);
  });

  it('applies frames in seq order and drops repeated ones', () => {
    l.streamFrame(frame(1, 'a'), NOW);
    expect(l.streamFrame(frame(3, 'c'), NOW)).toBe(false);
    expect(l.streamFrame(frame(1, 'a'), NOW)).toBe(false);
    expect(l.streamFrame(frame(2, 'b'), NOW)).toBe(true);
    expect(l.streamFrame(frame(3, 'c'), NOW)).toBe(false);
    l.streamFrame(frame(4, 'd'), NOW);
    expect(last(shown(l))).toBe('[live] abcd');
  });

  it('shows nothing of a stream joined midway; its final message comes as usual', () => {
    expect(l.streamFrame(frame(5, 'middle of a sentence'), NOW)).toBe(false);
    expect(l.streamEnd('s1', NOW)).toBe(false);
    expect(l.items).toHaveLength(2);
    l.merge([msg('r1', 12, { text: 'Whole reply', streamId: 's1' })]);
    expect(last(shown(l))).toBe('Whole reply');
  });

  it('removes a withdrawn bubble and ignores frames still on their way', () => {
    l.streamFrame(frame(1, 'You will get a refund of'), NOW);
    expect(l.streamReset('s1')).toBe(true);
    expect(l.items.some((m) => m.stream)).toBe(false);
    expect(l.streamFrame(frame(2, ' ¥9999'), NOW)).toBe(false);
    expect(l.items).toHaveLength(2);
    expect(l.streaming).toBe(false);
  });

  it('shows a final message delivered twice (live and in a replay) once', () => {
    l.streamFrame(frame(1, 'Hello'), NOW);
    l.streamEnd('s1', NOW);
    const final = msg('r1', 12, { text: 'Hello there', streamId: 's1' });
    expect(l.merge([final])).toHaveLength(1);
    expect(l.merge([final])).toHaveLength(0);
    expect(l.streamFrame(frame(2, 'late'), NOW)).toBe(false);
    expect(shown(l)).toEqual(['Hi, how can I help?', 'text q', 'Hello there']);
  });

  it('keeps the streamed text when the final message is late, and still replaces it when it comes', () => {
    l.streamFrame(frame(1, 'Almost there'), NOW);
    l.streamEnd('s1', NOW);
    expect(l.nextStreamDeadline()).toBe(NOW + STREAM_KEEP_MS);
    expect(l.expireStreams(NOW + STREAM_KEEP_MS - 1)).toBe(false);
    expect(l.expireStreams(NOW + STREAM_KEEP_MS)).toBe(true);
    expect(last(shown(l))).toBe('[kept] Almost there');
    expect(isStreaming(last(l.items))).toBe(false);
    expect(l.streaming).toBe(false);
    expect(l.nextStreamDeadline()).toBeUndefined();
    l.merge([msg('r1', 40, { text: 'Almost there: done.', streamId: 's1' })]);
    expect(last(shown(l))).toBe('Almost there: done.');
    expect(l.items).toHaveLength(3);
  });

  it('withdraws a stream that went silent without ending', () => {
    l.streamFrame(frame(1, 'Thinking'), NOW);
    expect(l.expireStreams(NOW + STREAM_IDLE_MS)).toBe(true);
    expect(l.items).toHaveLength(2);
  });

  it('never sends a read receipt or offers quick replies for a bubble still streamed', () => {
    l.merge([msg('qr', 6, { content: { quickReplies: [{ label: 'Track', payload: 'track' }] } })]);
    expect(l.quickReplies()).toHaveLength(1);
    l.streamFrame(frame(1, 'Sure', { replyTo: 'qr' }), NOW);
    expect(l.lastReplyId()).toBe('qr');
    expect(l.quickReplies()).toEqual([]);
  });

  it('accepts only well-formed stream events', () => {
    expect(streamFrameOf({ streamId: 's', seq: 1, delta: 'x', replyTo: 'q' })).toEqual({
      streamId: 's',
      seq: 1,
      delta: 'x',
      replyTo: 'q',
    });
    for (const bad of [
      null,
      'x',
      { streamId: 's', seq: 0, delta: 'x' },
      { streamId: 's', seq: 1.5, delta: 'x' },
      { streamId: '', seq: 1, delta: 'x' },
      { streamId: 's', seq: 1, delta: 7 },
      { streamId: 'x'.repeat(101), seq: 1, delta: 'x' },
    ])
      expect(streamFrameOf(bad)).toBeNull();
    expect(streamIdOf({ streamId: 's' })).toBe('s');
    expect(streamIdOf({ streamId: 1 })).toBeNull();
  });
});
