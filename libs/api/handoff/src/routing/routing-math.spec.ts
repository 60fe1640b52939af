import type { BusinessHours } from '@kefu/shared/contracts';
import { AssignmentCandidate, chooseAssignee, expectedWaitMinutes } from './assignment';
import { nextOpening } from './business-hours';

const everyDay = (open: string, close: string, timezone = 'Asia/Shanghai'): BusinessHours => ({
  enabled: true,
  timezone,
  days: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open, close })),
});

describe('nextOpening', () => {
  it('is now when open, without hours, or with hours switched off', () => {
    const at = new Date('2025-03-05T04:00:00Z'); // 12:00 in Shanghai
    expect(nextOpening(everyDay('09:00', '21:00'), at)).toEqual(at);
    expect(nextOpening(null, at)).toEqual(at);
    expect(nextOpening({ enabled: false, timezone: 'UTC', days: [] }, at)).toEqual(at);
  });

  it('opens later the same day, or the next morning after closing time (Asia/Shanghai)', () => {
    // 07:30 Shanghai → 09:00 the same day (01:00Z)
    expect(nextOpening(everyDay('09:00', '21:00'), new Date('2025-03-05T23:30:00Z'))?.toISOString()).toBe('2025-03-06T01:00:00.000Z');
    // 22:15 Shanghai → 09:00 the next day
    expect(nextOpening(everyDay('09:00', '21:00'), new Date('2025-03-05T14:15:00Z'))?.toISOString()).toBe('2025-03-06T01:00:00.000Z');
  });

  it('skips closed days across the week end', () => {
    const weekdays: BusinessHours = {
      enabled: true,
      timezone: 'Europe/Berlin',
      days: [1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '17:00' })),
    };
    // Friday 2025-03-07 18:00 Berlin (17:00Z) → Monday 08:00 Berlin (07:00Z)
    expect(nextOpening(weekdays, new Date('2025-03-07T17:00:00Z'))?.toISOString()).toBe('2025-03-10T07:00:00.000Z');
    // Saturday → Monday as well
    expect(nextOpening(weekdays, new Date('2025-03-08T12:00:00Z'))?.toISOString()).toBe('2025-03-10T07:00:00.000Z');
  });

  it('handles hours past midnight and a daylight-saving change', () => {
    const late: BusinessHours = { enabled: true, timezone: 'UTC', days: [{ day: 5, open: '22:00', close: '02:00' }] };
    // Saturday 01:00 UTC is still Friday night's shift: open now
    expect(nextOpening(late, new Date('2025-03-08T01:00:00Z'))?.toISOString()).toBe('2025-03-08T01:00:00.000Z');
    // Saturday 03:00 → next Friday 22:00
    expect(nextOpening(late, new Date('2025-03-08T03:00:00Z'))?.toISOString()).toBe('2025-03-14T22:00:00.000Z');
    // New York moves to summer time on Sunday 2025-03-09: Monday 09:00 is 13:00Z (not 14:00Z)
    const ny: BusinessHours = { enabled: true, timezone: 'America/New_York', days: [{ day: 1, open: '09:00', close: '17:00' }] };
    expect(nextOpening(ny, new Date('2025-03-08T12:00:00Z'))?.toISOString()).toBe('2025-03-10T13:00:00.000Z');
  });

  it('opens at midnight for an all-day entry and is null when no day is open', () => {
    const sunday: BusinessHours = { enabled: true, timezone: 'UTC', days: [{ day: 0, open: '00:00', close: '00:00' }] };
    expect(nextOpening(sunday, new Date('2025-03-07T10:00:00Z'))?.toISOString()).toBe('2025-03-09T00:00:00.000Z');
    expect(nextOpening({ enabled: true, timezone: 'UTC', days: [] }, new Date())).toBeNull();
  });
});

const member = (userId: string, over: Partial<AssignmentCandidate> = {}): AssignmentCandidate => ({
  userId,
  capacity: 5,
  availability: 'online',
  load: 0,
  lastAssignedAt: null,
  ...over,
});

describe('chooseAssignee', () => {
  it('least load: the fewest open conversations, then the longest since the last assignment', () => {
    const members = [member('a', { load: 2 }), member('b', { load: 1, lastAssignedAt: new Date(2000) }), member('c', { load: 1, lastAssignedAt: new Date(1000) })];
    expect(chooseAssignee(members, 'least_load', null)).toBe('c');
    expect(chooseAssignee(members, 'least_load', null, ['c'])).toBe('b');
  });

  it('skips members offline, busy or at capacity; null when nobody is left', () => {
    const members = [member('a', { availability: 'offline' }), member('b', { availability: 'busy' }), member('c', { load: 5 })];
    expect(chooseAssignee(members, 'least_load', null)).toBeNull();
    expect(chooseAssignee([...members, member('d', { load: 4 })], 'least_load', null)).toBe('d');
  });

  it('round robin: the next eligible member after the last one, wrapping around', () => {
    const members = [member('a'), member('b'), member('c', { availability: 'offline' }), member('d')];
    expect(chooseAssignee(members, 'round_robin', null)).toBe('a');
    expect(chooseAssignee(members, 'round_robin', 'a')).toBe('b');
    expect(chooseAssignee(members, 'round_robin', 'b')).toBe('d');
    expect(chooseAssignee(members, 'round_robin', 'd')).toBe('a');
    expect(chooseAssignee(members, 'round_robin', 'gone')).toBe('a');
    expect(chooseAssignee([member('a', { load: 5 })], 'round_robin', null)).toBeNull();
  });
});

describe('expectedWaitMinutes', () => {
  it('is position × average ÷ online members, rounded up, at least one; 3 minutes a head without history', () => {
    expect(expectedWaitMinutes(3, 4, 2)).toBe(6);
    expect(expectedWaitMinutes(1, 0.2, 5)).toBe(1);
    expect(expectedWaitMinutes(2, null, 0)).toBe(6);
    expect(expectedWaitMinutes(5, 2.5, 3)).toBe(5);
  });
});
