import { ChannelType, type InboxDto } from '@kefu/shared/contracts';

/** The channel types an admin can create, in the order the create dialog offers them. */
export const CHANNEL_TYPES: readonly ChannelType[] = [
  ChannelType.Widget,
  ChannelType.Wechat,
  ChannelType.Email,
  ChannelType.Api,
];

/** The icon (registered by the inboxes feature) that stands for each channel type. */
export const CHANNEL_ICONS: Record<ChannelType, string> = {
  [ChannelType.Api]: 'inbox-api',
  [ChannelType.Widget]: 'inbox-widget',
  [ChannelType.Wechat]: 'inbox-wechat',
  [ChannelType.Email]: 'inbox-email',
};

/** A short line about an inbox for the list: a translation key, its parameters, and a plain detail. */
export interface InboxStatus {
  key: string;
  params: Record<string, unknown>;
  /** Verbatim text after the translated part (an address, an app id, a URL); not translated. */
  detail: string | null;
}

/**
 * What the list shows under each inbox: for a widget where it may be embedded, for WeChat the app id,
 * for e-mail the address (and whether IMAP is polled), for the API the callback URL.
 */
export function inboxStatus(inbox: Pick<InboxDto, 'channel' | 'settings' | 'callbackUrl'>): InboxStatus {
  const s = inbox.settings ?? {};
  switch (inbox.channel) {
    case ChannelType.Widget: {
      const origins = Array.isArray(s['allowedOrigins']) ? (s['allowedOrigins'] as string[]).length : 0;
      const verified = s['requireIdentity'] === true;
      if (origins === 0)
        return {
          key: verified ? 'inboxes.status.widgetAnyVerified' : 'inboxes.status.widgetAny',
          params: {},
          detail: null,
        };
      return {
        key: verified ? 'inboxes.status.widgetSitesVerified' : 'inboxes.status.widgetSites',
        params: { count: origins },
        detail: null,
      };
    }
    case ChannelType.Wechat:
      return {
        key:
          s['kind'] === 'mini_program'
            ? 'inboxes.status.wechatMiniProgram'
            : 'inboxes.status.wechatOfficialAccount',
        params: {},
        detail: typeof s['appId'] === 'string' ? s['appId'] : null,
      };
    case ChannelType.Email: {
      const imap = s['imap'] as { enabled?: boolean } | null | undefined;
      return {
        key: imap?.enabled ? 'inboxes.status.emailImap' : 'inboxes.status.emailGateway',
        params: {},
        detail: typeof s['address'] === 'string' ? s['address'] : null,
      };
    }
    default:
      return inbox.callbackUrl
        ? { key: 'inboxes.status.apiCallback', params: {}, detail: inbox.callbackUrl }
        : { key: 'inboxes.status.apiNoCallback', params: {}, detail: null };
  }
}
