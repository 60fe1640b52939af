// WeChat's side of a push, written independently of Kefu's code: sign, encrypt (safe mode) and POST
// a text message to /api/v1/channels/wechat/:inboxId; read the answer (`success` or an encrypted
// passive reply, which is checked and decrypted).

import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const sha1 = (...parts) => createHash('sha1').update(parts.sort().join('')).digest('hex');

export function wechatKeys({ token, encodingAESKey, appId }) {
  const key = Buffer.from(`${encodingAESKey}=`, 'base64');
  return { token, appId, key, iv: key.subarray(0, 16) };
}

function encrypt(keys, message) {
  const body = Buffer.from(message, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  const plain = Buffer.concat([randomBytes(16), len, body, Buffer.from(keys.appId)]);
  const pad = 32 - (plain.length % 32);
  const c = createCipheriv('aes-256-cbc', keys.key, keys.iv);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), c.final()]).toString(
    'base64',
  );
}

function decrypt(keys, b64) {
  const d = createDecipheriv('aes-256-cbc', keys.key, keys.iv);
  d.setAutoPadding(false);
  const p = Buffer.concat([d.update(Buffer.from(b64, 'base64')), d.final()]);
  const content = p.subarray(0, p.length - p[p.length - 1]);
  const len = content.readUInt32BE(16);
  if (content.subarray(20 + len).toString() !== keys.appId)
    throw new Error('passive reply encrypted for another appid');
  return content.subarray(20, 20 + len).toString('utf8');
}

const tag = (xml, name) =>
  new RegExp(`<${name}>(?:<!\\[CDATA\\[)?([\\s\\S]*?)(?:\\]\\]>)?</${name}>`).exec(xml)?.[1];

/**
 * One safe-mode text push. Returns { status, ms, answer: 'passive' | 'success' | 'error', text? }
 * where ms is the client's round trip (request start to the whole answer read).
 */
export async function pushText(base, inboxId, keys, { openId, account, msgId, content }) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(Math.floor(Math.random() * 1e9));
  const inner =
    `<xml><ToUserName><![CDATA[${account}]]></ToUserName><FromUserName><![CDATA[${openId}]]></FromUserName>` +
    `<CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content>` +
    `<MsgId>${msgId}</MsgId></xml>`;
  const enc = encrypt(keys, inner);
  const q = new URLSearchParams({
    signature: sha1(keys.token, timestamp, nonce),
    timestamp,
    nonce,
    openid: openId,
    encrypt_type: 'aes',
    msg_signature: sha1(keys.token, timestamp, nonce, enc),
  });
  const body = `<xml><ToUserName><![CDATA[${account}]]></ToUserName><Encrypt><![CDATA[${enc}]]></Encrypt></xml>`;
  const t0 = performance.now();
  try {
    const res = await fetch(`${base}/api/v1/channels/wechat/${inboxId}?${q}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body,
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    const ms = performance.now() - t0;
    if (res.status !== 200) return { status: String(res.status), ms, answer: 'error' };
    if (text === 'success') return { status: '200', ms, answer: 'success' };
    const e = tag(text, 'Encrypt');
    const sig = tag(text, 'MsgSignature');
    if (!e || sig !== sha1(keys.token, tag(text, 'TimeStamp') ?? '', tag(text, 'Nonce') ?? '', e)) {
      return { status: '200', ms, answer: 'error', why: 'passive reply with a bad msg_signature' };
    }
    return { status: '200', ms, answer: 'passive', text: tag(decrypt(keys, e), 'Content') };
  } catch (err) {
    return {
      status: err.name === 'TimeoutError' ? 'timeout' : 'network',
      ms: performance.now() - t0,
      answer: 'error',
    };
  }
}
