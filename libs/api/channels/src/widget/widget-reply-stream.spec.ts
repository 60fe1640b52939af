import { STREAM_FLUSH_CHARS, STREAM_FLUSH_MS, StreamEvent, WidgetReplyStream } from './widget-reply-stream';

const target = { conversationId: 'conv-1', replyTo: 'msg-1' };

describe('a reply streamed to the widget', () => {
  let sent: StreamEvent[];
  let stream: WidgetReplyStream;
  const frames = () => sent.filter((e) => e.event === 'stream').map((e) => e.payload as { seq: number; delta: string });
  const text = () => frames().map((f) => f.delta).join('');

  beforeEach(() => {
    jest.useFakeTimers();
    sent = [];
    stream = new WidgetReplyStream('s-1', target, (e) => sent.push(e));
  });
  afterEach(() => jest.useRealTimers());

  it('sends a few tokens together, 50 ms after the first, not one frame per token', () => {
    stream.write('Your ');
    stream.write('parcel ');
    stream.write('is ');
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(STREAM_FLUSH_MS - 1);
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(sent).toEqual([{ event: 'stream', payload: { streamId: 's-1', conversationId: 'conv-1', replyTo: 'msg-1', seq: 1, delta: 'Your parcel is ' } }]);
    jest.advanceTimersByTime(1_000);
    expect(sent).toHaveLength(1);
  });

  it('sends at once when 24 characters wait, and numbers the frames 1, 2, 3', () => {
    stream.write('a'.repeat(STREAM_FLUSH_CHARS - 1));
    expect(sent).toHaveLength(0);
    stream.write('b');
    expect(frames()).toEqual([expect.objectContaining({ seq: 1, delta: `${'a'.repeat(STREAM_FLUSH_CHARS - 1)}b` })]);
    stream.write('c'.repeat(30));
    stream.write('d');
    jest.advanceTimersByTime(STREAM_FLUSH_MS);
    expect(frames().map((f) => f.seq)).toEqual([1, 2, 3]);
    expect(text()).toBe(`${'a'.repeat(23)}b${'c'.repeat(30)}d`);
  });

  it('sends what is left, then stream_end, when the reply is complete', () => {
    stream.write('Shipped yesterday ');
    stream.write('by SF Express.');
    stream.end();
    expect(sent.map((e) => e.event)).toEqual(['stream', 'stream_end']);
    expect(text()).toBe('Shipped yesterday by SF Express.');
    expect(sent[1]).toEqual({ event: 'stream_end', payload: { streamId: 's-1' } });
    stream.write('late');
    stream.end();
    jest.advanceTimersByTime(1_000);
    expect(sent).toHaveLength(2);
  });

  it('withdraws a stream without sending the text still waiting', () => {
    stream.write('x'.repeat(30));
    stream.write('never shown');
    stream.reset();
    jest.advanceTimersByTime(1_000);
    expect(sent.map((e) => e.event)).toEqual(['stream', 'stream_reset']);
    expect(text()).toBe('x'.repeat(30));
    stream.write('more');
    stream.end();
    jest.advanceTimersByTime(1_000);
    expect(sent).toHaveLength(2);
  });

  it('can still withdraw a reply after it ended (checked once written)', () => {
    stream.write('A refund of ¥9999 is on its way');
    stream.end();
    stream.reset();
    stream.reset();
    expect(sent.map((e) => e.event)).toEqual(['stream', 'stream_end', 'stream_reset']);
  });

  it('says nothing when the shopper never saw a frame', () => {
    stream.write('short');
    stream.reset();
    const quiet = new WidgetReplyStream('s-2', target, (e) => sent.push(e));
    quiet.end();
    jest.advanceTimersByTime(1_000);
    expect(sent).toEqual([]);
  });

  it('ignores empty deltas and keeps going when a frame cannot be sent', () => {
    let calls = 0;
    const flaky = new WidgetReplyStream('s-3', target, (e) => {
      calls++;
      if (calls === 1) throw new Error('Redis is down');
      sent.push(e);
    });
    flaky.write('');
    expect(() => flaky.write('y'.repeat(24))).not.toThrow();
    flaky.write('z'.repeat(24));
    flaky.end();
    expect(sent).toEqual([
      { event: 'stream', payload: expect.objectContaining({ seq: 2, delta: 'z'.repeat(24) }) },
      { event: 'stream_end', payload: { streamId: 's-3' } },
    ]);
  });
});
