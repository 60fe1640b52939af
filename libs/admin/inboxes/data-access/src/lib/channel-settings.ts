import {
  ChannelType,
  channelCredentialsSchemas,
  channelSettingsSchemas,
  emailSettingsSchema,
  type EmailSettings,
  wechatCredentialsSchema,
  type WechatSettings,
  wechatSettingsSchema,
  type WidgetSettings,
  widgetSettingsSchema,
} from '@kefu/shared/contracts';
import { describeIssue, type FieldIssue } from './field-issues';

/**
 * The channel part of the inbox forms, as plain values shaped like the API's `settings` and
 * `credentials`, so a field's form path is its API path (`settings.smtp.host`) and server errors find
 * their field without a mapping table. Credentials are always text; empty means "keep the stored one".
 */
export interface WidgetFormValue {
  settings: WidgetSettings;
  credentials: Record<string, never>;
}

export interface WechatFormValue {
  settings: WechatSettings;
  credentials: { token: string; encodingAESKey: string; appSecret: string };
}

export interface EmailFormValue {
  settings: {
    address: string;
    fromName: string;
    smtp: { host: string; port: number | null; secure: boolean; user: string };
    imap: {
      enabled: boolean;
      host: string;
      port: number | null;
      secure: boolean;
      user: string;
      mailbox: string;
      pollSeconds: number | null;
    };
  };
  credentials: { smtpPassword: string; imapPassword: string };
}

export interface ChannelFormValues {
  [ChannelType.Api]: { settings: Record<string, never>; credentials: Record<string, never> };
  [ChannelType.Widget]: WidgetFormValue;
  [ChannelType.Wechat]: WechatFormValue;
  [ChannelType.Email]: EmailFormValue;
}

export interface ChannelPayload {
  settings: Record<string, unknown>;
  credentials: Record<string, string>;
}

const WIDGET_DEFAULTS: WidgetSettings = widgetSettingsSchema.parse({});

/** The form's value for a channel: the stored settings (or the defaults) and empty credential fields. */
export function channelFormValue<C extends ChannelType>(
  channel: C,
  stored: Record<string, unknown> = {},
): ChannelFormValues[C] {
  return formValue(channel, stored) as ChannelFormValues[C];
}

function formValue(channel: ChannelType, stored: Record<string, unknown>): ChannelFormValues[ChannelType] {
  switch (channel) {
    case ChannelType.Widget: {
      const s = { ...WIDGET_DEFAULTS, ...(stored as Partial<WidgetSettings>) };
      return { settings: { ...s, allowedOrigins: [...s.allowedOrigins] }, credentials: {} };
    }
    case ChannelType.Wechat: {
      const s = stored as Partial<WechatSettings>;
      return {
        settings: {
          kind: s.kind ?? 'official_account',
          appId: s.appId ?? '',
          encryption: s.encryption ?? 'safe',
          apiBaseUrl: s.apiBaseUrl ?? 'https://api.weixin.qq.com',
        },
        credentials: { token: '', encodingAESKey: '', appSecret: '' },
      };
    }
    case ChannelType.Email: {
      const s = stored as Partial<EmailSettings>;
      const imap = s.imap ?? null;
      return {
        settings: {
          address: s.address ?? '',
          fromName: s.fromName ?? '',
          smtp: {
            host: s.smtp?.host ?? '',
            port: s.smtp?.port ?? 587,
            secure: s.smtp?.secure ?? false,
            user: s.smtp?.user ?? '',
          },
          imap: {
            enabled: imap?.enabled ?? false,
            host: imap?.host ?? '',
            port: imap?.port ?? 993,
            secure: imap?.secure ?? true,
            user: imap?.user ?? '',
            mailbox: imap?.mailbox ?? 'INBOX',
            pollSeconds: imap?.pollSeconds ?? 60,
          },
        },
        credentials: { smtpPassword: '', imapPassword: '' },
      };
    }
    default:
      return { settings: {}, credentials: {} };
  }
}

/**
 * The `settings` and `credentials` to send for the form's value. Text is trimmed, an empty number
 * falls back to the API's default, IMAP that is off and has no host is sent as `null`, and empty
 * credentials are left out (on create they are then reported missing; on update the stored ones stay).
 */
export function channelPayload(channel: ChannelType, value: ChannelFormValues[ChannelType]): ChannelPayload {
  const credentials = Object.fromEntries(
    Object.entries(value.credentials as Record<string, string>)
      .map(([k, v]) => [k, String(v ?? '').trim()] as const)
      .filter(([, v]) => v !== ''),
  );
  switch (channel) {
    case ChannelType.Widget: {
      const s = (value as WidgetFormValue).settings;
      return {
        settings: {
          title: s.title.trim(),
          color: s.color.trim(),
          allowedOrigins: [...s.allowedOrigins],
          locale: s.locale,
          requireIdentity: s.requireIdentity,
        },
        credentials: {},
      };
    }
    case ChannelType.Wechat: {
      const s = (value as WechatFormValue).settings;
      return {
        settings: {
          kind: s.kind,
          appId: s.appId.trim(),
          encryption: s.encryption,
          apiBaseUrl: s.apiBaseUrl.trim(),
        },
        credentials,
      };
    }
    case ChannelType.Email: {
      const s = (value as EmailFormValue).settings;
      const imapHost = s.imap.host.trim();
      return {
        settings: {
          address: s.address.trim(),
          fromName: s.fromName.trim(),
          smtp: compact({
            host: s.smtp.host.trim(),
            port: s.smtp.port,
            secure: s.smtp.secure,
            user: s.smtp.user.trim(),
          }),
          imap:
            !s.imap.enabled && !imapHost
              ? null
              : compact({
                  enabled: s.imap.enabled,
                  host: imapHost,
                  port: s.imap.port,
                  secure: s.imap.secure,
                  user: s.imap.user.trim(),
                  mailbox: s.imap.mailbox.trim() || 'INBOX',
                  pollSeconds: s.imap.pollSeconds,
                }),
        },
        credentials,
      };
    }
    default:
      return { settings: {}, credentials: {} };
  }
}

/** Drops null and undefined members, so the API fills in its defaults. */
function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}

export interface CheckOptions {
  /** `create` needs every required credential; `update` keeps the stored ones for empty fields. */
  mode: 'create' | 'update';
  /** The stored (masked) credentials on update: which ones exist. */
  stored?: Record<string, string>;
}

/**
 * Checks the payload with the same zod schemas the API uses, plus the WeChat rule that compatible and
 * safe mode need an EncodingAESKey. Returns every problem, each naming its field.
 */
export function checkChannel(
  channel: ChannelType,
  payload: ChannelPayload,
  options: CheckOptions,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const settings = channelSettingsSchemas[channel].safeParse(payload.settings);
  if (!settings.success) issues.push(...settings.error.issues.map((i) => describeIssue(i, 'settings')));
  const credentialsSchema = channelCredentialsSchemas[channel];
  const credentials =
    options.mode === 'create'
      ? credentialsSchema.safeParse(payload.credentials)
      : credentialsSchema.partial().safeParse(payload.credentials);
  if (!credentials.success)
    issues.push(...credentials.error.issues.map((i) => describeIssue(i, 'credentials')));
  if (channel === ChannelType.Wechat) {
    const encryption = (payload.settings['encryption'] as string | undefined) ?? 'safe';
    const hasKey = !!payload.credentials['encodingAESKey'] || !!options.stored?.['encodingAESKey'];
    if (encryption !== 'plain' && !hasKey && !issues.some((i) => i.path === 'credentials.encodingAESKey')) {
      issues.push({
        path: 'credentials.encodingAESKey',
        message: `the EncodingAESKey is required in ${encryption} mode`,
        key: 'inbox.fieldErrors.encodingAESKeyRequired',
      });
    }
  }
  return issues;
}

/** The field schemas the forms validate each control with, by API path. */
export const FIELD_SCHEMAS = {
  widget: widgetSettingsSchema.shape,
  wechat: wechatSettingsSchema.shape,
  wechatCredentials: wechatCredentialsSchema.shape,
  email: emailSettingsSchema.shape,
  emailSmtp: emailSettingsSchema.shape.smtp.shape,
  emailImap: emailSettingsSchema.shape.imap.unwrap().unwrap().shape,
} as const;

/**
 * An origin for the widget's allow list from what the admin typed (`shop.example.com`,
 * `https://shop.example.com/path`): `scheme://host[:port]`, or null when it is not a web address.
 */
export function normaliseOrigin(input: string): string | null {
  const text = input.trim();
  if (!text) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (!url.hostname || url.username || url.password) return null;
    return url.origin;
  } catch {
    return null;
  }
}
