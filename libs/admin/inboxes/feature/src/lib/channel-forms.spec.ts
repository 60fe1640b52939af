import { FormGroup } from '@angular/forms';
import {
  channelPayload,
  checkChannel,
  issuesFromApiError,
  type ChannelFormValues,
} from '@kefu/admin/inboxes/data-access';
import { ChannelType } from '@kefu/shared/contracts';
import { applyFieldIssues, createChannelForm, EmailForm, WechatForm, WidgetForm } from './channel-forms';

const storedEmail = {
  address: 'help@shop.cn',
  fromName: 'Shop',
  smtp: { host: 'smtp.shop.cn', port: 465, secure: true, user: 'help' },
  imap: {
    enabled: true,
    host: 'imap.shop.cn',
    port: 993,
    secure: true,
    user: 'help',
    mailbox: 'INBOX',
    pollSeconds: 120,
  },
};

describe('channel forms', () => {
  it('round-trips stored e-mail settings: form → payload gives back what was stored', () => {
    const form = createChannelForm(ChannelType.Email, storedEmail) as EmailForm;
    expect(form.valid).toBe(true);
    expect(form.controls.settings.controls.imap.controls.pollSeconds.value).toBe(120);
    const payload = channelPayload(
      ChannelType.Email,
      form.getRawValue() as ChannelFormValues[ChannelType.Email],
    );
    expect(payload).toEqual({ settings: storedEmail, credentials: {} });
  });

  it("flags a bad widget colour and a port out of range on the field itself, with the admin's wording", () => {
    const widget = createChannelForm(ChannelType.Widget) as WidgetForm;
    widget.controls.settings.controls.color.setValue('teal');
    expect(widget.controls.settings.controls.color.errors?.['zod']).toMatchObject({
      key: 'inbox.fieldErrors.color',
    });

    const email = createChannelForm(ChannelType.Email, storedEmail) as EmailForm;
    email.controls.settings.controls.smtp.controls.port.setValue(70000);
    expect(email.controls.settings.controls.smtp.controls.port.errors?.['zod']).toMatchObject({
      key: 'inbox.fieldErrors.max',
      params: { max: 65535 },
    });
    email.controls.settings.controls.smtp.controls.port.setValue(null);
    expect(email.controls.settings.controls.smtp.controls.port.valid).toBe(true);
  });

  it('leaves empty credentials valid on the field (on update they keep the stored ones)', () => {
    const wechat = createChannelForm(ChannelType.Wechat, { appId: 'wx1' }) as WechatForm;
    expect(wechat.valid).toBe(true);
    wechat.controls.credentials.controls.token.setValue('no');
    expect(wechat.controls.credentials.controls.token.errors?.['zod']).toMatchObject({
      key: 'inbox.fieldErrors.token',
    });
  });

  it("puts the whole-form check and the API's errors on the right controls", () => {
    const wechat = createChannelForm(ChannelType.Wechat) as WechatForm;
    const payload = channelPayload(
      ChannelType.Wechat,
      wechat.getRawValue() as ChannelFormValues[ChannelType.Wechat],
    );
    const unmatched = applyFieldIssues(
      wechat,
      checkChannel(ChannelType.Wechat, payload, { mode: 'create' }),
      'issue',
    );
    expect(unmatched).toEqual([]);
    const c = wechat.controls.credentials.controls;
    expect(c.encodingAESKey.errors?.['issue']).toMatchObject({
      key: 'inbox.fieldErrors.encodingAESKeyRequired',
    });
    expect(c.appSecret.touched).toBe(true);

    const widget = createChannelForm(ChannelType.Widget) as WidgetForm;
    const apiIssues = issuesFromApiError({
      message:
        'invalid widget settings: settings.allowedOrigins.1: Invalid URL; settings.unknown: Unrecognized key',
    });
    const left = applyFieldIssues(widget as FormGroup, apiIssues, 'server');
    expect(widget.controls.settings.controls.allowedOrigins.errors?.['server']).toMatchObject({
      message: 'Invalid URL',
    });
    expect(left.map((i) => i.path)).toEqual(['settings.unknown']);
  });

  it('has no channel form for the API channel', () => {
    expect(createChannelForm(ChannelType.Api)).toBeNull();
  });
});
