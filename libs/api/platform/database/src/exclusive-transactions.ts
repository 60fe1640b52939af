import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';

interface PgliteResult {
  rows: unknown[];
}
interface PgliteTx {
  query(sql: string, params?: unknown[]): Promise<PgliteResult>;
  exec(sql: string): Promise<PgliteResult[]>;
}
interface PgliteLike {
  transaction<T>(fn: (tx: PgliteTx) => Promise<T>): Promise<T>;
}

/** Called on the embedded database, where TypeORM's transaction subscribers do not fire for these. */
export interface ExclusiveTransactionHooks {
  afterCommit?(qr: QueryRunner): void;
  afterRollback?(qr: QueryRunner): void;
}

/**
 * Transactions for work that runs while requests are served (seeds, imports, re-indexing), often in
 * batches that yield the event loop between them.
 *
 * On PostgreSQL this is `DataSource.transaction`. On the embedded PGlite every TypeORM "connection"
 * is the same single session, so a statement of another request that runs while the transaction is
 * open would run inside it (and a BEGIN or COMMIT of another request would cut it in two). There the
 * transaction runs through PGlite's own `transaction()`, which makes every other statement wait until
 * it ends: a request waits at most one batch instead of landing inside it.
 * `work` must use only the manager it is given (a statement on the DataSource would wait forever).
 */
@Injectable()
export class ExclusiveTransactions {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run<T>(work: (em: EntityManager) => Promise<T>, hooks: ExclusiveTransactionHooks = {}): Promise<T> {
    if (this.config.database.kind !== 'pglite') return this.db.transaction(work);
    // Loaded lazily, like the driver itself: server deployments never touch PGlite.
    const { getPGliteInstance } = require('typeorm-pglite') as { getPGliteInstance(): Promise<PgliteLike> };
    const pglite = await getPGliteInstance();
    const qr = this.db.createQueryRunner();
    const runner = qr as unknown as { databaseConnection: unknown; isTransactionActive: boolean };
    try {
      const result = await pglite.transaction(async (tx) => {
        // The query runner's statements go to the transaction, the way typeorm-pglite's pool sends them.
        runner.databaseConnection = {
          query: (sql: string, params?: unknown[]) =>
            params?.length
              ? tx.query(sql, params)
              : tx.exec(sql).then((all) => all[all.length - 1] ?? { rows: [] }),
        };
        runner.isTransactionActive = true;
        try {
          return await work(qr.manager);
        } finally {
          runner.isTransactionActive = false;
        }
      });
      hooks.afterCommit?.(qr);
      return result;
    } catch (e) {
      hooks.afterRollback?.(qr);
      throw e;
    } finally {
      await qr.release();
    }
  }
}

/** Lets pending I/O (HTTP requests, timers) run before the caller goes on. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
