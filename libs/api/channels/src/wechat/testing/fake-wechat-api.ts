import { createServer, IncomingMessage, Server } from 'node:http';

export interface FakeWechatRequest {
  method: string;
  url: string;
  body: string;
}

/**
 * WeChat's server API as a local HTTP server on 127.0.0.1, for tests driving the real client:
 * `stable_token` hands out tok-1, tok-2, …; `message/custom/send` answers errcode 40001 for a token
 * put in `revoked`; `user/info` answers with the unionid set for the OpenID (or `userInfoError`).
 * Every request is recorded.
 */
export class FakeWechatApi {
  readonly requests: FakeWechatRequest[] = [];
  readonly revoked = new Set<string>();
  readonly unionIds = new Map<string, string>();
  tokensIssued = 0;
  userInfoError: number | null = null;
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) =>
      this.handle(req, (status, body) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      }),
    );
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }

  /** Forgets the recorded requests, revoked tokens, unionids and errors (tokens keep counting). */
  reset() {
    this.requests.length = 0;
    this.revoked.clear();
    this.unionIds.clear();
    this.userInfoError = null;
  }

  /** Texts sent through the customer-service API: to whom, what, with which token. */
  sends(): { touser: string; content: string; token: string | null }[] {
    return this.requests
      .filter((r) => r.url.startsWith('/cgi-bin/message/custom/send'))
      .map((r) => {
        const body = JSON.parse(r.body) as { touser: string; text: { content: string } };
        return {
          touser: body.touser,
          content: body.text.content,
          token: new URL(r.url, 'http://fake').searchParams.get('access_token'),
        };
      });
  }

  tokenCalls(): number {
    return this.requests.filter((r) => r.url === '/cgi-bin/stable_token').length;
  }

  private handle(req: IncomingMessage, send: (status: number, body: unknown) => void) {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec = {
        method: req.method ?? '',
        url: req.url ?? '',
        body: Buffer.concat(chunks).toString('utf8'),
      };
      this.requests.push(rec);
      const url = new URL(rec.url, 'http://fake');
      const token = url.searchParams.get('access_token') ?? '';
      if (url.pathname === '/cgi-bin/stable_token')
        return send(200, { access_token: `tok-${++this.tokensIssued}`, expires_in: 7200 });
      if (this.revoked.has(token))
        return send(200, {
          errcode: 40001,
          errmsg: 'invalid credential, access_token is invalid or not latest',
        });
      if (url.pathname === '/cgi-bin/message/custom/send') return send(200, { errcode: 0, errmsg: 'ok' });
      if (url.pathname === '/cgi-bin/user/info') {
        if (this.userInfoError) return send(200, { errcode: this.userInfoError, errmsg: 'api unauthorized' });
        const openid = url.searchParams.get('openid') ?? '';
        const unionid = this.unionIds.get(openid);
        return send(200, { subscribe: 1, openid, ...(unionid ? { unionid } : {}) });
      }
      return send(404, { errcode: 404, errmsg: 'not in the fake' });
    });
  }
}
