import { MessageStatus } from '@kefu/shared/contracts';
import type { DeliveryRecorder } from '@kefu/api/conversations';
import { WechatPassiveReplyService } from './wechat-passive-reply.service';
import type { OutgoingRow, WechatReplyStore } from './wechat-reply.store';

const reply = (id: string, text: string, extra: Partial<OutgoingRow> = {}): OutgoingRow => ({
  id,
  text,
  content: null,
  attachments: [],
  status: MessageStatus.Pending,
  deliveryAttempts: 0,
  language: null,
  waitMs: 0,
  ...extra,
});

/** A store whose incoming messages are answered with `answers[id]` once listed in `processed`. */
function fakeStore(answers: Record<string, OutgoingRow[]>) {
  const processed = new Set<string>();
  const calls = new Map<string, number>();
  const store = {
    repliesTo: async (id: string) => {
      calls.set(id, (calls.get(id) ?? 0) + 1);
      return processed.has(id) ? (answers[id] ?? []) : null;
    },
    processedAmong: async (ids: string[]) => ids.filter((id) => processed.has(id)),
  } as unknown as WechatReplyStore;
  return { store, processed, calls };
}

function fakeRecorder(taken = new Set<string>()) {
  return {
    record: async (id: string) => {
      if (taken.has(id)) return false;
      taken.add(id);
      return true;
    },
  } as unknown as DeliveryRecorder;
}

describe('WeChat passive reply', () => {
  it('claims a single-text answer once the worker has processed the message', async () => {
    const { store, processed } = fakeStore({ m1: [reply('r1', '您好')] });
    const service = new WechatPassiveReplyService(store, fakeRecorder());
    const pending = service.claim('m1', Date.now() + 5000);
    setTimeout(() => processed.add('m1'), 30);
    expect(await pending).toBe('您好');
    service.onApplicationShutdown();
  });

  it('leaves several replies, a split text, an attachment or an already claimed reply to the API path', async () => {
    const long = '好的。'.repeat(300);
    const { store, processed } = fakeStore({
      two: [reply('a', 'x'), reply('b', 'y')],
      split: [reply('c', long)],
      image: [
        reply('d', 'see', { attachments: [{ url: 'https://cdn.example/a.jpg', contentType: 'image/jpeg' }] }),
      ],
      taken: [reply('e', 'z')],
      none: [],
    });
    for (const id of ['two', 'split', 'image', 'taken', 'none']) processed.add(id);
    const service = new WechatPassiveReplyService(store, fakeRecorder(new Set(['e'])));
    for (const id of ['two', 'split', 'image', 'taken', 'none'])
      expect(await service.claim(id, Date.now() + 1000)).toBeNull();
  });

  it('stops holding pushes while answers come too late, and waits again once the workers catch up', async () => {
    const { store, processed, calls } = fakeStore({ after: [reply('r9', '好的')] });
    const service = new WechatPassiveReplyService(store, fakeRecorder());
    const waited = (prefix: string) => [...calls].filter(([id, n]) => id.startsWith(prefix) && n > 1).length;
    // 20 pushes whose answers never come in time: each is checked, waited for, and checked again.
    for (let i = 0; i < 20; i++) expect(await service.claim(`late-${i}`, Date.now() + 5)).toBeNull();
    expect(waited('late-')).toBe(20);
    // Now pushes are answered at once, each checked only once.
    for (let i = 0; i < 20; i++) expect(await service.claim(`busy-${i}`, Date.now() + 5)).toBeNull();
    expect(waited('busy-')).toBe(0);
    // The workers catch up: answers come inside the window of pushes that did not wait for them
    // (11 of the last 50 in time: fewer than 80 % late).
    for (let i = 0; i < 11; i++) {
      expect(await service.claim(`fast-${i}`, Date.now() + 1000)).toBeNull();
      processed.add(`fast-${i}`);
      await new Promise((r) => setTimeout(r, 40));
    }
    expect(waited('fast-')).toBe(0);
    // So the next push waits for its answer again and carries it.
    const next = service.claim('after', Date.now() + 5000);
    setTimeout(() => processed.add('after'), 30);
    expect(await next).toBe('好的');
    service.onApplicationShutdown();
  });
});
