import { z } from 'zod';
import { ChannelType } from './enums';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:mm, e.g. 09:00');

export const businessHoursSchema = z.object({
  /** When false the inbox is treated as always open and no away message is sent. */
  enabled: z.boolean().default(false),
  /** IANA time zone the hours are read in, e.g. Asia/Shanghai. */
  timezone: z
    .string()
    .default('UTC')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'unknown IANA time zone'),
  /** One entry per open day; 0 = Sunday … 6 = Saturday. A day without an entry is closed. */
  days: z
    .array(z.object({ day: z.number().int().min(0).max(6), open: hhmm, close: hhmm }))
    .max(7)
    .default([]),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

const hostname = z.string().trim().min(1).max(255);
const port = z.number().int().min(1).max(65535);

/** The web chat widget. The inbox id is its public token; the inbox secret signs logged-in users (HMAC). */
export const widgetSettingsSchema = z.object({
  /** Header of the chat window; empty = the inbox name. */
  title: z.string().trim().max(80).default(''),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'use a #rrggbb colour').default('#3f51b5'),
  /** Pages allowed to embed the widget (scheme://host[:port]); empty = any page. */
  allowedOrigins: z.array(z.string().url().max(300)).max(50).default([]),
  /** `auto` follows the browser's language. */
  locale: z.enum(['auto', 'zh-CN', 'en', 'ja']).default('auto'),
  /** Only shoppers whose user id the shop signed may chat. */
  requireIdentity: z.boolean().default(false),
});
export type WidgetSettings = z.infer<typeof widgetSettingsSchema>;

/** A WeChat Official Account or Mini Program (customer-service messages). */
export const wechatSettingsSchema = z.object({
  kind: z.enum(['official_account', 'mini_program']).default('official_account'),
  appId: z.string().trim().min(1).max(64),
  /** WeChat's message encryption mode: plain text, compatible (both) or safe (AES only). */
  encryption: z.enum(['plain', 'compatible', 'safe']).default('safe'),
  /** The WeChat API base; only changed for tests or a proxy. */
  apiBaseUrl: z.string().url().max(300).default('https://api.weixin.qq.com'),
});
export type WechatSettings = z.infer<typeof wechatSettingsSchema>;

export const wechatCredentialsSchema = z.object({
  /** The URL token configured in the WeChat console (3–32 letters and digits). */
  token: z.string().regex(/^[A-Za-z0-9]{3,32}$/, 'the WeChat token is 3–32 letters and digits'),
  /** 43 characters, base64 without the trailing '='. Required for compatible and safe mode. */
  encodingAESKey: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}$/, 'the EncodingAESKey is 43 characters of base64')
    .optional(),
  appSecret: z.string().trim().min(1).max(128),
});
export type WechatCredentials = z.infer<typeof wechatCredentialsSchema>;

/** A support mailbox: inbound raw MIME from the mail gateway (or IMAP), outbound over SMTP. */
export const emailSettingsSchema = z.object({
  /** The support address shoppers write to; replies are sent from it. */
  address: z.string().trim().email().max(320),
  fromName: z.string().trim().max(120).default(''),
  smtp: z.object({
    host: hostname,
    port: port.default(587),
    /** TLS from the first byte (465); otherwise STARTTLS when the server offers it. */
    secure: z.boolean().default(false),
    user: z.string().max(320).default(''),
  }),
  imap: z
    .object({
      enabled: z.boolean().default(false),
      host: hostname,
      port: port.default(993),
      secure: z.boolean().default(true),
      user: z.string().max(320).default(''),
      mailbox: z.string().max(200).default('INBOX'),
      pollSeconds: z.number().int().min(15).max(3600).default(60),
    })
    .nullable()
    .default(null),
});
export type EmailSettings = z.infer<typeof emailSettingsSchema>;

export const emailCredentialsSchema = z.object({
  smtpPassword: z.string().max(500).optional(),
  imapPassword: z.string().max(500).optional(),
});
export type EmailCredentials = z.infer<typeof emailCredentialsSchema>;

/** Per channel: its settings (shown) and its credentials (shown once, masked after). */
export const channelSettingsSchemas = {
  api: z.object({}),
  widget: widgetSettingsSchema,
  wechat: wechatSettingsSchema,
  email: emailSettingsSchema,
} as const;
export const channelCredentialsSchemas = {
  api: z.object({}),
  widget: z.object({}),
  wechat: wechatCredentialsSchema,
  email: emailCredentialsSchema,
} as const;

/** How a masked credential looks in every answer after the one that created or changed it. */
export const maskSecret = (value: string): string => (value.length <= 8 ? '••••••••' : `••••••••${value.slice(-4)}`);

export const createInboxSchema = z.object({
  name: z.string().trim().min(1).max(120),
  channel: z.nativeEnum(ChannelType).default(ChannelType.Api),
  callbackUrl: z.string().url().max(2048).nullable().default(null),
  greetingEnabled: z.boolean().default(false),
  greetingMessage: z.string().max(2000).default(''),
  awayEnabled: z.boolean().default(false),
  awayMessage: z.string().max(2000).default(''),
  businessHours: businessHoursSchema.default({ enabled: false, timezone: 'UTC', days: [] }),
  /** Checked against the channel's schema in `channelSettingsSchemas`. */
  settings: z.record(z.string(), z.unknown()).default({}),
  /** Checked against `channelCredentialsSchemas`; stored, then only ever shown masked. */
  credentials: z.record(z.string(), z.unknown()).default({}),
});
export type CreateInboxInput = z.input<typeof createInboxSchema>;

/** `settings` is merged into the stored ones; a credential left out (or empty) keeps its stored value. */
export const updateInboxSchema = createInboxSchema.omit({ channel: true }).partial();
export type UpdateInboxInput = z.input<typeof updateInboxSchema>;

export interface InboxDto {
  id: string;
  name: string;
  channel: ChannelType;
  /**
   * HMAC secret for signing pushes and verifying callbacks (the widget: signing logged-in users).
   * Only in the answer that created or rotated it; afterwards `secretHint` shows its last characters.
   */
  secret?: string;
  secretHint?: string;
  settings: Record<string, unknown>;
  /** Masked (`••••••••ab12`) except in the answer that created or changed them. Admins only. */
  credentials?: Record<string, string>;
  callbackUrl: string | null;
  greetingEnabled: boolean;
  greetingMessage: string;
  awayEnabled: boolean;
  awayMessage: string;
  businessHours: BusinessHours;
  createdAt: string;
  updatedAt: string;
}
