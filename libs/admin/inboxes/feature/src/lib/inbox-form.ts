import {
  AbstractControl,
  FormArray,
  FormControl,
  FormGroup,
  ValidationErrors,
  ValidatorFn,
  Validators,
} from '@angular/forms';
import type { ApiErrorDto, InboxDto, UpdateInboxInput } from '@kefu/shared/contracts';

/** Weekdays in the order the form lists them (Monday first); values are 0 = Sunday … 6 = Saturday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0] as const;
const DEFAULT_OPEN = '09:00';
const DEFAULT_CLOSE = '18:00';
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export type DayForm = FormGroup<{
  day: FormControl<number>;
  isOpen: FormControl<boolean>;
  open: FormControl<string>;
  close: FormControl<string>;
}>;

export type InboxForm = FormGroup<{
  name: FormControl<string>;
  callbackUrl: FormControl<string>;
  greetingEnabled: FormControl<boolean>;
  greetingMessage: FormControl<string>;
  awayEnabled: FormControl<boolean>;
  awayMessage: FormControl<string>;
  businessHours: FormGroup<{
    enabled: FormControl<boolean>;
    timezone: FormControl<string>;
    days: FormArray<DayForm>;
  }>;
}>;

/** Accepts an empty value or an absolute http(s) URL. */
export const httpUrlValidator: ValidatorFn = (c: AbstractControl<string>): ValidationErrors | null => {
  const v = (c.value ?? '').trim();
  if (!v) return null;
  try {
    const url = new URL(v);
    return url.protocol === 'http:' || url.protocol === 'https:' ? null : { url: true };
  } catch {
    return { url: true };
  }
};

export const timezoneValidator: ValidatorFn = (c: AbstractControl<string>): ValidationErrors | null => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: c.value });
    return null;
  } catch {
    return { timezone: true };
  }
};

/** An open day needs two valid times. Closing before opening means open past midnight (22:00–02:00). */
const dayValidator: ValidatorFn = (g: AbstractControl): ValidationErrors | null => {
  const { isOpen, open, close } = (g as DayForm).getRawValue();
  if (!isOpen) return null;
  return HHMM.test(open) && HHMM.test(close) ? null : { time: true };
};

/** A switched-on greeting or away message needs a text. */
function messageRequiredWhen(flag: string, message: string): ValidatorFn {
  return (g: AbstractControl): ValidationErrors | null => {
    const enabled = g.get(flag)?.value === true;
    const text = String(g.get(message)?.value ?? '').trim();
    return enabled && !text ? { [`${message}Required`]: true } : null;
  };
}

export function createInboxForm(): InboxForm {
  return new FormGroup(
    {
      name: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required, Validators.maxLength(120)],
      }),
      callbackUrl: new FormControl('', {
        nonNullable: true,
        validators: [httpUrlValidator, Validators.maxLength(2048)],
      }),
      greetingEnabled: new FormControl(false, { nonNullable: true }),
      greetingMessage: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(2000)] }),
      awayEnabled: new FormControl(false, { nonNullable: true }),
      awayMessage: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(2000)] }),
      businessHours: new FormGroup({
        enabled: new FormControl(false, { nonNullable: true }),
        timezone: new FormControl('UTC', {
          nonNullable: true,
          validators: [Validators.required, timezoneValidator],
        }),
        days: new FormArray<DayForm>(
          WEEKDAYS.map(
            (day) =>
              new FormGroup(
                {
                  day: new FormControl<number>(day, { nonNullable: true }),
                  isOpen: new FormControl(false, { nonNullable: true }),
                  open: new FormControl(DEFAULT_OPEN, { nonNullable: true }),
                  close: new FormControl(DEFAULT_CLOSE, { nonNullable: true }),
                },
                { validators: dayValidator },
              ),
          ),
        ),
      }),
    },
    {
      validators: [
        messageRequiredWhen('greetingEnabled', 'greetingMessage'),
        messageRequiredWhen('awayEnabled', 'awayMessage'),
      ],
    },
  );
}

/** Fills the form from the server's view of the inbox. */
export function patchInboxForm(form: InboxForm, inbox: InboxDto): void {
  const byDay = new Map(inbox.businessHours.days.map((d) => [d.day, d]));
  form.reset({
    name: inbox.name,
    callbackUrl: inbox.callbackUrl ?? '',
    greetingEnabled: inbox.greetingEnabled,
    greetingMessage: inbox.greetingMessage,
    awayEnabled: inbox.awayEnabled,
    awayMessage: inbox.awayMessage,
    businessHours: {
      enabled: inbox.businessHours.enabled,
      timezone: inbox.businessHours.timezone,
      days: WEEKDAYS.map((day) => {
        const d = byDay.get(day);
        return { day, isOpen: !!d, open: d?.open ?? DEFAULT_OPEN, close: d?.close ?? DEFAULT_CLOSE };
      }),
    },
  });
}

/**
 * The PATCH body for the form, and for each entry of `businessHours.days` the form row it came from
 * (closed days are left out), so server errors on `businessHours.days.N` find their row.
 */
export function toUpdateInput(form: InboxForm): { input: UpdateInboxInput; dayRows: number[] } {
  const v = form.getRawValue();
  const dayRows: number[] = [];
  const days = v.businessHours.days.flatMap((d, row) => {
    if (!d.isOpen) return [];
    dayRows.push(row);
    return [{ day: d.day, open: d.open, close: d.close }];
  });
  return {
    input: {
      name: v.name.trim(),
      callbackUrl: v.callbackUrl.trim() || null,
      greetingEnabled: v.greetingEnabled,
      greetingMessage: v.greetingMessage,
      awayEnabled: v.awayEnabled,
      awayMessage: v.awayMessage,
      businessHours: { enabled: v.businessHours.enabled, timezone: v.businessHours.timezone.trim(), days },
    },
    dayRows,
  };
}

/**
 * Puts the server's field errors (`issues[].path`, dotted) on the matching controls as `{ server: message }`.
 * Returns the issues that matched no control, to be shown above the form.
 */
export function applyServerIssues(form: InboxForm, error: ApiErrorDto, dayRows: number[]): string[] {
  const unmatched: string[] = [];
  for (const issue of error.issues ?? []) {
    const parts = issue.path.split('.').filter(Boolean);
    if (parts[0] === 'businessHours' && parts[1] === 'days' && parts.length >= 3) {
      const row = dayRows[Number(parts[2])];
      if (row !== undefined) parts[2] = String(row);
    }
    let control: AbstractControl | null = null;
    for (let i = parts.length; i > 0 && !control; i--) control = form.get(parts.slice(0, i));
    if (control && control !== form) {
      control.setErrors({ ...(control.errors ?? {}), server: issue.message });
      control.markAsTouched();
    } else {
      unmatched.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
    }
  }
  return unmatched;
}
