/**
 * Signing scheme shared by inbound pushes (API channel) and outbound webhooks:
 *   X-Kefu-Timestamp: <unix seconds>
 *   X-Kefu-Signature: sha256=<hex HMAC-SHA256(secret, `${timestamp}.${rawBody}`)>
 * The timestamp must be within 5 minutes of the receiver's clock.
 */
export const SIGNATURE_HEADER = 'x-kefu-signature';
export const TIMESTAMP_HEADER = 'x-kefu-timestamp';
export const DELIVERY_ID_HEADER = 'x-kefu-delivery';
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function signaturePayload(timestamp: string | number, rawBody: string): string {
  return `${timestamp}.${rawBody}`;
}
