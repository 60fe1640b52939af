import { Injectable, Logger } from '@nestjs/common';
import { WechatApiClient } from './wechat-api.client';
import type { WechatInbox } from './wechat-inbox';
import { WechatReplyStore } from './wechat-reply.store';

/** How long a push waits for user/info before it is stored without the unionid (the lookup goes on). */
export const UNIONID_WAIT_MS = 800;
const FOUND_TTL_MS = 24 * 60 * 60 * 1000;
const FAILED_TTL_MS = 10 * 60 * 1000;
const MAX_ENTRIES = 50_000;

interface Entry {
  /** The unionid to pass to ingest, or null (none, already linked, or the lookup failed). */
  unionId: string | null;
  until: number;
}

/**
 * The shopper's unionid for an Official Account (GET /cgi-bin/user/info), looked up once per
 * shopper the inbox has not linked yet, cached in this process. A push waits at most UNIONID_WAIT_MS
 * for it; a slow or failed lookup never holds up or loses the message (the next message carries
 * the unionid once the lookup has finished).
 */
@Injectable()
export class WechatUnionIds {
  private readonly log = new Logger(WechatUnionIds.name);
  private readonly cache = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<string | null>>();

  constructor(
    private readonly api: WechatApiClient,
    private readonly store: WechatReplyStore,
  ) {}

  /** The unionid to link this push's contact by, or null when there is nothing (new) to link. */
  async forNewContact(inbox: WechatInbox, openId: string): Promise<string | null> {
    const key = `${inbox.inboxId}:${openId}`;
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) {
      // Passed once: the contact is linked by the message that carries it; later ones need not repeat it.
      const unionId = hit.unionId;
      hit.unionId = null;
      return unionId;
    }
    let lookup = this.inflight.get(key);
    if (!lookup) {
      lookup = this.lookUp(inbox, openId, key).finally(() => this.inflight.delete(key));
      this.inflight.set(key, lookup);
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), UNIONID_WAIT_MS)));
    try {
      const found = await Promise.race([lookup.then((unionId) => ({ unionId })), late]);
      if (!found) return null;
      const entry = this.cache.get(key);
      if (entry) entry.unionId = null; // this push carries it
      return found.unionId;
    } finally {
      clearTimeout(timer);
    }
  }

  private async lookUp(inbox: WechatInbox, openId: string, key: string): Promise<string | null> {
    try {
      const known = await this.store.knownContact(inbox.inboxId, openId);
      if (known.unionId) {
        // Already linked: ingest finds the contact by its OpenID; nothing more to pass.
        this.put(key, null, FOUND_TTL_MS);
        return null;
      }
      const unionId = await this.api.unionId(inbox, openId);
      // A push still waiting takes it from this promise; one that gave up takes it from the cache next time.
      this.put(key, unionId, FOUND_TTL_MS);
      return unionId;
    } catch (e) {
      this.log.warn(
        `inbox ${inbox.inboxId}: unionid lookup failed (${(e as Error).message}); the message is stored without it`,
      );
      this.put(key, null, FAILED_TTL_MS);
      return null;
    }
  }

  private put(key: string, unionId: string | null, ttl: number) {
    if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, { unionId, until: Date.now() + ttl });
  }
}
