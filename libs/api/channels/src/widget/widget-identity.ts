import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Who is on the other end of a widget socket or upload, and how the server knows:
 * - an anonymous visitor holds a random token the server issued (32 bytes, base64url); the server
 *   stores only its SHA-256, as the identity `visitor:<hash>`;
 * - a logged-in shopper arrives with `hash` = hex HMAC-SHA256(inbox secret, userId), computed by the
 *   shop's server; the identity is `user:<userId>`, the same on every device. For uploads such a
 *   shopper gets a signed upload token (`u.<userId b64url>.<expiry>.<mac>`), valid for 30 days.
 */

const VISITOR_TOKEN = /^[A-Za-z0-9_-]{43}$/;
const USER_TOKEN = /^u\.([A-Za-z0-9_-]{1,400})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;
const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;
export const USER_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

export interface WidgetIdentity {
  /** The identity's external id on the inbox: `visitor:<sha256>` or `user:<userId>`. */
  externalUserId: string;
  verified: boolean;
  /** The shop's user id, for verified shoppers. */
  userId?: string;
}

export const hmacHex = (secret: string, value: string) => createHmac('sha256', secret).update(value, 'utf8').digest('hex');

/** Constant-time equality of two strings (false when their lengths differ). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** True when `hash` is hex HMAC-SHA256(secret, value), compared in constant time (case-insensitive hex). */
export function verifySignedValue(secret: string, value: string, hash: string | undefined | null): boolean {
  if (!hash || !HEX_SHA256.test(hash)) return false;
  return safeEqual(hmacHex(secret, value), hash.toLowerCase());
}

export function newVisitorToken(): string {
  return randomBytes(32).toString('base64url');
}

export const isVisitorToken = (token: unknown): token is string => typeof token === 'string' && VISITOR_TOKEN.test(token);

export function visitorIdentity(token: string): WidgetIdentity {
  return { externalUserId: `visitor:${createHash('sha256').update(token).digest('base64url')}`, verified: false };
}

export function userIdentity(userId: string): WidgetIdentity {
  return { externalUserId: `user:${userId}`, verified: true, userId };
}

const userTokenMac = (secret: string, userId: string, expiry: number) =>
  createHmac('sha256', secret).update(`kefu-widget-user-token:${userId}:${expiry}`, 'utf8').digest('base64url');

/** The upload token of a verified shopper (sent as `visitorToken` in their `session`). */
export function issueUserToken(secret: string, userId: string, nowMs = Date.now()): string {
  const expiry = Math.floor(nowMs / 1000) + USER_TOKEN_TTL_SECONDS;
  return `u.${Buffer.from(userId, 'utf8').toString('base64url')}.${expiry}.${userTokenMac(secret, userId, expiry)}`;
}

export const looksLikeUserToken = (token: unknown): boolean => typeof token === 'string' && token.startsWith('u.');

/** The shop user id a user token was issued for, or null when it is forged, tampered with or expired. */
export function verifyUserToken(secret: string, token: string, nowMs = Date.now()): string | null {
  const m = USER_TOKEN.exec(token);
  if (!m) return null;
  const userId = Buffer.from(m[1], 'base64url').toString('utf8');
  const expiry = Number(m[2]);
  if (!userId || expiry * 1000 < nowMs) return null;
  return safeEqual(userTokenMac(secret, userId, expiry), m[3]) ? userId : null;
}

/**
 * The identity behind an `X-Kefu-Visitor` header: an anonymous visitor's token, or a verified
 * shopper's upload token. Null when the header is missing, malformed, forged or expired.
 */
export function identityFromToken(secret: string, token: string | undefined, nowMs = Date.now()): WidgetIdentity | null {
  if (!token) return null;
  if (isVisitorToken(token)) return visitorIdentity(token);
  const userId = looksLikeUserToken(token) ? verifyUserToken(secret, token, nowMs) : null;
  return userId ? userIdentity(userId) : null;
}

/**
 * Whether a page at `origin` may use the widget: any page when the list is empty; otherwise one of
 * the listed origins (compared as scheme://host:port), or the Kefu server itself (its /demo page).
 */
export function originAllowed(allowed: readonly string[], origin: string | undefined, host: string | undefined): boolean {
  if (!allowed.length) return true;
  const o = normaliseOrigin(origin);
  if (!o) return false;
  if (host && new URL(o).host === host.toLowerCase()) return true;
  return allowed.some((a) => normaliseOrigin(a) === o);
}

function normaliseOrigin(value: string | undefined): string | null {
  if (!value || value === 'null') return null;
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}
