import { createHmac } from 'node:crypto';
import { sign, verify } from './signature';

const secret = 'test-secret';
const body = '{"externalMessageId":"m1","externalUserId":"u1","text":"在吗"}';
const now = 1_763_700_000_000;
const ts = String(now / 1000);

describe('API channel signature', () => {
  it('is HMAC-SHA256 of "<timestamp>.<raw body>" under the inbox secret (known answer)', () => {
    const expected = createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');
    expect(sign(secret, ts, body)).toBe(`sha256=${expected}`);
  });

  it('accepts a correct signature, in either hex case', () => {
    expect(verify(secret, { signature: sign(secret, ts, body), timestamp: ts }, body, now, 300)).toEqual({ ok: true });
    expect(verify(secret, { signature: sign(secret, ts, body).toUpperCase().replace('SHA256', 'sha256'), timestamp: ts }, body, now, 300).ok).toBe(true);
  });

  it('rejects a changed body, a wrong secret and a missing header', () => {
    const sig = sign(secret, ts, body);
    expect(verify(secret, { signature: sig, timestamp: ts }, body + ' ', now, 300).ok).toBe(false);
    expect(verify('other', { signature: sig, timestamp: ts }, body, now, 300).ok).toBe(false);
    expect(verify(secret, { timestamp: ts }, body, now, 300)).toMatchObject({ ok: false, reason: expect.stringMatching(/X-Kefu-Signature/) });
  });

  it('rejects a timestamp more than five minutes away, and a replay with a new timestamp', () => {
    const old = String(now / 1000 - 301);
    expect(verify(secret, { signature: sign(secret, old, body), timestamp: old }, body, now, 300)).toMatchObject({ ok: false, reason: expect.stringMatching(/300 s/) });
    expect(verify(secret, { signature: sign(secret, ts, body), timestamp: String(now / 1000 + 1) }, body, now, 300).ok).toBe(false);
  });
});
