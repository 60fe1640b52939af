import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import type { WechatInbox } from './wechat-inbox';

/** WeChat answered with an errcode other than 0, or not at all. */
export class WechatApiError extends Error {
  constructor(
    message: string,
    readonly errcode?: number,
  ) {
    super(message);
    this.name = 'WechatApiError';
  }
}

/** errcodes that mean "this access token is no longer good": refresh it once and try again. */
const TOKEN_ERRORS = new Set([40001, 42001, 40014]);

/** What the common errcodes mean for the operator. */
const HINTS: Record<number, string> = {
  40001: 'the access token or the AppSecret is wrong',
  40013: 'the AppID is wrong',
  40125: 'the AppSecret is wrong',
  40164: "this server's IP address is not on the account's IP whitelist",
  40003: 'the OpenID does not belong to this account',
  45015: 'the shopper has not written in the last 48 hours, so customer-service messages are refused',
  45047: 'more than 20 customer-service messages since the shopper last wrote',
  48001: 'the account has no permission for this API',
  89503: 'the call needs admin confirmation in the WeChat console',
};

interface CachedToken {
  token: string;
  /** ms since epoch after which it is fetched again (a little before WeChat's expiry). */
  refreshAt: number;
}

/**
 * The WeChat server API an inbox talks to: the stable access token (cached per inbox and credential
 * until shortly before it expires, fetched once at a time), customer-service messages and user info.
 * Every call is bounded by WECHAT_TIMEOUT_MS; a token WeChat calls invalid or expired is refreshed once.
 */
@Injectable()
export class WechatApiClient {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly fetching = new Map<string, Promise<string>>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** POST /cgi-bin/message/custom/send: one text message to the shopper. */
  async sendText(inbox: WechatInbox, openId: string, content: string): Promise<void> {
    await this.withToken(inbox, 'message/custom/send', (token) =>
      this.request(inbox, 'POST', `/cgi-bin/message/custom/send?access_token=${encodeURIComponent(token)}`, {
        touser: openId,
        msgtype: 'text',
        text: { content },
      }),
    );
  }

  /** GET /cgi-bin/user/info (Official Accounts): the shopper's unionid, when the account is bound to an Open Platform. */
  async unionId(inbox: WechatInbox, openId: string): Promise<string | null> {
    const info = await this.withToken(inbox, 'user/info', (token) =>
      this.request(
        inbox,
        'GET',
        `/cgi-bin/user/info?access_token=${encodeURIComponent(token)}&openid=${encodeURIComponent(openId)}&lang=zh_CN`,
      ),
    );
    return typeof info['unionid'] === 'string' && info['unionid'] ? info['unionid'] : null;
  }

  /** The cached access token, or a new one from POST /cgi-bin/stable_token. */
  async accessToken(inbox: WechatInbox): Promise<string> {
    const key = this.cacheKey(inbox);
    const cached = this.tokens.get(key);
    if (cached && cached.refreshAt > Date.now()) return cached.token;
    let pending = this.fetching.get(key);
    if (!pending) {
      pending = this.fetchToken(inbox, key).finally(() => this.fetching.delete(key));
      this.fetching.set(key, pending);
    }
    return pending;
  }

  /** Forgets the inbox's token (WeChat called it invalid) unless a newer one has replaced it. */
  private forget(inbox: WechatInbox, token: string) {
    const key = this.cacheKey(inbox);
    if (this.tokens.get(key)?.token === token) this.tokens.delete(key);
  }

  private async withToken<T>(
    inbox: WechatInbox,
    what: string,
    call: (token: string) => Promise<T>,
  ): Promise<T> {
    const token = await this.accessToken(inbox);
    try {
      return await call(token);
    } catch (e) {
      if (!(e instanceof WechatApiError) || e.errcode === undefined || !TOKEN_ERRORS.has(e.errcode)) throw e;
      this.forget(inbox, token);
      return call(await this.accessToken(inbox));
    }
  }

  private async fetchToken(inbox: WechatInbox, key: string): Promise<string> {
    const res = await this.request(inbox, 'POST', '/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: inbox.appId,
      secret: inbox.appSecret,
    });
    const token = res['access_token'];
    const expiresIn = Number(res['expires_in']);
    if (typeof token !== 'string' || !token || !Number.isFinite(expiresIn) || expiresIn <= 0) {
      throw new WechatApiError('WeChat stable_token answered without access_token/expires_in');
    }
    // Refresh five minutes early (or at half-life for short-lived tokens).
    const margin = Math.min(300, expiresIn / 2);
    this.tokens.set(key, { token, refreshAt: Date.now() + (expiresIn - margin) * 1000 });
    return token;
  }

  private async request(
    inbox: WechatInbox,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<Record<string, unknown>> {
    const name = path.split('?')[0];
    const url = `${inbox.apiBaseUrl.replace(/\/+$/, '')}${path}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
        // WeChat wants the characters themselves, not \u escapes; JSON.stringify keeps them as they are.
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.config.WECHAT_TIMEOUT_MS),
        redirect: 'error',
      });
    } catch (e) {
      const err = e as Error;
      throw new WechatApiError(
        err.name === 'TimeoutError'
          ? `WeChat ${name} timed out after ${this.config.WECHAT_TIMEOUT_MS} ms`
          : `WeChat ${name} unreachable: ${err.message}`,
      );
    }
    const text = await res.text();
    if (res.status < 200 || res.status >= 300)
      throw new WechatApiError(`WeChat ${name} answered HTTP ${res.status}`);
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new WechatApiError(`WeChat ${name} answered something that is not JSON`);
    }
    const errcode = Number(json['errcode'] ?? 0);
    if (errcode !== 0) {
      const hint = HINTS[errcode] ? ` (${HINTS[errcode]})` : '';
      throw new WechatApiError(
        `WeChat ${name} refused: errcode ${errcode} ${String(json['errmsg'] ?? '').slice(0, 200)}${hint}`,
        errcode,
      );
    }
    return json;
  }

  private cacheKey(inbox: WechatInbox): string {
    const secret = createHash('sha256').update(inbox.appSecret).digest('hex').slice(0, 16);
    return `${inbox.inboxId}:${inbox.appId}:${secret}:${inbox.apiBaseUrl}`;
  }
}
