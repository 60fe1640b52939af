import { MessageList } from './messages';
import type { WidgetMessage } from './protocol';

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
const mine = (id: string, s: number, clientId: string, over: Partial<WidgetMessage> = {}) =>
  msg(id, s, { clientId, direction: 'incoming', senderType: 'contact', ...over });
const ids = (l: MessageList) => l.items.map((m) => m.id);

describe('the message list', () => {
  it('shows server messages in time order, whatever order they arrive in', () => {
    const l = new MessageList();
    l.merge([msg('b', 2), msg('a', 1)]);
    l.merge([msg('c', 3)]);
    expect(ids(l)).toEqual(['a', 'b', 'c']);
  });

  it('shows a replayed or repeated message once, and reports only new ones', () => {
    const l = new MessageList();
    expect(l.merge([msg('a', 1), msg('b', 2)]).map((m) => m.id)).toEqual(['a', 'b']);
    // A reconnect replays b; the socket also delivered c live.
    expect(l.merge([msg('b', 2), msg('c', 3)]).map((m) => m.id)).toEqual(['c']);
    expect(l.merge([msg('c', 3)])).toEqual([]);
    expect(ids(l)).toEqual(['a', 'b', 'c']);
  });

  it("replaces the shopper's pending copy with the acknowledged message of the same clientId", () => {
    const l = new MessageList();
    l.merge([msg('a', 1)]);
    l.addPending({ clientId: 'c1', text: 'where is my order?', createdAt: at(0) });
    expect(l.items.map((m) => [m.id, m.state])).toEqual([
      ['a', 'sent'],
      ['local:c1', 'pending'],
    ]);
    // The message event from another tab and the ack carry the same message: nothing new the second time.
    expect(l.merge([mine('m1', 5, 'c1', { text: 'where is my order?' })])).toEqual([]);
    expect(l.merge([mine('m1', 5, 'c1')])).toEqual([]);
    expect(l.items.map((m) => [m.id, m.state])).toEqual([
      ['a', 'sent'],
      ['m1', 'sent'],
    ]);
    expect(l.hasClientId('c1')).toBe(true);
  });

  it('keeps pending messages after the confirmed ones, in the order they were written', () => {
    const l = new MessageList();
    l.addPending({ clientId: 'c2', text: 'second', createdAt: at(9) });
    l.addPending({ clientId: 'c3', text: 'third', createdAt: at(1) });
    l.merge([msg('a', 50)]);
    expect(ids(l)).toEqual(['a', 'local:c2', 'local:c3']);
  });

  it('marks a refused message failed, and pending again on retry', () => {
    const l = new MessageList();
    l.addPending({ clientId: 'c1', text: 'x', createdAt: at(0) });
    l.fail('c1', 'text is longer than 5000 characters');
    expect(l.items[0]).toMatchObject({ state: 'failed', error: 'text is longer than 5000 characters' });
    l.retry('c1');
    expect(l.items[0]).toMatchObject({ state: 'pending', error: undefined });
    l.remove('c1');
    expect(l.size).toBe(0);
  });

  it("shows Read under the shopper's last message once an agent read up to it", () => {
    const l = new MessageList();
    l.merge([mine('m1', 1, 'c1'), msg('r1', 2), mine('m2', 3, 'c2')]);
    expect(l.readReceiptId()).toBeUndefined();
    expect(l.markRead('m1')).toBe(true);
    // m1 is read, but the last message of the shopper (m2) is not.
    expect(l.readReceiptId()).toBeUndefined();
    l.markRead('m2');
    expect(l.readReceiptId()).toBe('m2');
    expect(l.items.filter((m) => m.senderType === 'contact').every((m) => m.readAt)).toBe(true);
  });

  it('applies a read receipt that arrives before its message', () => {
    const l = new MessageList();
    expect(l.markRead('m9')).toBe(false);
    l.merge([mine('m9', 1, 'c9')]);
    expect(l.readReceiptId()).toBe('m9');
  });

  it('keeps a known read time when the same message comes again without it', () => {
    const l = new MessageList();
    l.merge([mine('m1', 1, 'c1', { readAt: at(4) })]);
    l.merge([mine('m1', 1, 'c1')]);
    expect(l.items[0].readAt).toBe(at(4));
  });

  it('knows where a replay starts and where older history continues', () => {
    const l = new MessageList();
    expect(l.lastSeenAt()).toBeUndefined();
    l.addPending({ clientId: 'c1', text: 'x', createdAt: at(99) });
    expect(l.lastSeenAt()).toBeUndefined();
    l.merge([msg('b', 5), msg('a#2', 1), msg('c', 7)]);
    expect(l.lastSeenAt()).toBe(at(7));
    expect(l.oldest()).toEqual({ id: 'a', createdAt: at(1) });
  });

  it('offers the quick replies of the last message only while it is a reply', () => {
    const l = new MessageList();
    const quick = {
      quickReplies: [
        { label: 'Track my order', payload: 'track_order' },
        { label: ' ', payload: 'x' },
      ],
    };
    l.merge([msg('a', 1, { content: quick })]);
    expect(l.quickReplies()).toEqual([{ label: 'Track my order', payload: 'track_order' }]);
    l.addPending({ clientId: 'c1', text: 'Track my order', createdAt: at(2) });
    expect(l.quickReplies()).toEqual([]);
    l.merge([mine('m1', 2, 'c1')]);
    expect(l.quickReplies()).toEqual([]);
    expect(l.lastReplyId()).toBe('a');
  });

  it('replaces the confirmed history when the server sends the latest instead of a replay', () => {
    const l = new MessageList();
    l.merge([msg('old', 1), msg('b', 2)]);
    l.addPending({ clientId: 'c1', text: 'x', createdAt: at(3) });
    expect(l.replace([msg('b', 2), msg('n', 9)]).map((m) => m.id)).toEqual(['n']);
    expect(ids(l)).toEqual(['b', 'n', 'local:c1']);
  });

  it('ignores malformed messages', () => {
    const l = new MessageList();
    l.merge([null as unknown as WidgetMessage, { text: 'no id' } as unknown as WidgetMessage]);
    expect(l.size).toBe(0);
  });
});
