import {
  aesKeyOf,
  decryptMessage,
  encryptMessage,
  safeEqual,
  sealReply,
  verifySignature,
  WechatAppIdError,
  WechatCryptoError,
  wechatSignature,
} from './wechat-crypto';
import { parseWechatXml } from './wechat-xml';

/**
 * Known answers from Tencent's published WXBizMsgCrypt samples (the same vectors ship with the C#,
 * Java, Python and PHP samples and the WeCom "加解密方案" page).
 */
const SAMPLE = {
  token: 'QDG6eK',
  encodingAESKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  appId: 'wx5823bf96d3bd56c7',
  // DecryptMsg sample: POST ?msg_signature=…&timestamp=1409659813&nonce=1372623149
  push: {
    msgSignature: '477715d11cdb4164915debcba66cb864d751f3e6',
    timestamp: '1409659813',
    nonce: '1372623149',
    encrypt:
      'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
  },
  // VerifyURL sample: GET ?msg_signature=…&timestamp=1409659589&nonce=263014780&echostr=…
  url: {
    msgSignature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
    timestamp: '1409659589',
    nonce: '263014780',
    echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
  },
};

/** The Official Account platform's own sample (token "spamtest"), a compatible-mode push. */
const MP_SAMPLE = {
  token: 'spamtest',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wx2c2769f8efd9abc2',
  timestamp: '1409735669',
  nonce: '1320562132',
  msgSignature: '5d197aaffba7e9b25a30732f161a50dee96bd5fa',
  encrypt:
    'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=',
};

/** The Java sample's fixed-random encryption ("pamtest"): random prefix aaaabbbbccccdddd. */
const JAVA_SAMPLE = {
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wxb11529c136998cb6',
  random: Buffer.from('aaaabbbbccccdddd'),
  message: '我是中文abcd123',
  encrypted: 'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==',
};

describe('WeChat message crypto', () => {
  describe('known answers (Tencent samples)', () => {
    it('computes the sample msg_signature of a push and of the URL check', () => {
      const { token, push, url } = SAMPLE;
      expect(wechatSignature(token, push.timestamp, push.nonce, push.encrypt)).toBe(push.msgSignature);
      expect(wechatSignature(token, url.timestamp, url.nonce, url.echostr)).toBe(url.msgSignature);
      expect(verifySignature(push.msgSignature, token, push.timestamp, push.nonce, push.encrypt)).toBe(true);
    });

    it('decrypts the sample push to its XML and checks the appid', () => {
      const xml = decryptMessage(SAMPLE.push.encrypt, SAMPLE.encodingAESKey, SAMPLE.appId);
      const fields = parseWechatXml(xml);
      expect(fields).toMatchObject({
        ToUserName: SAMPLE.appId,
        FromUserName: 'mycreate',
        MsgType: 'text',
        Content: 'hello',
        MsgId: '4561255354251345929',
      });
    });

    it('decrypts the sample echostr of the URL check', () => {
      expect(decryptMessage(SAMPLE.url.echostr, SAMPLE.encodingAESKey, SAMPLE.appId)).toBe(
        '1616140317555161061',
      );
    });

    it('verifies and decrypts the Official Account sample push', () => {
      const s = MP_SAMPLE;
      expect(verifySignature(s.msgSignature, s.token, s.timestamp, s.nonce, s.encrypt)).toBe(true);
      const fields = parseWechatXml(decryptMessage(s.encrypt, s.encodingAESKey, s.appId));
      expect(fields).toMatchObject({
        FromUserName: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs',
        Content: 'abcdteT',
        MsgId: '6054768590064713728',
      });
    });

    it('encrypts exactly as the Java sample with its fixed random prefix', () => {
      const s = JAVA_SAMPLE;
      expect(encryptMessage(s.message, s.encodingAESKey, s.appId, s.random)).toBe(s.encrypted);
    });
  });

  it('round-trips any text, Chinese and multi-block, with a random prefix each time', () => {
    const msg = `<xml><Content><![CDATA[${'您好，请问订单到哪了？'.repeat(40)}]]></Content></xml>`;
    const a = encryptMessage(msg, SAMPLE.encodingAESKey, SAMPLE.appId);
    const b = encryptMessage(msg, SAMPLE.encodingAESKey, SAMPLE.appId);
    expect(a).not.toBe(b);
    expect(decryptMessage(a, SAMPLE.encodingAESKey, SAMPLE.appId)).toBe(msg);
    expect(Buffer.from(a, 'base64').length % 32).toBe(0);
  });

  it('pads to 32-byte blocks: a plaintext of exactly 32 bytes gets a whole block of padding', () => {
    // 16 random + 4 length + 2 message + 10 appid = 32 bytes
    const enc = encryptMessage('hi', SAMPLE.encodingAESKey, 'wx12345678');
    expect(Buffer.from(enc, 'base64').length).toBe(64);
    expect(decryptMessage(enc, SAMPLE.encodingAESKey, 'wx12345678')).toBe('hi');
  });

  it('refuses a message encrypted for another appid', () => {
    const enc = encryptMessage('<xml/>', SAMPLE.encodingAESKey, 'wx0000000000000000');
    expect(() => decryptMessage(enc, SAMPLE.encodingAESKey, SAMPLE.appId)).toThrow(WechatAppIdError);
    // A prefix of the right appid is not the right appid either.
    const longer = encryptMessage('<xml/>', SAMPLE.encodingAESKey, `${SAMPLE.appId}x`);
    expect(() => decryptMessage(longer, SAMPLE.encodingAESKey, SAMPLE.appId)).toThrow(WechatAppIdError);
  });

  it('refuses tampered ciphertext, a wrong key and input that is not ciphertext', () => {
    const enc = Buffer.from(
      encryptMessage('<xml><A>1</A></xml>', SAMPLE.encodingAESKey, SAMPLE.appId),
      'base64',
    );
    enc[enc.length - 1] ^= 0x55; // the last block decrypts to garbage: its padding is wrong
    expect(() => decryptMessage(enc.toString('base64'), SAMPLE.encodingAESKey, SAMPLE.appId)).toThrow(
      WechatCryptoError,
    );
    expect(() => decryptMessage(SAMPLE.push.encrypt, MP_SAMPLE.encodingAESKey, SAMPLE.appId)).toThrow(
      WechatCryptoError,
    );
    expect(() => decryptMessage('not base64!', SAMPLE.encodingAESKey, SAMPLE.appId)).toThrow(/base64/);
    expect(() =>
      decryptMessage(Buffer.alloc(20).toString('base64'), SAMPLE.encodingAESKey, SAMPLE.appId),
    ).toThrow(/whole AES blocks/);
  });

  it('rejects a changed Encrypt, timestamp, nonce or token, and malformed signatures', () => {
    const { token, push } = SAMPLE;
    const ok = [push.timestamp, push.nonce, push.encrypt] as const;
    expect(
      verifySignature(push.msgSignature, token, push.timestamp, push.nonce, push.encrypt.replace('R', 'S')),
    ).toBe(false);
    expect(verifySignature(push.msgSignature, token, '1409659814', push.nonce, push.encrypt)).toBe(false);
    expect(verifySignature(push.msgSignature, token, push.timestamp, '1', push.encrypt)).toBe(false);
    expect(verifySignature(push.msgSignature, 'other', ...ok)).toBe(false);
    expect(verifySignature(push.msgSignature.toUpperCase(), token, ...ok)).toBe(true);
    expect(verifySignature(push.msgSignature.slice(0, 39), token, ...ok)).toBe(false);
    expect(verifySignature(undefined, token, ...ok)).toBe(false);
  });

  it('compares in constant time only equal lengths', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });

  it('rejects an EncodingAESKey that is not 43 characters of base64', () => {
    expect(() => aesKeyOf('short')).toThrow(/43 characters/);
    expect(aesKeyOf(SAMPLE.encodingAESKey)).toHaveLength(32);
  });

  it('seals a reply with a fresh timestamp and nonce under a matching msg_signature', () => {
    const creds = { token: SAMPLE.token, encodingAESKey: SAMPLE.encodingAESKey, appId: SAMPLE.appId };
    const sealed = sealReply('<xml><Content>好的</Content></xml>', creds, 1_763_700_000_000);
    expect(sealed.timestamp).toBe('1763700000');
    expect(sealed.nonce).toMatch(/^\d+$/);
    expect(sealed.signature).toBe(
      wechatSignature(creds.token, sealed.timestamp, sealed.nonce, sealed.encrypt),
    );
    expect(decryptMessage(sealed.encrypt, creds.encodingAESKey, creds.appId)).toBe(
      '<xml><Content>好的</Content></xml>',
    );
  });
});
