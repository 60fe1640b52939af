import { ChannelType } from '@kefu/shared/contracts';
import {
  channelFormValue,
  channelPayload,
  checkChannel,
  FIELD_SCHEMAS,
  normaliseOrigin,
} from './channel-settings';
import { checkField, issuesFromApiError } from './field-issues';

describe('channel form values', () => {
  it('starts a new widget with the API defaults', () => {
    expect(channelFormValue(ChannelType.Widget)).toEqual({
      settings: { title: '', color: '#3f51b5', allowedOrigins: [], locale: 'auto', requireIdentity: false },
      credentials: {},
    });
  });

  it('fills the e-mail form from stored settings, with IMAP off and its defaults when there is none', () => {
    const v = channelFormValue(ChannelType.Email, {
      address: 'help@shop.cn',
      fromName: 'Shop',
      smtp: { host: 'smtp.shop.cn', port: 465, secure: true, user: 'help' },
      imap: null,
    });
    expect(v.settings.smtp).toEqual({ host: 'smtp.shop.cn', port: 465, secure: true, user: 'help' });
    expect(v.settings.imap).toMatchObject({
      enabled: false,
      host: '',
      port: 993,
      secure: true,
      mailbox: 'INBOX',
      pollSeconds: 60,
    });
    expect(v.credentials).toEqual({ smtpPassword: '', imapPassword: '' });
  });

  it('never copies stored (masked) credentials into the form', () => {
    const v = channelFormValue(ChannelType.Wechat, {
      kind: 'mini_program',
      appId: 'wx1',
      encryption: 'plain',
    });
    expect(v.credentials).toEqual({ token: '', encodingAESKey: '', appSecret: '' });
    expect(v.settings).toEqual({
      kind: 'mini_program',
      appId: 'wx1',
      encryption: 'plain',
      apiBaseUrl: 'https://api.weixin.qq.com',
    });
  });
});

describe('channelPayload', () => {
  it('trims text and leaves out empty credentials, so an update keeps the stored ones', () => {
    const v = channelFormValue(ChannelType.Wechat, { appId: ' wx123 ' });
    v.credentials.token = '  ';
    v.credentials.appSecret = ' s3cret ';
    expect(channelPayload(ChannelType.Wechat, v)).toEqual({
      settings: {
        kind: 'official_account',
        appId: 'wx123',
        encryption: 'safe',
        apiBaseUrl: 'https://api.weixin.qq.com',
      },
      credentials: { appSecret: 's3cret' },
    });
  });

  it('sends IMAP as null when it is off and has no host, and lets an empty port take the default', () => {
    const v = channelFormValue(ChannelType.Email, {
      address: 'help@shop.cn',
      smtp: { host: 'smtp.shop.cn' },
    });
    v.settings.smtp.port = null;
    const p = channelPayload(ChannelType.Email, v);
    expect(p.settings['imap']).toBeNull();
    expect(p.settings['smtp']).toEqual({ host: 'smtp.shop.cn', secure: false, user: '' });
  });

  it('keeps IMAP settings typed in while IMAP is switched off', () => {
    const v = channelFormValue(ChannelType.Email, {
      address: 'help@shop.cn',
      smtp: { host: 'smtp.shop.cn' },
    });
    v.settings.imap.host = 'imap.shop.cn';
    v.settings.imap.mailbox = ' ';
    expect(channelPayload(ChannelType.Email, v).settings['imap']).toMatchObject({
      enabled: false,
      host: 'imap.shop.cn',
      mailbox: 'INBOX',
    });
  });
});

describe('checkChannel', () => {
  it('accepts a complete WeChat inbox in safe mode', () => {
    const v = channelFormValue(ChannelType.Wechat, { appId: 'wx123' });
    Object.assign(v.credentials, { token: 'abc123', encodingAESKey: 'a'.repeat(43), appSecret: 'secret' });
    expect(
      checkChannel(ChannelType.Wechat, channelPayload(ChannelType.Wechat, v), { mode: 'create' }),
    ).toEqual([]);
  });

  it("names every missing or malformed WeChat field on create, with the admin's wording", () => {
    const v = channelFormValue(ChannelType.Wechat, {});
    v.credentials.token = 'ab';
    const issues = checkChannel(ChannelType.Wechat, channelPayload(ChannelType.Wechat, v), {
      mode: 'create',
    });
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.key]));
    expect(byPath).toEqual({
      'settings.appId': 'validation.required',
      'credentials.token': 'inbox.fieldErrors.token',
      'credentials.appSecret': 'validation.required',
      'credentials.encodingAESKey': 'inbox.fieldErrors.encodingAESKeyRequired',
    });
  });

  it('on update, lets empty credentials keep the stored ones, but still needs a key to leave plain mode', () => {
    const v = channelFormValue(ChannelType.Wechat, { appId: 'wx123', encryption: 'safe' });
    const payload = channelPayload(ChannelType.Wechat, v);
    expect(
      checkChannel(ChannelType.Wechat, payload, {
        mode: 'update',
        stored: { token: '••••', encodingAESKey: '••••Ab12' },
      }),
    ).toEqual([]);
    expect(
      checkChannel(ChannelType.Wechat, payload, { mode: 'update', stored: { token: '••••' } }).map(
        (i) => i.path,
      ),
    ).toEqual(['credentials.encodingAESKey']);
  });

  it('reports the e-mail address, SMTP host and IMAP host by their paths', () => {
    const v = channelFormValue(ChannelType.Email, {});
    v.settings.address = 'not-an-address';
    v.settings.imap.enabled = true;
    v.settings.imap.pollSeconds = 5;
    const issues = checkChannel(ChannelType.Email, channelPayload(ChannelType.Email, v), { mode: 'create' });
    expect(issues.map((i) => [i.path, i.key, i.params])).toEqual([
      ['settings.address', 'validation.email', undefined],
      ['settings.smtp.host', 'validation.required', undefined],
      ['settings.imap.host', 'validation.required', undefined],
      ['settings.imap.pollSeconds', 'inbox.fieldErrors.min', { min: 15 }],
    ]);
  });

  it('rejects a widget colour that is not #rrggbb', () => {
    const v = channelFormValue(ChannelType.Widget);
    v.settings.color = 'red';
    expect(
      checkChannel(ChannelType.Widget, channelPayload(ChannelType.Widget, v), { mode: 'update' }),
    ).toEqual([expect.objectContaining({ path: 'settings.color', key: 'inbox.fieldErrors.color' })]);
  });
});

describe('checkField', () => {
  it('checks one control against its part of the schema', () => {
    expect(
      checkField(
        FIELD_SCHEMAS.wechatCredentials.encodingAESKey,
        'x'.repeat(42),
        'credentials.encodingAESKey',
      ),
    ).toMatchObject({
      path: 'credentials.encodingAESKey',
      key: 'inbox.fieldErrors.encodingAESKey',
    });
    expect(checkField(FIELD_SCHEMAS.emailSmtp.port, 70000, 'settings.smtp.port')).toMatchObject({
      key: 'inbox.fieldErrors.max',
      params: { max: 65535 },
    });
    expect(checkField(FIELD_SCHEMAS.widget.title, 'Help', 'settings.title')).toBeNull();
  });
});

describe('issuesFromApiError', () => {
  it('takes the issues of a body validation error as they are', () => {
    expect(
      issuesFromApiError({
        message: 'invalid body: name Too small',
        issues: [{ path: 'name', message: 'Too small' }],
      }),
    ).toEqual([{ path: 'name', message: 'Too small' }]);
  });

  it('reads the fields out of a channel check message', () => {
    const message =
      'invalid email settings: settings.smtp.host: Too small: expected string to have >=1 characters; settings.address: Invalid email address';
    expect(issuesFromApiError({ message })).toEqual([
      { path: 'settings.smtp.host', message: 'Too small: expected string to have >=1 characters' },
      { path: 'settings.address', message: 'Invalid email address' },
    ]);
    expect(
      issuesFromApiError({
        message: 'invalid wechat credentials: credentials.encodingAESKey is required in safe mode',
      }),
    ).toEqual([{ path: 'credentials.encodingAESKey', message: 'is required in safe mode' }]);
  });

  it('finds no fields in other errors', () => {
    expect(issuesFromApiError({ message: 'inbox not found' })).toEqual([]);
  });
});

describe('normaliseOrigin', () => {
  it('turns what an admin types into scheme://host[:port]', () => {
    expect(normaliseOrigin('shop.example.com')).toBe('https://shop.example.com');
    expect(normaliseOrigin(' https://Shop.Example.com/products/1?x=1 ')).toBe('https://shop.example.com');
    expect(normaliseOrigin('http://localhost:8080/')).toBe('http://localhost:8080');
  });

  it('refuses what is not a web page address', () => {
    expect(normaliseOrigin('')).toBeNull();
    expect(normaliseOrigin('javascript://alert(1)')).toBeNull();
    expect(normaliseOrigin('ftp://files.example.com')).toBeNull();
    expect(normaliseOrigin('https://user:pw@shop.example.com')).toBeNull();
    expect(normaliseOrigin('not a url')).toBeNull();
  });
});
