import { isUtf8 } from 'node:buffer';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { verify, type VerifyResult } from '../api/signature';

/**
 * The API channel's signature check on a raw mail. `sign()` hashes the body as UTF-8 text, which is
 * what the gateway's bytes are for nearly every mail (7-bit, or 8-bit UTF-8). An 8-bit mail in GBK
 * or Shift_JIS is not UTF-8: for it the HMAC over the exact bytes, `"<ts>." + body`, is also accepted,
 * which is what `openssl dgst` computes over the file.
 */
export function verifyRawMail(
  secret: string,
  headers: { signature?: string; timestamp?: string },
  raw: Buffer,
  nowMs: number,
  toleranceSeconds: number,
): VerifyResult {
  const result = verify(secret, headers, raw, nowMs, toleranceSeconds);
  if (result.ok || isUtf8(raw) || !result.reason.startsWith('signature does not match')) return result;
  const expected = Buffer.from(
    `sha256=${createHmac('sha256', secret).update(`${headers.timestamp}.`).update(raw).digest('hex')}`,
  );
  const given = Buffer.from((headers.signature ?? '').toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given) ? { ok: true } : result;
}
