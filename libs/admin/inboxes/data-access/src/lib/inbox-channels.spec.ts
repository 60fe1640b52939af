import { ChannelType } from '@kefu/shared/contracts';
import { inboxStatus } from './inbox-channels';

describe('inboxStatus', () => {
  it('says where a widget may be embedded and whether shoppers must be signed in', () => {
    expect(
      inboxStatus({ channel: ChannelType.Widget, settings: { allowedOrigins: [] }, callbackUrl: null }),
    ).toEqual({
      key: 'inboxes.status.widgetAny',
      params: {},
      detail: null,
    });
    expect(
      inboxStatus({
        channel: ChannelType.Widget,
        settings: { allowedOrigins: ['https://a.cn', 'https://b.cn'], requireIdentity: true },
        callbackUrl: null,
      }),
    ).toEqual({ key: 'inboxes.status.widgetSitesVerified', params: { count: 2 }, detail: null });
  });

  it('names the WeChat account kind and its app id', () => {
    expect(
      inboxStatus({
        channel: ChannelType.Wechat,
        settings: { kind: 'mini_program', appId: 'wx42' },
        callbackUrl: null,
      }),
    ).toEqual({
      key: 'inboxes.status.wechatMiniProgram',
      params: {},
      detail: 'wx42',
    });
  });

  it('shows the support address and whether IMAP is polled', () => {
    const settings = { address: 'help@shop.cn', imap: { enabled: true } };
    expect(inboxStatus({ channel: ChannelType.Email, settings, callbackUrl: null })).toMatchObject({
      key: 'inboxes.status.emailImap',
      detail: 'help@shop.cn',
    });
    expect(
      inboxStatus({
        channel: ChannelType.Email,
        settings: { address: 'help@shop.cn', imap: null },
        callbackUrl: null,
      }).key,
    ).toBe('inboxes.status.emailGateway');
  });

  it('shows the callback URL of an API inbox, or that it has none', () => {
    expect(
      inboxStatus({ channel: ChannelType.Api, settings: {}, callbackUrl: 'https://shop.cn/hook' }).detail,
    ).toBe('https://shop.cn/hook');
    expect(inboxStatus({ channel: ChannelType.Api, settings: {}, callbackUrl: null }).key).toBe(
      'inboxes.status.apiNoCallback',
    );
  });
});
