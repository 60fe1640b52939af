import type { TeamDto } from '@kefu/shared/contracts';
import { hoursSummary } from './hours-summary';
import { createTeamForm, memberForm, patchTeamForm, timezoneChoices, toTeamInput } from './team-form';

const team: TeamDto = {
  id: 't1',
  name: 'Returns',
  description: 'Refunds and exchanges',
  assignment: 'round_robin',
  businessHours: {
    enabled: true,
    timezone: 'Europe/Lisbon',
    days: [
      { day: 1, open: '09:00', close: '18:00' },
      { day: 6, open: '10:00', close: '16:00' },
    ],
  },
  escalateAfterMinutes: 10,
  escalationAction: 'reassign',
  leadUserId: 'u1',
  members: [{ userId: 'u1', name: 'Alice', role: 'agent', capacity: 8, availability: 'online', load: 2 }],
  waiting: 0,
  openNow: true,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

const t = (key: string, p?: Record<string, unknown>) => (p ? `${key}:${JSON.stringify(p)}` : key);

describe('team form', () => {
  it('gives back a team as the server has it after a round trip through the form', () => {
    const form = createTeamForm();
    patchTeamForm(form, team);
    expect(toTeamInput(form)).toEqual({
      name: 'Returns',
      description: 'Refunds and exchanges',
      assignment: 'round_robin',
      escalateAfterMinutes: 10,
      escalationAction: 'reassign',
      leadUserId: 'u1',
      members: [{ userId: 'u1', capacity: 8 }],
      businessHours: team.businessHours,
    });
  });

  it('sends no time limit when it is switched off, trims the name, and checks capacities', () => {
    const form = createTeamForm();
    form.patchValue({ name: '  VIP  ', escalate: false, escalateAfterMinutes: 30 });
    form.controls.members.push(memberForm('u2', 0));
    expect(form.valid).toBe(false);
    form.controls.members.at(0).controls.capacity.setValue(3);
    expect(form.valid).toBe(true);
    const input = toTeamInput(form);
    expect(input.name).toBe('VIP');
    expect(input.escalateAfterMinutes).toBeNull();
    expect(input.businessHours).toEqual({ enabled: false, timezone: 'Asia/Shanghai', days: [] });
  });

  it('refuses an open day without valid times', () => {
    const form = createTeamForm();
    form.patchValue({ name: 'x' });
    const monday = form.controls.businessHours.controls.days.at(0);
    monday.patchValue({ isOpen: true, open: '' });
    expect(form.valid).toBe(false);
  });

  it('offers the common time zones plus the team’s own', () => {
    expect(timezoneChoices('Asia/Shanghai')[0]).toBe('Asia/Shanghai');
    expect(timezoneChoices('Europe/Lisbon')[0]).toBe('Europe/Lisbon');
    expect(timezoneChoices('Europe/Lisbon')).toContain('UTC');
  });
});

describe('hoursSummary', () => {
  it('joins consecutive days with the same hours and names the zone', () => {
    const hours = {
      enabled: true,
      timezone: 'Asia/Shanghai',
      days: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '18:00' })).concat([{ day: 6, open: '10:00', close: '16:00' }]),
    };
    expect(hoursSummary(hours, 'en', t)).toBe('Mon–Fri 09:00–18:00, Sat 10:00–16:00 (Asia/Shanghai)');
  });

  it('says always open when hours are off, and never open without days', () => {
    expect(hoursSummary({ enabled: false, timezone: 'UTC', days: [] }, 'en', t)).toBe('teams.hours.alwaysOpen');
    expect(hoursSummary({ enabled: true, timezone: 'UTC', days: [] }, 'en', t)).toBe('teams.hours.neverOpen:{"timezone":"UTC"}');
  });
});
