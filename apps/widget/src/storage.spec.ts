import { OUTBOX_MAX_AGE_MS, safeStorage, WidgetStore, type KeyValueStore } from './storage';

const memory = (): KeyValueStore & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
};
const entry = (clientId: string, createdAt = new Date().toISOString()) => ({
  clientId,
  text: `hi ${clientId}`,
  createdAt,
});

describe('what the widget keeps in the browser', () => {
  it('keeps unsent messages in order across page loads, one per clientId', () => {
    const kv = memory();
    new WidgetStore(kv, 'inbox-1').queue(entry('a'));
    new WidgetStore(kv, 'inbox-1').queue(entry('b'));
    new WidgetStore(kv, 'inbox-1').queue({ ...entry('a'), text: 'edited' });
    const again = new WidgetStore(kv, 'inbox-1');
    expect(again.outbox().map((e) => [e.clientId, e.text])).toEqual([
      ['b', 'hi b'],
      ['a', 'edited'],
    ]);
    again.dequeue('b');
    again.dequeue('a');
    expect(again.outbox()).toEqual([]);
    expect(kv.data.size).toBe(0);
  });

  it('drops unsent messages older than a day rather than sending them out of context', () => {
    const kv = memory();
    const s = new WidgetStore(kv, 'i');
    s.queue(entry('old', new Date(Date.now() - OUTBOX_MAX_AGE_MS - 1000).toISOString()));
    s.queue(entry('new'));
    expect(s.outbox().map((e) => e.clientId)).toEqual(['new']);
  });

  it('keeps each inbox apart, and survives garbage in storage', () => {
    const kv = memory();
    const a = new WidgetStore(kv, 'a');
    a.visitorToken = 'tok-a';
    a.settings = { color: '#123456' };
    expect(new WidgetStore(kv, 'b').visitorToken).toBeUndefined();
    expect(new WidgetStore(kv, 'a').settings).toEqual({ color: '#123456' });
    kv.setItem('kefu:a:outbox', '{not json');
    kv.setItem('kefu:a:settings', '[oops');
    expect(a.outbox()).toEqual([]);
    expect(a.settings).toBeNull();
    a.visitorToken = undefined;
    expect(a.visitorToken).toBeUndefined();
  });

  it('works in memory where localStorage is blocked or full', () => {
    const blocked = safeStorage(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    blocked.setItem('k', 'v');
    expect(blocked.getItem('k')).toBe('v');
    const full = safeStorage(() => ({
      getItem: () => null,
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
      removeItem: () => undefined,
    }));
    full.setItem('k', 'v');
    expect(full.getItem('k')).toBe('v');
  });
});
