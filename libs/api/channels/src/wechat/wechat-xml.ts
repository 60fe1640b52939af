import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** A push's fields as WeChat names them (ToUserName, FromUserName, MsgType, …), values as text. */
export type WechatFields = Record<string, string>;

export class WechatFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WechatFormatError';
  }
}

const parser = new XMLParser({
  ignoreAttributes: true,
  // Every value stays text: a MsgId has 19 digits, more than a JS number holds.
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
});

/**
 * Parses a WeChat push (`<xml><ToUserName>…</ToUserName>…</xml>`) into its fields. Nested elements
 * (e.g. an event's ScanCodeInfo) are flattened with their own names; a repeated element keeps its first
 * value. Rejects malformed XML, a document type declaration (no entity expansion, ever) and any other root.
 */
export function parseWechatXml(xml: string): WechatFields {
  const text = xml.replace(/^\uFEFF/, '').trim();
  if (!text) throw new WechatFormatError('empty body: WeChat pushes are XML (<xml>…</xml>)');
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    throw new WechatFormatError('XML with a document type declaration is not accepted');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new WechatFormatError(`malformed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const doc = parser.parse(text) as Record<string, unknown>;
  const roots = Object.keys(doc).filter((k) => k !== '?xml');
  if (roots.length !== 1 || roots[0] !== 'xml') throw new WechatFormatError('the root element must be <xml>');
  const root = doc['xml'];
  const fields: WechatFields = {};
  if (root && typeof root === 'object') flatten(root as Record<string, unknown>, fields);
  return fields;
}

function flatten(node: Record<string, unknown>, out: WechatFields) {
  for (const [name, raw] of Object.entries(node)) {
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value !== null && typeof value === 'object') flatten(value as Record<string, unknown>, out);
    else if (!(name in out)) out[name] = value === undefined || value === null ? '' : String(value);
  }
}

/**
 * A Mini Program push in JSON (the "数据格式: JSON" option). Numbers become text; a MsgId longer than a
 * JS number holds is read from the raw body so that it keeps every digit.
 */
export function parseWechatJson(body: unknown, raw?: string): WechatFields {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new WechatFormatError('a JSON push must be an object');
  const fields: WechatFields = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>))
        if (v !== null && typeof v !== 'object') fields[k] ??= String(v);
    } else fields[name] = String(value);
  }
  const exact = raw && /"MsgId"\s*:\s*(\d{1,30})/.exec(raw);
  if (exact) fields['MsgId'] = exact[1];
  return fields;
}

/** Reads a push (or a decrypted payload) in whichever format it is: JSON objects start with `{`. */
export function parseWechatPayload(text: string): WechatFields {
  const t = text.trim();
  if (t.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(t);
    } catch (e) {
      throw new WechatFormatError(`malformed JSON: ${(e as Error).message}`);
    }
    return parseWechatJson(parsed, t);
  }
  return parseWechatXml(t);
}

/** Text as a CDATA section; a `]]>` inside is split across two sections. */
export const cdata = (s: string): string => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

/** A passive text reply: to the shopper's OpenID, from the account's original id (the push's ToUserName). */
export function buildTextReply(r: { to: string; from: string; createTime: number; content: string }): string {
  return (
    `<xml><ToUserName>${cdata(r.to)}</ToUserName><FromUserName>${cdata(r.from)}</FromUserName>` +
    `<CreateTime>${r.createTime}</CreateTime><MsgType>${cdata('text')}</MsgType><Content>${cdata(r.content)}</Content></xml>`
  );
}

/** The envelope of an encrypted passive reply (safe and compatible mode). */
export function buildEncryptedReply(r: {
  encrypt: string;
  signature: string;
  timestamp: string;
  nonce: string;
}): string {
  return (
    `<xml><Encrypt>${cdata(r.encrypt)}</Encrypt><MsgSignature>${cdata(r.signature)}</MsgSignature>` +
    `<TimeStamp>${r.timestamp}</TimeStamp><Nonce>${cdata(r.nonce)}</Nonce></xml>`
  );
}
