import { Inject, Injectable } from '@nestjs/common';
import type { Socket } from 'socket.io';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { WidgetInboxes } from './widget-inboxes';
import {
  isVisitorToken,
  issueUserToken,
  newVisitorToken,
  userIdentity,
  verifySignedValue,
  visitorIdentity,
  type WidgetIdentity,
  originAllowed,
} from './widget-identity';
import { identityRoom } from './widget.broadcaster';
import { handshakeSchema, HISTORY_LIMIT, REPLAY_LIMIT, toWidgetMessages, WidgetMessage, WidgetRefusal } from './widget.protocol';
import { WidgetStore } from './widget.store';

/** What a connected widget socket carries (socket.data). Never the inbox secret. */
export interface WidgetSocketData {
  inboxId: string;
  identity: WidgetIdentity;
  room: string;
  /** Sent in `session`: a new or kept visitor token, or a verified shopper's upload token. */
  visitorToken: string;
  /** The token was issued by this handshake: nobody can have history yet. */
  fresh: boolean;
  locale: string | null;
  lastSeenAt: string | null;
  contact?: { name?: string; email?: string };
  verifiedEmail?: string;
  conversationId: string | null;
  settings: WidgetSessionSettings;
  /** Messages accepted in the current rate window. */
  rate: { windowStart: number; count: number; lastTyping: number };
}

export interface WidgetSessionSettings {
  title: string;
  color: string;
  locale: string;
  /** Largest image the upload endpoint takes (WIDGET_UPLOAD_MAX_BYTES). */
  uploadMaxBytes: number;
}

export interface WidgetSession {
  visitorToken: string;
  verified: boolean;
  conversationId: string | null;
  settings: WidgetSessionSettings;
  messages: WidgetMessage[];
  /** true: `messages` is what came after `lastSeenAt` (append); false: the latest history (replace). */
  replay: boolean;
  /** More history exists before the first message (ask with `history`). */
  hasMore: boolean;
}

/** A refused handshake: the client's `connect_error` has `message` = code and `data.message` = why. */
export class WidgetRefused extends Error {
  readonly data: { code: string; message: string };
  constructor(code: string, why: string) {
    super(code);
    this.data = { code, message: why };
  }
}

const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;

/** The widget handshake: which inbox, from which page, and who — and the session they get. */
@Injectable()
export class WidgetSessions {
  constructor(
    private readonly inboxes: WidgetInboxes,
    private readonly store: WidgetStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Checks a handshake; the socket's data on success, a WidgetRefused otherwise. */
  async authenticate(socket: Pick<Socket, 'handshake'>): Promise<WidgetSocketData> {
    const { auth, headers } = socket.handshake;
    const parsed = handshakeSchema.safeParse(auth ?? {});
    const inboxId = (auth as { inboxId?: unknown } | undefined)?.inboxId;
    if (!parsed.success && (typeof inboxId !== 'string' || !inboxId)) {
      throw new WidgetRefused(WidgetRefusal.UnknownInbox, 'auth.inboxId is required: the id from the widget snippet (data-inbox)');
    }
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const code = issue.path[0] === 'identity' ? WidgetRefusal.IdentityInvalid : WidgetRefusal.UnknownInbox;
      throw new WidgetRefused(code, `auth.${issue.path.join('.')}: ${issue.message}`);
    }
    const a = parsed.data;
    let found;
    try {
      found = await this.inboxes.get(a.inboxId);
    } catch {
      throw new WidgetRefused(WidgetRefusal.Unavailable, 'the server cannot read the inbox right now; try again shortly');
    }
    if (!found) throw new WidgetRefused(WidgetRefusal.UnknownInbox, `inbox ${a.inboxId} does not exist or is not a web chat widget`);
    const { inbox, settings } = found;

    const origin = header(headers.origin);
    if (!originAllowed(settings.allowedOrigins, origin, header(headers.host))) {
      throw new WidgetRefused(WidgetRefusal.OriginNotAllowed, `pages at ${origin ?? '(no Origin header)'} may not use this widget; add the origin to the inbox's allowed origins`);
    }

    let identity: WidgetIdentity;
    let visitorToken: string;
    let contact: WidgetSocketData['contact'];
    let verifiedEmail: string | undefined;
    let fresh = false;
    if (a.identity) {
      if (!verifySignedValue(inbox.secret, a.identity.userId, a.identity.hash)) {
        throw new WidgetRefused(WidgetRefusal.IdentityInvalid, 'identity.hash is not hex HMAC-SHA256(inbox secret, identity.userId); sign the user id on your server with the inbox secret');
      }
      const email = a.identity.email?.trim() || undefined;
      if (email && a.identity.emailHash) {
        if (!verifySignedValue(inbox.secret, email.toLowerCase(), a.identity.emailHash)) {
          throw new WidgetRefused(WidgetRefusal.IdentityInvalid, 'identity.emailHash is not hex HMAC-SHA256(inbox secret, lower-cased identity.email)');
        }
        verifiedEmail = email.toLowerCase();
      }
      identity = userIdentity(a.identity.userId);
      visitorToken = issueUserToken(inbox.secret, a.identity.userId);
      contact = { ...(a.identity.name ? { name: a.identity.name } : {}), ...(email ? { email } : {}) };
    } else if (settings.requireIdentity) {
      throw new WidgetRefused(WidgetRefusal.IdentityRequired, 'this widget only serves logged-in shoppers: pass identity { userId, hash } signed by your server');
    } else {
      // A user token left in the browser after logging out does not make the visitor that user.
      fresh = !isVisitorToken(a.visitorToken);
      visitorToken = fresh ? newVisitorToken() : (a.visitorToken as string);
      identity = visitorIdentity(visitorToken);
    }

    const lastSeenAt = a.lastSeenAt && !Number.isNaN(Date.parse(a.lastSeenAt)) ? new Date(a.lastSeenAt).toISOString() : null;
    return {
      inboxId: inbox.id,
      identity,
      room: identityRoom(inbox.id, identity.externalUserId),
      visitorToken,
      fresh,
      locale: a.locale && LOCALE.test(a.locale) ? a.locale : null,
      lastSeenAt,
      contact,
      verifiedEmail,
      conversationId: null,
      settings: { title: settings.title || inbox.name, color: settings.color, locale: settings.locale, uploadMaxBytes: this.config.WIDGET_UPLOAD_MAX_BYTES },
      rate: { windowStart: 0, count: 0, lastTyping: 0 },
    };
  }

  /**
   * The `session` event: the replay after lastSeenAt when it fits, else the latest history. A new
   * visitor, or one who never wrote, costs no query beyond finding their contact (none).
   */
  async session(d: WidgetSocketData): Promise<WidgetSession> {
    const ext = d.identity.externalUserId;
    const known = !d.fresh && (await this.store.contactOf(d.inboxId, ext)) !== null;
    const [conversationId, replayed] = known
      ? await Promise.all([
          this.store.openConversation(d.inboxId, ext),
          d.lastSeenAt ? this.store.since(d.inboxId, ext, d.lastSeenAt, REPLAY_LIMIT) : Promise.resolve(null),
        ])
      : [null, null];
    const page = replayed
      ? { messages: replayed, hasMore: false }
      : known
        ? await this.store.history(d.inboxId, ext, { limit: HISTORY_LIMIT })
        : { messages: [], hasMore: false };
    d.conversationId = conversationId;
    return {
      visitorToken: d.visitorToken,
      verified: d.identity.verified,
      conversationId,
      settings: d.settings,
      messages: page.messages.flatMap(toWidgetMessages),
      replay: !!replayed,
      hasMore: page.hasMore,
    };
  }
}

const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
