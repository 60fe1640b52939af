import { NotFoundException } from '@nestjs/common';
import {
  ChannelType,
  wechatCredentialsSchema,
  wechatSettingsSchema,
  type WechatCredentials,
  type WechatSettings,
} from '@kefu/shared/contracts';
import type { Inbox } from '@kefu/api/conversations';

/** A WeChat inbox's settings and credentials, checked. */
export interface WechatInbox extends WechatSettings, WechatCredentials {
  inboxId: string;
  greetingEnabled: boolean;
}

export class WechatConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WechatConfigError';
  }
}

/** Reads a WeChat inbox's settings and credentials; throws WechatConfigError naming what is missing. */
export function wechatInbox(inbox: Inbox): WechatInbox {
  const settings = wechatSettingsSchema.safeParse(inbox.settings ?? {});
  if (!settings.success)
    throw new WechatConfigError(
      `inbox ${inbox.id} has invalid WeChat settings: ${settings.error.issues[0]?.message}`,
    );
  const credentials = wechatCredentialsSchema.safeParse(inbox.credentials ?? {});
  if (!credentials.success)
    throw new WechatConfigError(
      `inbox ${inbox.id} has invalid WeChat credentials: ${credentials.error.issues[0]?.message}`,
    );
  if (settings.data.encryption !== 'plain' && !credentials.data.encodingAESKey) {
    throw new WechatConfigError(
      `inbox ${inbox.id} is in ${settings.data.encryption} mode but has no EncodingAESKey`,
    );
  }
  return { ...settings.data, ...credentials.data, inboxId: inbox.id, greetingEnabled: inbox.greetingEnabled };
}

/** The inbox as a WeChat inbox, or a 404 that says why (unknown id, or another channel). */
export function requireWechatInbox(inbox: Inbox): Inbox {
  if (inbox.channel !== ChannelType.Wechat)
    throw new NotFoundException(`inbox ${inbox.id} is not a WeChat inbox`);
  return inbox;
}
