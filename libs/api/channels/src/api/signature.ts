import { createHmac, timingSafeEqual } from 'node:crypto';
import { signaturePayload } from '@kefu/shared/contracts';

/** `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>` */
export function sign(secret: string, timestamp: string | number, rawBody: string | Buffer): string {
  const body = typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8');
  return `sha256=${createHmac('sha256', secret).update(signaturePayload(timestamp, body)).digest('hex')}`;
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

/** Checks a push's signature in constant time and its timestamp against the tolerance window. */
export function verify(
  secret: string,
  headers: { signature?: string; timestamp?: string },
  rawBody: Buffer | string,
  nowMs: number,
  toleranceSeconds: number,
): VerifyResult {
  const { signature, timestamp } = headers;
  if (!timestamp || !/^\d{9,11}$/.test(timestamp)) return { ok: false, reason: 'missing or malformed X-Kefu-Timestamp (unix seconds)' };
  if (!signature || !/^sha256=[0-9a-f]{64}$/i.test(signature)) return { ok: false, reason: 'missing or malformed X-Kefu-Signature (sha256=<hex>)' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > toleranceSeconds) {
    return { ok: false, reason: `X-Kefu-Timestamp is more than ${toleranceSeconds} s from the server clock` };
  }
  const expected = Buffer.from(sign(secret, timestamp, rawBody).toLowerCase());
  const given = Buffer.from(signature.toLowerCase());
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'signature does not match: sign "<timestamp>.<raw body>" with the inbox secret' };
  }
  return { ok: true };
}
