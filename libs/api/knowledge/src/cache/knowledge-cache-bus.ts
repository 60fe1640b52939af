import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';

/**
 * What a cache holds: `synonyms`, `settings`, `terms:<locale>` (document frequencies and the
 * vocabulary of a locale) or `*` (everything, e.g. after a re-index or a lost notification).
 */
export type CacheTopic = string;

const CHANNEL = 'kefu_knowledge_cache';
/** While the notification connection is down, caches fall back to expiring after this long. */
export const FALLBACK_TTL_MS = 5_000;
const RECONNECT_MIN_MS = 1_000;
const RECONNECT_MAX_MS = 30_000;

type Listener = (topics: ReadonlySet<CacheTopic>) => void;

/**
 * Invalidation for the per-process caches retrieval reads instead of the database (synonyms,
 * settings, term statistics). A change is announced in the transaction that makes it:
 *
 * - this process drops the affected entries after that transaction commits (a TypeORM
 *   transaction subscriber), never before, so a search running meanwhile cannot re-cache the old
 *   state under the new generation;
 * - other processes hear it through PostgreSQL LISTEN/NOTIFY (`pg_notify` in the same transaction,
 *   delivered at commit). Each server process keeps one extra connection listening. If that
 *   connection drops, every cache is dropped, entries expire after FALLBACK_TTL_MS until it is back,
 *   and it reconnects with backoff.
 *
 * The embedded database serves one process only: there the local part is all there is.
 */
@Injectable()
export class KnowledgeCacheBus implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger(KnowledgeCacheBus.name);
  private readonly listeners = new Set<Listener>();
  private readonly pending = new WeakMap<QueryRunner, Set<CacheTopic>>();
  private client?: Client;
  private listening = false;
  private closed = false;
  private retryMs = RECONNECT_MIN_MS;
  private retryTimer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit: (event: TransactionCommitEvent) => this.committed(event.queryRunner),
      afterTransactionRollback: (event: TransactionRollbackEvent) => this.discard(event.queryRunner),
    };
    this.db.subscribers.push(subscriber);
    if (this.config.database.kind === 'postgres') void this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const c = this.client;
    this.client = undefined;
    this.listening = false;
    await c?.end().catch(() => undefined);
  }

  /** Calls `fn` with the topics of every change (local after commit, or announced by another process). */
  subscribe(fn: Listener): void {
    this.listeners.add(fn);
  }

  /**
   * True when every change reaches this process (embedded database, or the notification connection
   * is up): caches may then keep entries until told otherwise.
   */
  get reliable(): boolean {
    return this.config.database.kind === 'pglite' || this.listening;
  }

  /**
   * Announces that `topics` change in `em`'s transaction (or now, when `em` is null or not in a
   * transaction). Local caches drop them after commit; other processes are notified at commit.
   */
  async changed(em: EntityManager | null, topics: CacheTopic[]): Promise<void> {
    const qr = em?.queryRunner;
    const inTx = !!qr && qr.isTransactionActive;
    let fresh = topics;
    if (inTx) {
      const set = this.pending.get(qr) ?? new Set<CacheTopic>();
      this.pending.set(qr, set);
      fresh = topics.filter((t) => !set.has(t));
      for (const t of fresh) set.add(t);
    }
    if (fresh.length && this.config.database.kind === 'postgres') {
      await (em ?? this.db.manager).query(`SELECT pg_notify($1, $2)`, [CHANNEL, fresh.join(',')]);
    }
    if (!inTx && topics.length) this.emit(new Set(topics));
  }

  /** Announcements of a transaction the caller ran outside TypeORM's own commit (see transactions.ts). */
  committed(qr: QueryRunner): void {
    const set = this.pending.get(qr);
    if (!set) return;
    this.pending.delete(qr);
    if (!qr.isTransactionActive) this.emit(set);
    else this.pending.set(qr, set); // a savepoint was released; the transaction goes on
  }

  discard(qr: QueryRunner): void {
    if (!qr.isTransactionActive) this.pending.delete(qr);
  }

  private emit(topics: ReadonlySet<CacheTopic>): void {
    for (const fn of this.listeners) {
      try {
        fn(topics);
      } catch (e) {
        this.log.error(`cache invalidation failed: ${(e as Error).message}`);
      }
    }
  }

  private async listen(): Promise<void> {
    if (this.closed || this.config.database.kind !== 'postgres') return;
    const client = new Client({
      connectionString: this.config.database.url,
      keepAlive: true,
      connectionTimeoutMillis: 5000,
    });
    this.client = client;
    const lost = (why: string) => {
      if (this.client !== client) return;
      this.client = undefined;
      const was = this.listening;
      this.listening = false;
      this.emit(new Set(['*'])); // changes may be missed until we listen again
      client.end().catch(() => undefined);
      if (this.closed) return;
      if (was)
        this.log.warn(
          `cache notifications lost (${why}); caches expire after ${FALLBACK_TTL_MS} ms until reconnected`,
        );
      this.retryTimer = setTimeout(() => void this.listen(), this.retryMs);
      this.retryTimer.unref();
      this.retryMs = Math.min(RECONNECT_MAX_MS, this.retryMs * 2);
    };
    client.on('error', (e) => lost(e.message));
    client.on('end', () => lost('connection closed'));
    client.on('notification', (msg) => {
      if (msg.channel === CHANNEL) this.emit(new Set((msg.payload ?? '*').split(',')));
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      if (this.client !== client || this.closed) {
        await client.end().catch(() => undefined);
        return;
      }
      this.listening = true;
      this.retryMs = RECONNECT_MIN_MS;
      this.emit(new Set(['*'])); // anything cached before we listened may be stale
    } catch (e) {
      lost((e as Error).message);
    }
  }
}

/** True when `topics` covers `topic` ('*' covers everything; `terms:*` every locale's terms). */
export function covers(topics: ReadonlySet<CacheTopic>, topic: CacheTopic): boolean {
  if (topics.has('*') || topics.has(topic)) return true;
  return topic.startsWith('terms:') && topics.has('terms:*');
}
