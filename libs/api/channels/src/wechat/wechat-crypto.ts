import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
  randomInt,
  timingSafeEqual,
} from 'node:crypto';

/**
 * WeChat's message signing and encryption (the WXBizMsgCrypt scheme used by Official Accounts,
 * Mini Programs and WeCom):
 * - `signature` = sha1 of the lexically sorted [token, timestamp, nonce] joined; `msg_signature` adds
 *   the Encrypt field to the list;
 * - the AES key is base64(EncodingAESKey + '=') (32 bytes), AES-256-CBC with the key's first 16 bytes
 *   as IV and PKCS#7 padding to 32-byte blocks;
 * - the plaintext is 16 random bytes, the message length (4 bytes, big-endian), the message, the appid.
 */

export class WechatCryptoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WechatCryptoError';
  }
}

const BLOCK = 32;

/** sha1 hex of the parts sorted as strings and joined (WeChat's `signature` and `msg_signature`). */
export function wechatSignature(...parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

/** Constant-time equality of two strings (false when their lengths differ). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Whether `given` is the signature of the parts (hex, either case), compared in constant time. */
export function verifySignature(given: string | undefined, ...parts: string[]): boolean {
  if (!given || !/^[0-9a-f]{40}$/i.test(given)) return false;
  return safeEqual(wechatSignature(...parts), given.toLowerCase());
}

/** The 32-byte AES key of a 43-character EncodingAESKey. */
export function aesKeyOf(encodingAESKey: string): Buffer {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAESKey))
    throw new WechatCryptoError('the EncodingAESKey must be 43 characters of base64');
  const key = Buffer.from(`${encodingAESKey}=`, 'base64');
  if (key.length !== 32) throw new WechatCryptoError('the EncodingAESKey does not decode to 32 bytes');
  return key;
}

/** Encrypts a message for `appId`; `random` (16 bytes) is only fixed by known-answer tests. */
export function encryptMessage(
  message: string,
  encodingAESKey: string,
  appId: string,
  random: Buffer = randomBytes(16),
): string {
  if (random.length !== 16) throw new WechatCryptoError('the random prefix is 16 bytes');
  const key = aesKeyOf(encodingAESKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const plain = Buffer.concat([random, length, body, Buffer.from(appId, 'utf8')]);
  const pad = BLOCK - (plain.length % BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([
    cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])),
    cipher.final(),
  ]).toString('base64');
}

/**
 * Decrypts an Encrypt field and checks that it was meant for `expectedAppId` (constant-time).
 * Throws WechatCryptoError naming what is wrong: not base64, not whole blocks, bad padding or
 * length (a wrong EncodingAESKey), or another appid.
 */
export function decryptMessage(encrypted: string, encodingAESKey: string, expectedAppId: string): string {
  const key = aesKeyOf(encodingAESKey);
  const data = Buffer.from(encrypted, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encrypted) || data.length === 0 || data.length % 16 !== 0) {
    throw new WechatCryptoError('Encrypt is not base64 of whole AES blocks');
  }
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(data), decipher.final()]);
  const pad = plain[plain.length - 1];
  if (
    pad < 1 ||
    pad > BLOCK ||
    pad > plain.length ||
    !plain.subarray(plain.length - pad).every((b) => b === pad)
  ) {
    throw new WechatCryptoError('Encrypt does not decrypt with this EncodingAESKey (bad padding)');
  }
  const content = plain.subarray(0, plain.length - pad);
  if (content.length < 20)
    throw new WechatCryptoError('Encrypt does not decrypt with this EncodingAESKey (too short)');
  const length = content.readUInt32BE(16);
  if (20 + length > content.length)
    throw new WechatCryptoError('Encrypt does not decrypt with this EncodingAESKey (bad length)');
  const appId = content.subarray(20 + length).toString('utf8');
  if (!safeEqual(appId, expectedAppId)) throw new WechatAppIdError();
  return content.subarray(20, 20 + length).toString('utf8');
}

/** The message decrypted fine but was encrypted for another app. */
export class WechatAppIdError extends WechatCryptoError {
  constructor() {
    super("the message was encrypted for another appid than this inbox's settings.appId");
    this.name = 'WechatAppIdError';
  }
}

/** A fresh nonce as WeChat sends them (digits). */
export const newNonce = (): string => String(randomInt(100_000_000, 2_147_483_647));

/** An encrypted reply's envelope fields: Encrypt, a fresh timestamp and nonce, and msg_signature. */
export function sealReply(
  message: string,
  creds: { token: string; encodingAESKey: string; appId: string },
  nowMs = Date.now(),
): { encrypt: string; signature: string; timestamp: string; nonce: string } {
  const encrypt = encryptMessage(message, creds.encodingAESKey, creds.appId);
  const timestamp = String(Math.floor(nowMs / 1000));
  const nonce = newNonce();
  return { encrypt, timestamp, nonce, signature: wechatSignature(creds.token, timestamp, nonce, encrypt) };
}
