import type { Attachment, MessageMetadata } from '@kefu/shared/contracts';
import { WechatFields, WechatFormatError } from './wechat-xml';

/** What one push becomes: a shopper message to ingest, or nothing (with the reason, for the log). */
export type PushPlan = IngestPlan | { kind: 'ignore'; reason: string };

export interface IngestPlan {
  kind: 'ingest';
  /** `msg:<MsgId>` for messages, `evt:<FromUserName>:<CreateTime>:<Event>` for events (WeChat's own dedupe keys). */
  externalMessageId: string;
  /** The shopper's OpenID (FromUserName). */
  openId: string;
  /** The account's original id (ToUserName): the sender of a passive reply. */
  accountId: string;
  text: string;
  attachments: Attachment[];
  metadata: MessageMetadata;
  sentAt: Date;
  /** A menu click's EventKey: the text becomes the quick reply's label when one with that payload was offered. */
  menuKey?: string;
}

const MAX_TEXT = 10_000;
const MAX_ID = 128;

const need = (f: WechatFields, name: string, what = 'the push'): string => {
  const v = f[name];
  if (v === undefined || v === '') throw new WechatFormatError(`${what} has no ${name}`);
  return v;
};

const num = (s: string | undefined): number | null =>
  s !== undefined && s !== '' && Number.isFinite(Number(s)) ? Number(s) : null;

const httpUrl = (s: string | undefined): string | null => {
  if (!s) return null;
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && s.length <= 2048 ? s : null;
  } catch {
    return null;
  }
};

const clip = (s: string | undefined, max = 2048): string => (s ?? '').slice(0, max);

/** The dedupe key of an event push (WeChat: "FromUserName + CreateTime" identifies a retried event). */
export const eventKey = (from: string, createTime: string, event: string) =>
  `evt:${from}:${createTime}:${event}`;
export const messageKey = (msgId: string) => `msg:${msgId}`;

/**
 * Maps a verified, decrypted push to what Kefu stores. Text, image, voice (WeChat's speech
 * `Recognition` when present), video, location, link and Mini Program cards are shopper messages;
 * `subscribe` and the Mini Program's `user_enter_tempsession` open the conversation (the inbox's
 * greeting answers them); a menu `CLICK` counts as the shopper tapping a quick reply. `unsubscribe`,
 * `VIEW` and other events are acknowledged and not stored. Throws WechatFormatError for a push that
 * lacks what its type needs.
 */
export function planPush(f: WechatFields): PushPlan {
  const accountId = need(f, 'ToUserName');
  const openId = need(f, 'FromUserName');
  const createTime = need(f, 'CreateTime');
  const msgType = need(f, 'MsgType').toLowerCase();
  if (!/^\d{1,12}$/.test(createTime)) throw new WechatFormatError('CreateTime must be unix seconds');
  if (openId.length > MAX_ID || accountId.length > MAX_ID)
    throw new WechatFormatError('FromUserName or ToUserName is too long');
  const sentAt = new Date(Number(createTime) * 1000);
  const base = { kind: 'ingest' as const, openId, accountId, sentAt, attachments: [] as Attachment[] };

  if (msgType === 'event') {
    const event = need(f, 'Event', 'an event push');
    const externalMessageId = eventKey(openId, createTime, event);
    switch (event.toLowerCase()) {
      case 'subscribe':
        return {
          ...base,
          externalMessageId,
          text: '',
          metadata: {
            wechatEvent: 'subscribe',
            ...(f['EventKey'] ? { eventKey: clip(f['EventKey'], 200) } : {}),
          },
        };
      case 'user_enter_tempsession':
        return {
          ...base,
          externalMessageId,
          text: '',
          metadata: {
            wechatEvent: 'user_enter_tempsession',
            ...(f['SessionFrom'] ? { sessionFrom: clip(f['SessionFrom'], 200) } : {}),
          },
        };
      case 'click': {
        const key = need(f, 'EventKey', 'a CLICK event');
        if (key.length > 128) throw new WechatFormatError('EventKey is longer than 128 characters');
        return {
          ...base,
          externalMessageId,
          text: key,
          metadata: { wechatEvent: 'CLICK', quickReply: key },
          menuKey: key,
        };
      }
      default:
        // unsubscribe, VIEW, SCAN, LOCATION reports, template-send receipts…: nothing for the conversation.
        return { kind: 'ignore', reason: `event ${event}` };
    }
  }

  const msgId = need(f, 'MsgId', `a ${msgType} message`);
  if (!/^\d{1,30}$/.test(msgId)) throw new WechatFormatError('MsgId must be digits');
  const externalMessageId = messageKey(msgId);
  const plan = { ...base, externalMessageId };
  switch (msgType) {
    case 'text': {
      const content = f['Content'];
      if (content === undefined) throw new WechatFormatError('a text message has no Content');
      if ([...content].length > MAX_TEXT)
        throw new WechatFormatError(`Content is longer than ${MAX_TEXT} characters`);
      return { ...plan, text: content, metadata: {} };
    }
    case 'image': {
      const url = httpUrl(f['PicUrl']);
      return {
        ...plan,
        text: url ? '' : '[图片]',
        attachments: url ? [{ url, contentType: 'image/jpeg', name: 'wechat-image.jpg' }] : [],
        metadata: { wechatMsgType: 'image', mediaId: clip(f['MediaId'], 200) },
      };
    }
    case 'voice': {
      const recognition = (f['Recognition'] ?? '').trim();
      return {
        ...plan,
        text: recognition ? clip(recognition, MAX_TEXT) : '[语音]',
        metadata: {
          wechatMsgType: 'voice',
          mediaId: clip(f['MediaId'], 200),
          voiceFormat: clip(f['Format'], 20),
          recognized: !!recognition,
        },
      };
    }
    case 'video':
    case 'shortvideo':
      return {
        ...plan,
        text: '[视频]',
        metadata: {
          wechatMsgType: msgType,
          mediaId: clip(f['MediaId'], 200),
          thumbMediaId: clip(f['ThumbMediaId'], 200),
        },
      };
    case 'location': {
      const lat = num(f['Location_X']);
      const lng = num(f['Location_Y']);
      if (lat === null || lng === null || Math.abs(lat) > 90 || Math.abs(lng) > 180)
        throw new WechatFormatError('a location message needs Location_X and Location_Y');
      const label = clip(f['Label'], 500);
      return {
        ...plan,
        text: `[位置] ${label || `${lat},${lng}`}`,
        metadata: { wechatMsgType: 'location', lat, lng, label, scale: num(f['Scale']) },
      };
    }
    case 'link': {
      const url = httpUrl(f['Url']);
      const title = clip(f['Title'], 500);
      return {
        ...plan,
        text: [title, url].filter(Boolean).join('\n') || '[链接]',
        metadata: {
          wechatMsgType: 'link',
          linkTitle: title,
          linkDescription: clip(f['Description'], 1000),
          linkUrl: url,
        },
      };
    }
    case 'miniprogrampage':
      return {
        ...plan,
        text: clip(f['Title'], 500) || '[小程序卡片]',
        metadata: {
          wechatMsgType: 'miniprogrampage',
          pagePath: clip(f['PagePath'], 1000),
          miniProgramAppId: clip(f['AppId'], 64),
        },
      };
    default:
      return { kind: 'ignore', reason: `message type ${msgType}` };
  }
}
