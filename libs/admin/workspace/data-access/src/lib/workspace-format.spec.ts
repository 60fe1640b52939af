import { ConversationStatus, type MessageDto, type NoteDto } from '@kefu/shared/contracts';
import { addTags, buildTimeline, formatMoney, formatWaiting, isOverdue, mergeNotes, newClientId, waitingSecondsAt } from './workspace-format';

describe('formatWaiting', () => {
  it('shows m:ss under an hour and h:mm from an hour on', () => {
    expect(formatWaiting(0)).toBe('0:00');
    expect(formatWaiting(65)).toBe('1:05');
    expect(formatWaiting(59 * 60 + 59)).toBe('59:59');
    expect(formatWaiting(3600)).toBe('1:00');
    expect(formatWaiting(2 * 3600 + 7 * 60 + 30)).toBe('2:07');
    expect(formatWaiting(-5)).toBe('0:00');
  });
});

describe('waitingSecondsAt', () => {
  const base = { status: ConversationStatus.PendingHuman, handoffAt: '2026-01-01T10:00:00.000Z', waitingSeconds: 10, firstHumanReplyAt: null };
  it('counts from the hand-off so it ticks without refetching', () => {
    expect(waitingSecondsAt(base, Date.parse('2026-01-01T10:02:30.000Z'))).toBe(150);
  });
  it('is null once a person answered or nobody waits', () => {
    expect(waitingSecondsAt({ ...base, firstHumanReplyAt: '2026-01-01T10:01:00.000Z' }, Date.now())).toBeNull();
    expect(waitingSecondsAt({ ...base, waitingSeconds: null }, Date.now())).toBeNull();
    expect(waitingSecondsAt({ ...base, status: ConversationStatus.Resolved }, Date.now())).toBeNull();
  });
  it('falls back to the server figure without a hand-off time', () => {
    expect(waitingSecondsAt({ ...base, handoffAt: null }, Date.now())).toBe(10);
  });
});

describe('isOverdue', () => {
  it('turns true at the team limit, never without one', () => {
    expect(isOverdue(299, 5)).toBe(false);
    expect(isOverdue(300, 5)).toBe(true);
    expect(isOverdue(9999, null)).toBe(false);
    expect(isOverdue(null, 5)).toBe(false);
  });
});

describe('buildTimeline / mergeNotes', () => {
  const msg = (id: string, at: string) => ({ id, createdAt: at }) as MessageDto;
  const note = (id: string, at: string) => ({ id, createdAt: at, text: id }) as NoteDto;
  it('interleaves messages and notes by time', () => {
    const t = buildTimeline(
      [msg('m1', '2026-01-01T10:00:00Z'), msg('m2', '2026-01-01T10:02:00Z')],
      [note('n1', '2026-01-01T10:01:00Z')],
    );
    expect(t.map((e) => `${e.kind}:${e.id}`)).toEqual(['message:m1', 'note:n1', 'message:m2']);
  });
  it('merges notes by id, later copies win', () => {
    const merged = mergeNotes([note('a', '2026-01-01T10:00:00Z')], [{ ...note('a', '2026-01-01T10:00:00Z'), text: 'x' }, note('b', '2026-01-01T09:00:00Z')]);
    expect(merged.map((n) => n.id)).toEqual(['b', 'a']);
    expect(merged[1].text).toBe('x');
  });
});

describe('addTags', () => {
  it('splits on commas (also Chinese), trims, dedupes and caps', () => {
    expect(addTags(['vip'], ' refund, vip，急件、 ')).toEqual(['vip', 'refund', '急件']);
    expect(addTags([], 'x'.repeat(80))[0]).toHaveLength(50);
    const many = Array.from({ length: 30 }, (_, i) => `t${i}`);
    expect(addTags(many, 'one more')).toHaveLength(30);
  });
});

describe('newClientId', () => {
  it('gives distinct uuid-shaped ids', () => {
    const a = newClientId();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newClientId()).not.toBe(a);
  });
});

describe('formatMoney', () => {
  it('formats for the UI language and survives an unknown currency', () => {
    expect(formatMoney(12880, 'CNY', 'zh-CN', 0)).toBe('¥12,880');
    expect(formatMoney(89.5, 'CNY', 'en')).toBe('CN¥89.50');
    expect(formatMoney(5, 'NOT-A-CODE', 'en')).toBe('NOT-A-CODE 5');
  });
});
