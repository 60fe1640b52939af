import {
  AbstractControl,
  FormControl,
  FormGroup,
  ValidationErrors,
  ValidatorFn,
  Validators,
} from '@angular/forms';
import {
  channelFormValue,
  checkField,
  FIELD_SCHEMAS,
  type ChannelFormValues,
  type FieldIssue,
} from '@kefu/admin/inboxes/data-access';
import { ChannelType, type WechatSettings, type WidgetSettings } from '@kefu/shared/contracts';
import type { z } from 'zod';

/**
 * The channel part of the create dialog and the settings page: `settings` and `credentials` groups
 * shaped like the API body, so `settings.smtp.host` is both the control's path and the API's.
 */
export type WidgetForm = FormGroup<{
  settings: FormGroup<{
    title: FormControl<string>;
    color: FormControl<string>;
    allowedOrigins: FormControl<string[]>;
    locale: FormControl<WidgetSettings['locale']>;
    requireIdentity: FormControl<boolean>;
  }>;
  credentials: FormGroup<Record<string, never>>;
}>;

export type WechatForm = FormGroup<{
  settings: FormGroup<{
    kind: FormControl<WechatSettings['kind']>;
    appId: FormControl<string>;
    encryption: FormControl<WechatSettings['encryption']>;
    apiBaseUrl: FormControl<string>;
  }>;
  credentials: FormGroup<{
    token: FormControl<string>;
    encodingAESKey: FormControl<string>;
    appSecret: FormControl<string>;
  }>;
}>;

export type EmailForm = FormGroup<{
  settings: FormGroup<{
    address: FormControl<string>;
    fromName: FormControl<string>;
    smtp: FormGroup<{
      host: FormControl<string>;
      port: FormControl<number | null>;
      secure: FormControl<boolean>;
      user: FormControl<string>;
    }>;
    imap: FormGroup<{
      enabled: FormControl<boolean>;
      host: FormControl<string>;
      port: FormControl<number | null>;
      secure: FormControl<boolean>;
      user: FormControl<string>;
      mailbox: FormControl<string>;
      pollSeconds: FormControl<number | null>;
    }>;
  }>;
  credentials: FormGroup<{ smtpPassword: FormControl<string>; imapPassword: FormControl<string> }>;
}>;

export type ChannelForm = WidgetForm | WechatForm | EmailForm;

/** Checks a control with its part of the API's zod schema; the error is `{ zod: FieldIssue }`. */
export function zodValidator(schema: z.ZodType, path: string, opts: { emptyOk?: boolean } = {}): ValidatorFn {
  return (c: AbstractControl): ValidationErrors | null => {
    const v: unknown = c.value;
    if ((v === '' || v === null || v === undefined) && opts.emptyOk) return null;
    if (v === '' || v === null || v === undefined)
      return { zod: { path, message: 'required', key: 'validation.required' } satisfies FieldIssue };
    const issue = checkField(schema, v, path);
    return issue ? { zod: issue } : null;
  };
}

/** A credential: empty is fine here (required ones are checked on submit; on update empty keeps). */
function credential(schema: z.ZodType, path: string): FormControl<string> {
  return new FormControl('', {
    nonNullable: true,
    validators: [zodValidator(schema, path, { emptyOk: true })],
  });
}

function text(schema: z.ZodType, path: string, emptyOk = true): FormControl<string> {
  return new FormControl('', { nonNullable: true, validators: [zodValidator(schema, path, { emptyOk })] });
}

function numberControl(schema: z.ZodType, path: string): FormControl<number | null> {
  return new FormControl<number | null>(null, {
    validators: [zodValidator(schema, path, { emptyOk: true })],
  });
}

export function createWidgetForm(): WidgetForm {
  const s = FIELD_SCHEMAS.widget;
  return new FormGroup({
    settings: new FormGroup({
      title: text(s.title, 'settings.title'),
      color: text(s.color, 'settings.color', false),
      allowedOrigins: new FormControl<string[]>([], {
        nonNullable: true,
        validators: [zodValidator(s.allowedOrigins, 'settings.allowedOrigins', { emptyOk: true })],
      }),
      locale: new FormControl<WidgetSettings['locale']>('auto', { nonNullable: true }),
      requireIdentity: new FormControl(false, { nonNullable: true }),
    }),
    credentials: new FormGroup({}),
  });
}

export function createWechatForm(): WechatForm {
  const s = FIELD_SCHEMAS.wechat;
  const c = FIELD_SCHEMAS.wechatCredentials;
  return new FormGroup({
    settings: new FormGroup({
      kind: new FormControl<WechatSettings['kind']>('official_account', { nonNullable: true }),
      appId: text(s.appId, 'settings.appId', false),
      encryption: new FormControl<WechatSettings['encryption']>('safe', { nonNullable: true }),
      apiBaseUrl: text(s.apiBaseUrl, 'settings.apiBaseUrl', false),
    }),
    credentials: new FormGroup({
      token: credential(c.token, 'credentials.token'),
      encodingAESKey: credential(c.encodingAESKey, 'credentials.encodingAESKey'),
      appSecret: credential(c.appSecret, 'credentials.appSecret'),
    }),
  });
}

export function createEmailForm(): EmailForm {
  const s = FIELD_SCHEMAS.email;
  const smtp = FIELD_SCHEMAS.emailSmtp;
  const imap = FIELD_SCHEMAS.emailImap;
  return new FormGroup({
    settings: new FormGroup({
      address: text(s.address, 'settings.address', false),
      fromName: text(s.fromName, 'settings.fromName'),
      smtp: new FormGroup({
        host: text(smtp.host, 'settings.smtp.host', false),
        port: numberControl(smtp.port, 'settings.smtp.port'),
        secure: new FormControl(false, { nonNullable: true }),
        user: text(smtp.user, 'settings.smtp.user'),
      }),
      imap: new FormGroup({
        enabled: new FormControl(false, { nonNullable: true }),
        // Required only while IMAP is on: checked on submit with the whole schema.
        host: text(imap.host, 'settings.imap.host'),
        port: numberControl(imap.port, 'settings.imap.port'),
        secure: new FormControl(true, { nonNullable: true }),
        user: text(imap.user, 'settings.imap.user'),
        mailbox: text(imap.mailbox, 'settings.imap.mailbox'),
        pollSeconds: numberControl(imap.pollSeconds, 'settings.imap.pollSeconds'),
      }),
    }),
    credentials: new FormGroup({
      smtpPassword: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(500)] }),
      imapPassword: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(500)] }),
    }),
  });
}

/** A fresh form for the channel filled from its stored settings; null for the API channel. */
export function createChannelForm(
  channel: ChannelType,
  stored: Record<string, unknown> = {},
): ChannelForm | null {
  const form =
    channel === ChannelType.Widget
      ? createWidgetForm()
      : channel === ChannelType.Wechat
        ? createWechatForm()
        : channel === ChannelType.Email
          ? createEmailForm()
          : null;
  // The value's shape is the form's shape for this channel.
  (form as FormGroup | null)?.reset(channelFormValue(channel, stored) as ChannelFormValues[ChannelType]);
  return form;
}

/**
 * Puts field issues (from the client-side check or the API) on the matching controls as
 * `{ [kind]: issue }`, walking up the path to the nearest control (`settings.allowedOrigins.3` lands on
 * `settings.allowedOrigins`). Returns the issues that matched no control.
 */
export function applyFieldIssues(
  form: AbstractControl,
  issues: FieldIssue[],
  kind: 'issue' | 'server',
): FieldIssue[] {
  const unmatched: FieldIssue[] = [];
  for (const issue of issues) {
    const parts = issue.path.split('.').filter(Boolean);
    let control: AbstractControl | null = null;
    for (let i = parts.length; i > 0 && !control; i--) control = form.get(parts.slice(0, i));
    if (control && control !== form && !(control instanceof FormGroup)) {
      control.setErrors({ ...(control.errors ?? {}), [kind]: issue });
      control.markAsTouched();
    } else {
      unmatched.push(issue);
    }
  }
  return unmatched;
}
