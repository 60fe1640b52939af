import { MimeError, redactAddresses } from './mime-message';

/** The part of ImapFlow the poller uses (a fake of it drives the unit tests). */
export interface ImapClient {
  connect(): Promise<void>;
  getMailboxLock(path: string): Promise<{ release(): void }>;
  search(query: { seen: boolean }, options: { uid: true }): Promise<number[] | false | undefined>;
  fetchOne(
    range: string,
    query: { uid: true; size: true; source?: true },
    options: { uid: true },
  ): Promise<{ uid: number; size?: number; source?: Buffer } | false | undefined>;
  messageFlagsAdd(range: string, flags: string[], options: { uid: true }): Promise<boolean>;
  logout(): Promise<void>;
  close(): void;
}

/** Flag on a mail Kefu will never take (not MIME, no From, too large): it stays in the mailbox, marked. */
export const REJECTED_KEYWORD = '$KefuRejected';

export interface PollOptions {
  mailbox: string;
  /** Largest mail fetched (same limit as the gateway's POST). */
  maxBytes: number;
  /** Mails taken per poll; the rest wait for the next one. */
  batch: number;
  /** Ingests one raw mail through the same path as the gateway's POST; resolves once committed. */
  take(raw: Buffer): Promise<unknown>;
  /** No personal data: uids and reasons only. */
  warn(message: string): void;
}

export interface PollResult {
  taken: number;
  rejected: number;
  /** Left unseen for the next poll after a transient error (database down…). */
  deferred: number;
}

/**
 * One poll of one mailbox: every UNSEEN mail (oldest first) is fetched without marking it read
 * (BODY.PEEK), ingested, and only then flagged \Seen, so a crash or an error in between leaves it
 * for the next poll and nothing acknowledged is lost. A mail that can never be taken is flagged
 * \Seen and $KefuRejected so it is not fetched again; a transient error stops the poll.
 */
export async function pollMailbox(client: ImapClient, o: PollOptions): Promise<PollResult> {
  const result: PollResult = { taken: 0, rejected: 0, deferred: 0 };
  try {
    await client.connect();
  } catch (e) {
    client.close();
    throw e;
  }
  try {
    const lock = await client.getMailboxLock(o.mailbox);
    try {
      const uids = [...((await client.search({ seen: false }, { uid: true })) || [])].sort((a, b) => a - b);
      const batch = uids.slice(0, o.batch);
      result.deferred = uids.length - batch.length;
      for (let i = 0; i < batch.length; i++) {
        const uid = String(batch[i]);
        try {
          const head = await client.fetchOne(uid, { uid: true, size: true }, { uid: true });
          if (!head) continue; // expunged meanwhile
          if ((head.size ?? 0) > o.maxBytes) {
            await reject(client, uid, `larger than ${o.maxBytes} bytes`, o);
            result.rejected++;
            continue;
          }
          const full = await client.fetchOne(uid, { uid: true, size: true, source: true }, { uid: true });
          if (!full || !full.source) continue;
          await o.take(full.source);
          await client.messageFlagsAdd(uid, ['\\Seen'], { uid: true });
          result.taken++;
        } catch (e) {
          if (e instanceof MimeError) {
            await reject(client, uid, e.message, o);
            result.rejected++;
            continue;
          }
          result.deferred += batch.length - i;
          o.warn(`uid ${uid}: ${redactAddresses((e as Error).message)}; left unseen for the next poll`);
          break;
        }
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return result;
}

async function reject(client: ImapClient, uid: string, reason: string, o: PollOptions) {
  o.warn(`uid ${uid} not taken: ${redactAddresses(reason)}`);
  await client.messageFlagsAdd(uid, ['\\Seen'], { uid: true });
  // Servers without custom keywords refuse this one; \Seen alone is enough to stop fetching it.
  await client.messageFlagsAdd(uid, [REJECTED_KEYWORD], { uid: true }).catch(() => false);
}
