import { InboxDto, WebhookDto } from '@kefu/shared/contracts';
import { verify } from '@kefu/api/channels';
import { createTestApp, FakeHttpServer, RecordedRequest, TestApp } from '@kefu/api/platform/testing';
import { AppModule } from './app.module';
import { adminCookie, createInbox, postSigned, resetApp } from './test-helpers';

export const ALL_EVENTS = [
  'message.created',
  'conversation.handoff',
  'conversation.status_changed',
  'conversation.resolved',
];

/**
 * The real app with a webhook receiver on 127.0.0.1 for the webhook integration tests: the receiver answers
 * each path as `answers[path](n)` says (200 by default) and records every request.
 */
export class WebhookKit {
  t!: TestApp;
  cookie = '';
  inbox!: InboxDto;
  base = '';
  readonly receiver = new FakeHttpServer();
  /** Per path: how the receiver answers its n-th request there. */
  answers: Record<string, (n: number) => number> = {};

  async start(): Promise<void> {
    this.base = await this.receiver.start();
    this.receiver.respondWith((req) => {
      const n = this.at(req.url).length - 1;
      return { status: (this.answers[req.url] ?? (() => 200))(n) };
    });
    // Three tries with a 50 ms backoff (the test config) keep the retry tests short.
    this.t = await createTestApp((c) => AppModule.forRoot(c), {
      WEBHOOK_MAX_ATTEMPTS: '3',
      WEBHOOK_TIMEOUT_MS: '2000',
    });
  }

  async stop(): Promise<void> {
    await this.t.close();
    await this.receiver.stop();
  }

  /** An empty database, an admin session and one API inbox without a callback URL. */
  async reset(): Promise<void> {
    await resetApp(this.t);
    this.receiver.requests.length = 0;
    this.answers = {};
    this.cookie = await adminCookie(this.t);
    this.inbox = await createInbox(this.t, this.cookie, { name: 'Shop app' });
  }

  at(path: string): RecordedRequest[] {
    return this.receiver.requests.filter((r) => r.url === path);
  }

  async call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    as = this.cookie,
  ): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.t.url}${path}`, {
      method,
      headers: { cookie: as, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async createWebhook(path: string, events = ALL_EVENTS): Promise<WebhookDto> {
    const res = await this.call<WebhookDto>('POST', '/api/v1/webhooks', {
      name: `hook ${path}`,
      url: `${this.base}${path}`,
      events,
    });
    if (res.status !== 201) throw new Error(`create webhook: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Checks the signature and the delivery id of one received webhook, and returns its body. */
  verified(r: RecordedRequest, secret: string) {
    const check = verify(
      secret,
      {
        signature: r.headers['x-kefu-signature'] as string,
        timestamp: r.headers['x-kefu-timestamp'] as string,
      },
      r.body,
      Date.now(),
      300,
    );
    expect(check).toEqual({ ok: true });
    const body = JSON.parse(r.body);
    expect(r.headers['x-kefu-delivery']).toBe(body.id);
    expect(r.headers['x-kefu-event']).toBe(body.event);
    return body;
  }

  /** A shopper message pushed to the API inbox, signed. */
  say(user: string, id: string, text: string): Promise<Response> {
    return postSigned(this.t, this.inbox, { externalMessageId: id, externalUserId: user, text });
  }
}
