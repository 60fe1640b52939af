import { AutoReplyKind, BusinessHours, ConversationStatus } from '@kefu/shared/contracts';
import type { Conversation } from '../entities/conversation.entity';
import type { Inbox } from '../entities/inbox.entity';
import { autoReplies } from './auto-reply';
import { isOpen, localTime } from './business-hours';

const weekdays9to18 = (timezone: string): BusinessHours => ({
  enabled: true,
  timezone,
  days: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '18:00' })),
});

const inbox = (over: Partial<Inbox> = {}): Inbox =>
  ({
    greetingEnabled: true,
    greetingMessage: '亲，您好！有什么可以帮您？',
    awayEnabled: true,
    awayMessage: 'We are away; we will answer at 9:00.',
    businessHours: weekdays9to18('Asia/Shanghai'),
    ...over,
  }) as Inbox;

const conversation = (over: Partial<Conversation> = {}): Conversation =>
  ({ status: ConversationStatus.Bot, greetedAt: null, awaySentAt: null, ...over }) as Conversation;

// 2026-11-23 is a Monday.
const mondayShanghai = (hh: number, mm = 0) => new Date(Date.UTC(2026, 10, 23, hh - 8, mm));

describe('business hours', () => {
  it('reads the local weekday and time in the inbox time zone', () => {
    expect(localTime(mondayShanghai(10, 30), 'Asia/Shanghai')).toEqual({ day: 1, minutes: 630 });
    expect(localTime(mondayShanghai(7), 'America/New_York').day).toBe(0); // still Sunday in New York
  });

  it('is open inside the hours and closed outside them', () => {
    const h = weekdays9to18('Asia/Shanghai');
    expect(isOpen(h, mondayShanghai(9))).toBe(true);
    expect(isOpen(h, mondayShanghai(17, 59))).toBe(true);
    expect(isOpen(h, mondayShanghai(18))).toBe(false);
    expect(isOpen(h, mondayShanghai(8, 59))).toBe(false);
    expect(isOpen(h, new Date(Date.UTC(2026, 10, 22, 3)))).toBe(false); // Sunday
  });

  it('handles hours that run past midnight', () => {
    const h: BusinessHours = { enabled: true, timezone: 'UTC', days: [{ day: 1, open: '22:00', close: '02:00' }] };
    expect(isOpen(h, new Date(Date.UTC(2026, 10, 23, 23)))).toBe(true); // Monday 23:00
    expect(isOpen(h, new Date(Date.UTC(2026, 10, 24, 1)))).toBe(true); // Tuesday 01:00
    expect(isOpen(h, new Date(Date.UTC(2026, 10, 24, 3)))).toBe(false);
  });

  it('is always open when business hours are off', () => {
    expect(isOpen({ enabled: false, timezone: 'UTC', days: [] }, new Date())).toBe(true);
  });
});

describe('auto-replies', () => {
  it('greets on the first message of a conversation during business hours', () => {
    expect(autoReplies(inbox(), conversation(), mondayShanghai(10))).toEqual([
      { kind: AutoReplyKind.Greeting, text: '亲，您好！有什么可以帮您？' },
    ]);
  });

  it('does not greet twice', () => {
    expect(autoReplies(inbox(), conversation({ greetedAt: new Date() }), mondayShanghai(10))).toEqual([]);
  });

  it('sends the away message outside business hours, once per six hours', () => {
    const night = mondayShanghai(22);
    expect(autoReplies(inbox(), conversation({ greetedAt: new Date() }), night).map((d) => d.kind)).toEqual([AutoReplyKind.Away]);
    const sentAnHourAgo = new Date(night.getTime() - 3600_000);
    expect(autoReplies(inbox(), conversation({ greetedAt: new Date(), awaySentAt: sentAnHourAgo }), night)).toEqual([]);
  });

  it('greets and says it is away on a first message at night', () => {
    expect(autoReplies(inbox(), conversation(), mondayShanghai(23)).map((d) => d.kind)).toEqual([AutoReplyKind.Greeting, AutoReplyKind.Away]);
  });

  it('sends nothing when the replies are switched off or empty', () => {
    expect(autoReplies(inbox({ greetingEnabled: false, awayEnabled: false }), conversation(), mondayShanghai(23))).toEqual([]);
    expect(autoReplies(inbox({ greetingMessage: '   ', awayMessage: '' }), conversation(), mondayShanghai(23))).toEqual([]);
  });
});
