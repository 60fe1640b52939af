import { AbstractControl, FormArray, FormControl, FormGroup, ValidationErrors, ValidatorFn, Validators } from '@angular/forms';
import type { AssignmentStrategy, TeamDto, TeamInput } from '@kefu/shared/contracts';

/** Weekdays in the order the editor lists them (Monday first); values are 0 = Sunday … 6 = Saturday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0] as const;
const DEFAULT_OPEN = '09:00';
const DEFAULT_CLOSE = '18:00';
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

/** The time zones offered first; any other IANA zone already set on a team is kept and shown too. */
export const COMMON_TIMEZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Kolkata',
  'Asia/Dubai',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Moscow',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Australia/Sydney',
  'Pacific/Auckland',
  'UTC',
] as const;

export type DayForm = FormGroup<{
  day: FormControl<number>;
  isOpen: FormControl<boolean>;
  open: FormControl<string>;
  close: FormControl<string>;
}>;

export type BusinessHoursForm = FormGroup<{
  enabled: FormControl<boolean>;
  timezone: FormControl<string>;
  days: FormArray<DayForm>;
}>;

export type MemberForm = FormGroup<{ userId: FormControl<string>; capacity: FormControl<number> }>;

export type TeamForm = FormGroup<{
  name: FormControl<string>;
  description: FormControl<string>;
  assignment: FormControl<AssignmentStrategy>;
  /** Whether a time limit applies; the minutes are kept while it is off. */
  escalate: FormControl<boolean>;
  escalateAfterMinutes: FormControl<number>;
  escalationAction: FormControl<'reassign' | 'notify_lead'>;
  leadUserId: FormControl<string | null>;
  members: FormArray<MemberForm>;
  businessHours: BusinessHoursForm;
}>;

/** An open day needs two valid times. Closing before opening means open past midnight (22:00–02:00). */
const dayValidator: ValidatorFn = (g: AbstractControl): ValidationErrors | null => {
  const { isOpen, open, close } = (g as DayForm).getRawValue();
  if (!isOpen) return null;
  return HHMM.test(open) && HHMM.test(close) ? null : { time: true };
};

export function memberForm(userId: string, capacity = 5): MemberForm {
  return new FormGroup({
    userId: new FormControl(userId, { nonNullable: true }),
    capacity: new FormControl(capacity, {
      nonNullable: true,
      validators: [Validators.required, Validators.min(1), Validators.max(100)],
    }),
  });
}

function dayForm(day: number): DayForm {
  return new FormGroup(
    {
      day: new FormControl<number>(day, { nonNullable: true }),
      isOpen: new FormControl(false, { nonNullable: true }),
      open: new FormControl(DEFAULT_OPEN, { nonNullable: true }),
      close: new FormControl(DEFAULT_CLOSE, { nonNullable: true }),
    },
    { validators: dayValidator },
  );
}

/** An empty team form (a new team: least load, no time limit, always open). */
export function createTeamForm(): TeamForm {
  return new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(80)] }),
    description: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(500)] }),
    assignment: new FormControl<AssignmentStrategy>('least_load', { nonNullable: true }),
    escalate: new FormControl(false, { nonNullable: true }),
    escalateAfterMinutes: new FormControl(15, {
      nonNullable: true,
      validators: [Validators.required, Validators.min(1), Validators.max(1440)],
    }),
    escalationAction: new FormControl<'reassign' | 'notify_lead'>('notify_lead', { nonNullable: true }),
    leadUserId: new FormControl<string | null>(null),
    members: new FormArray<MemberForm>([]),
    businessHours: new FormGroup({
      enabled: new FormControl(false, { nonNullable: true }),
      timezone: new FormControl<string>(DEFAULT_TIMEZONE, { nonNullable: true, validators: [Validators.required] }),
      days: new FormArray<DayForm>(WEEKDAYS.map(dayForm)),
    }),
  });
}

/** Fills the form from a team as the server has it. */
export function patchTeamForm(form: TeamForm, team: TeamDto): void {
  form.controls.members.clear();
  for (const m of team.members) form.controls.members.push(memberForm(m.userId, m.capacity));
  const byDay = new Map(team.businessHours.days.map((d) => [d.day, d]));
  form.patchValue({
    name: team.name,
    description: team.description,
    assignment: team.assignment,
    escalate: team.escalateAfterMinutes !== null,
    escalateAfterMinutes: team.escalateAfterMinutes ?? 15,
    escalationAction: team.escalationAction,
    leadUserId: team.leadUserId,
    businessHours: {
      enabled: team.businessHours.enabled,
      timezone: team.businessHours.timezone,
      days: WEEKDAYS.map((day) => {
        const d = byDay.get(day);
        return { day, isOpen: !!d, open: d?.open ?? DEFAULT_OPEN, close: d?.close ?? DEFAULT_CLOSE };
      }),
    },
  });
}

/** The PUT/POST body for the form (closed days left out; no time limit = null). */
export function toTeamInput(form: TeamForm): TeamInput {
  const v = form.getRawValue();
  return {
    name: v.name.trim(),
    description: v.description.trim(),
    assignment: v.assignment,
    escalateAfterMinutes: v.escalate ? Number(v.escalateAfterMinutes) : null,
    escalationAction: v.escalationAction,
    leadUserId: v.leadUserId || null,
    members: v.members.map((m) => ({ userId: m.userId, capacity: Number(m.capacity) })),
    businessHours: {
      enabled: v.businessHours.enabled,
      timezone: v.businessHours.timezone,
      days: v.businessHours.days
        .filter((d) => d.isOpen)
        .map((d) => ({ day: d.day, open: d.open, close: d.close })),
    },
  };
}

/** The zones for the select: the common ones, plus the current one when it is another zone. */
export function timezoneChoices(current: string | null | undefined): string[] {
  const list: string[] = [...COMMON_TIMEZONES];
  if (current && !list.includes(current)) list.unshift(current);
  return list;
}
