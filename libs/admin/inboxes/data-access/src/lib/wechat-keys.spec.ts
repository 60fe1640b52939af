import { wechatCredentialsSchema } from '@kefu/shared/contracts';
import { generateEncodingAESKey, generateWechatToken, wechatCallbackUrl } from './wechat-keys';

describe('generateEncodingAESKey', () => {
  it('makes 43 base64 characters that decode to a 32-byte AES key, as WeChat expects', () => {
    for (let i = 0; i < 50; i++) {
      const key = generateEncodingAESKey();
      expect(key).toMatch(/^[A-Za-z0-9+/]{43}$/);
      expect(Buffer.from(`${key}=`, 'base64')).toHaveLength(32);
      expect(wechatCredentialsSchema.shape.encodingAESKey.safeParse(key).success).toBe(true);
    }
  });

  it('encodes the random bytes it is given', () => {
    const bytes = Uint8Array.from({ length: 32 }, (_, i) => i * 8);
    const key = generateEncodingAESKey(() => bytes);
    expect(Buffer.from(`${key}=`, 'base64')).toEqual(Buffer.from(bytes));
  });

  it('differs every time', () => {
    expect(new Set(Array.from({ length: 20 }, () => generateEncodingAESKey())).size).toBe(20);
  });
});

describe('generateWechatToken', () => {
  it('makes a 32-character token of letters and digits the WeChat console accepts', () => {
    const token = generateWechatToken();
    expect(token).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(wechatCredentialsSchema.shape.token.safeParse(token).success).toBe(true);
  });

  it('skips bytes that would bias the alphabet', () => {
    let call = 0;
    const token = generateWechatToken(
      (n) => (call++ === 0 ? new Uint8Array(n).fill(250) : Uint8Array.from({ length: n }, (_, i) => i)),
      4,
    );
    expect(token).toBe('ABCD');
  });
});

describe('wechatCallbackUrl', () => {
  it('is the WeChat route of this server for the inbox', () => {
    expect(wechatCallbackUrl('https://kefu.shop.cn/', 'abc')).toBe(
      'https://kefu.shop.cn/api/v1/channels/wechat/abc',
    );
  });
});
