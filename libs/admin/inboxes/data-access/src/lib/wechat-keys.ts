/** Random bytes; the browser's (and Node's) Web Crypto by default, replaceable in tests. */
export type RandomBytes = (length: number) => Uint8Array;

const webCryptoBytes: RandomBytes = (length) => globalThis.crypto.getRandomValues(new Uint8Array(length));

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A new EncodingAESKey as the WeChat console makes them: 32 random bytes in base64 without the
 * trailing `=`, i.e. 43 characters of `A–Z a–z 0–9 + /`. WeChat decodes it (with `=` added) to the
 * AES-256 key.
 */
export function generateEncodingAESKey(random: RandomBytes = webCryptoBytes): string {
  const bytes = random(32);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/=+$/, '');
}

/** A new URL token: 32 letters and digits, drawn without modulo bias. */
export function generateWechatToken(random: RandomBytes = webCryptoBytes, length = 32): string {
  let out = '';
  while (out.length < length) {
    for (const b of random(length * 2)) {
      // 248 = 4 × 62: bytes at or above it would favour the first characters.
      if (b < 248 && out.length < length) out += ALPHANUMERIC[b % 62];
    }
  }
  return out;
}

/** The URL to paste into the WeChat console (server configuration / message push). */
export function wechatCallbackUrl(origin: string, inboxId: string): string {
  return `${trimOrigin(origin)}/api/v1/channels/wechat/${encodeURIComponent(inboxId)}`;
}

export function trimOrigin(origin: string): string {
  return origin.replace(/\/+$/, '');
}
