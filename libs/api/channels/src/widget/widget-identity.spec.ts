import { createHmac } from 'node:crypto';
import {
  identityFromToken,
  issueUserToken,
  newVisitorToken,
  originAllowed,
  USER_TOKEN_TTL_SECONDS,
  verifySignedValue,
  verifyUserToken,
  visitorIdentity,
} from './widget-identity';

const SECRET = 'inbox-secret-for-tests';
const sign = (value: string, secret = SECRET) => createHmac('sha256', secret).update(value).digest('hex');

describe('widget identity', () => {
  describe('the shop-signed user id (HMAC)', () => {
    it('accepts hex HMAC-SHA256(inbox secret, userId), in either hex case', () => {
      expect(verifySignedValue(SECRET, 'C10023', sign('C10023'))).toBe(true);
      expect(verifySignedValue(SECRET, 'C10023', sign('C10023').toUpperCase())).toBe(true);
    });

    it('refuses a hash of another user id, of another secret, truncated, non-hex or missing', () => {
      expect(verifySignedValue(SECRET, 'C10023', sign('C10024'))).toBe(false);
      expect(verifySignedValue(SECRET, 'C10023', sign('C10023', 'other-secret'))).toBe(false);
      expect(verifySignedValue(SECRET, 'C10023', sign('C10023').slice(0, 63))).toBe(false);
      expect(verifySignedValue(SECRET, 'C10023', 'z'.repeat(64))).toBe(false);
      expect(verifySignedValue(SECRET, 'C10023', undefined)).toBe(false);
      expect(verifySignedValue(SECRET, 'C10023', '')).toBe(false);
    });

    it('signs the exact user id: whitespace or case changes are another user', () => {
      expect(verifySignedValue(SECRET, 'c10023', sign('C10023'))).toBe(false);
      expect(verifySignedValue(SECRET, 'C10023 ', sign('C10023'))).toBe(false);
    });
  });

  describe('visitor tokens', () => {
    it('issues 32 random bytes and keeps only their hash in the identity', () => {
      const a = newVisitorToken();
      expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(newVisitorToken()).not.toBe(a);
      const id = visitorIdentity(a);
      expect(id).toEqual({ externalUserId: expect.stringMatching(/^visitor:[A-Za-z0-9_-]{43}$/), verified: false });
      expect(id.externalUserId).not.toContain(a);
      expect(visitorIdentity(a)).toEqual(id);
    });

    it('maps an upload header to the visitor, and refuses missing or malformed ones', () => {
      const t = newVisitorToken();
      expect(identityFromToken(SECRET, t)).toEqual(visitorIdentity(t));
      expect(identityFromToken(SECRET, undefined)).toBeNull();
      expect(identityFromToken(SECRET, 'not-a-token')).toBeNull();
      expect(identityFromToken(SECRET, `${t}x`)).toBeNull();
    });
  });

  describe('upload tokens of verified shoppers', () => {
    it('round-trips the user id, also one with dots and non-ASCII characters', () => {
      for (const userId of ['C10023', 'a.b.c', '李雷']) {
        const token = issueUserToken(SECRET, userId);
        expect(verifyUserToken(SECRET, token)).toBe(userId);
        expect(identityFromToken(SECRET, token)).toEqual({ externalUserId: `user:${userId}`, verified: true, userId });
      }
    });

    it('refuses a token for another user id, of another secret, or expired', () => {
      const token = issueUserToken(SECRET, 'C10023');
      const [, , expiry, mac] = token.split('.');
      const forged = `u.${Buffer.from('C99999').toString('base64url')}.${expiry}.${mac}`;
      expect(verifyUserToken(SECRET, forged)).toBeNull();
      expect(verifyUserToken('rotated-secret', token)).toBeNull();
      const later = Date.now() + (USER_TOKEN_TTL_SECONDS + 60) * 1000;
      expect(verifyUserToken(SECRET, token, later)).toBeNull();
      expect(identityFromToken(SECRET, forged)).toBeNull();
    });
  });

  describe('allowed origins', () => {
    const list = ['https://shop.example.com', 'http://localhost:4200/'];
    it('lets any page in when the list is empty', () => {
      expect(originAllowed([], undefined, undefined)).toBe(true);
      expect(originAllowed([], 'https://evil.example', 'kefu.example.com')).toBe(true);
    });
    it('compares scheme, host and port exactly', () => {
      expect(originAllowed(list, 'https://shop.example.com', 'kefu.example.com')).toBe(true);
      expect(originAllowed(list, 'http://localhost:4200', 'kefu.example.com')).toBe(true);
      expect(originAllowed(list, 'http://shop.example.com', 'kefu.example.com')).toBe(false);
      expect(originAllowed(list, 'https://shop.example.com.evil.io', 'kefu.example.com')).toBe(false);
      expect(originAllowed(list, 'http://localhost:4201', 'kefu.example.com')).toBe(false);
    });
    it('refuses a missing or opaque origin, and admits Kefu’s own pages', () => {
      expect(originAllowed(list, undefined, 'kefu.example.com')).toBe(false);
      expect(originAllowed(list, 'null', 'kefu.example.com')).toBe(false);
      expect(originAllowed(list, 'https://kefu.example.com', 'kefu.example.com')).toBe(true);
    });
  });
});
