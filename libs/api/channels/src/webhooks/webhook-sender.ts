import { Inject, Injectable } from '@nestjs/common';
import { DELIVERY_ID_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '@kefu/shared/contracts';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { sign } from '../api/signature';

export interface SendResult {
  ok: boolean;
  /** The receiver's HTTP status; null when it could not be reached or did not answer in time. */
  status: number | null;
  /** Why it failed, for the dead-letter list: never the body sent or received. */
  error: string | null;
  durationMs: number;
}

/**
 * POSTs one signed webhook body, exactly like the API channel's callbacks: X-Kefu-Timestamp,
 * X-Kefu-Signature (`sha256=` HMAC of "<timestamp>.<raw body>" under the webhook's secret) and
 * X-Kefu-Delivery (the delivery id, for the receiver's dedupe). 2xx is success; redirects are not
 * followed; anything else, or no answer within WEBHOOK_TIMEOUT_MS, is a failure.
 */
@Injectable()
export class WebhookSender {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async send(
    target: { url: string; secret: string },
    delivery: { id: string; event: string },
    body: string,
  ): Promise<SendResult> {
    const started = performance.now();
    const timestamp = String(Math.floor(Date.now() / 1000));
    const done = (r: Omit<SendResult, 'durationMs'>): SendResult => ({
      ...r,
      durationMs: Math.round(performance.now() - started),
    });
    let res: Response;
    try {
      res = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Kefu-Webhook/1',
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: sign(target.secret, timestamp, body),
          [DELIVERY_ID_HEADER]: delivery.id,
          [EVENT_HEADER]: delivery.event,
        },
        body,
        signal: AbortSignal.timeout(this.config.WEBHOOK_TIMEOUT_MS),
        redirect: 'manual',
      });
    } catch (e) {
      return done({
        ok: false,
        status: null,
        error: describeFetchError(e as Error, this.config.WEBHOOK_TIMEOUT_MS),
      });
    }
    await res.body?.cancel().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return done({ ok: true, status: res.status, error: null });
    const redirect =
      res.status >= 300 && res.status < 400 ? ' (redirects are not followed: use the final URL)' : '';
    return done({
      ok: false,
      status: res.status,
      error: `the receiver answered HTTP ${res.status}${redirect}`,
    });
  }
}

function describeFetchError(err: Error, timeoutMs: number): string {
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const cause = (err as Error & { cause?: { code?: string; message?: string } }).cause;
  const why = cause?.code ?? cause?.message ?? err.message;
  return `the receiver could not be reached (${why})`;
}
