import { decryptMessage, encryptMessage, verifySignature, wechatSignature } from '../wechat-crypto';
import { parseWechatXml, type WechatFields } from '../wechat-xml';

export interface WechatTestAccount {
  token: string;
  encodingAESKey: string;
  appId: string;
  /** The account's original id (gh_…): ToUserName of pushes, FromUserName of passive replies. */
  account: string;
}

export interface WechatTestPushOptions {
  /** `safe`: encrypted with Encrypt + msg_signature, as in safe (and compatible) mode. */
  mode?: 'plain' | 'safe';
  /** Encrypt for this appid instead of the account's. */
  appId?: string;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Sign with this token instead of the account's. */
  token?: string;
  /** Replace the signature with one that does not match. */
  tamper?: boolean;
  contentType?: string;
}

/** A push's fields in WeChat's XML (numbers bare, text as CDATA). */
export const wechatXml = (fields: Record<string, string | number>): string =>
  `<xml>${Object.entries(fields)
    .map(([k, v]) => `<${k}>${typeof v === 'number' ? v : `<![CDATA[${v}]]>`}</${k}>`)
    .join('')}</xml>`;

/**
 * WeChat's side of an inbox for tests: signs (and in safe mode encrypts) pushes exactly as WeChat's
 * servers do, posts them to `/api/v1/channels/wechat/:inboxId`, and reads passive replies.
 */
export class WechatTestClient {
  constructor(
    private readonly baseUrl: string,
    readonly account: WechatTestAccount,
  ) {}

  async push(inboxId: string, body: string | Record<string, string | number>, o: WechatTestPushOptions = {}) {
    const inner = typeof body === 'string' ? body : wechatXml(body);
    const timestamp = String(o.timestamp ?? Math.floor(Date.now() / 1000));
    const nonce = String(Math.floor(Math.random() * 1e9));
    const token = o.token ?? this.account.token;
    const q = new URLSearchParams({
      signature: wechatSignature(token, timestamp, nonce),
      timestamp,
      nonce,
      openid: 'o-query',
    });
    let payload = inner;
    if (o.mode === 'safe') {
      const encrypt = encryptMessage(inner, this.account.encodingAESKey, o.appId ?? this.account.appId);
      payload = wechatXml({ ToUserName: this.account.account, Encrypt: encrypt });
      q.set('encrypt_type', 'aes');
      q.set('msg_signature', wechatSignature(token, timestamp, nonce, encrypt));
    }
    if (o.tamper) q.set(o.mode === 'safe' ? 'msg_signature' : 'signature', 'f'.repeat(40));
    const res = await fetch(`${this.baseUrl}/api/v1/channels/wechat/${inboxId}?${q}`, {
      method: 'POST',
      headers: { 'content-type': o.contentType ?? 'text/xml' },
      body: payload,
    });
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: await res.text() };
  }

  /** A passive reply's fields; an encrypted one is checked (msg_signature, appid) and decrypted first. */
  reply(body: string): WechatFields {
    const outer = parseWechatXml(body);
    if (outer['Encrypt'] === undefined) return outer;
    const { token, encodingAESKey, appId } = this.account;
    if (
      !verifySignature(outer['MsgSignature'], token, outer['TimeStamp'], outer['Nonce'], outer['Encrypt'])
    ) {
      throw new Error('the passive reply has a wrong MsgSignature');
    }
    return {
      ...parseWechatXml(decryptMessage(outer['Encrypt'], encodingAESKey, appId)),
      TimeStamp: outer['TimeStamp'],
    };
  }
}
