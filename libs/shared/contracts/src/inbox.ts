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

export const createInboxSchema = z.object({
  name: z.string().trim().min(1).max(120),
  channel: z.nativeEnum(ChannelType).default(ChannelType.Api),
  callbackUrl: z.string().url().max(2048).nullable().default(null),
  greetingEnabled: z.boolean().default(false),
  greetingMessage: z.string().max(2000).default(''),
  awayEnabled: z.boolean().default(false),
  awayMessage: z.string().max(2000).default(''),
  businessHours: businessHoursSchema.default({ enabled: false, timezone: 'UTC', days: [] }),
});
export type CreateInboxInput = z.input<typeof createInboxSchema>;

export const updateInboxSchema = createInboxSchema.omit({ channel: true }).partial();
export type UpdateInboxInput = z.input<typeof updateInboxSchema>;

export interface InboxDto {
  id: string;
  name: string;
  channel: ChannelType;
  /** HMAC secret for signing pushes and verifying callbacks. Shown to admins only. */
  secret?: string;
  callbackUrl: string | null;
  greetingEnabled: boolean;
  greetingMessage: string;
  awayEnabled: boolean;
  awayMessage: string;
  businessHours: BusinessHours;
  createdAt: string;
  updatedAt: string;
}
