import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
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

/**
 * Transactions for the demo seed, which runs after boot while requests are served.
 *
 * On PostgreSQL this is `DataSource.transaction`. On the embedded PGlite every TypeORM connection is
 * the same single session, so another request's statement would land inside an open transaction;
 * there the work runs in PGlite's own `transaction()`, which makes every other statement wait until it
 * ends (one batch at most). `work` must use only the manager it is given.
 */
@Injectable()
export class CommerceTransactions {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (this.config.database.kind !== 'pglite') return this.db.transaction(work);
    // Loaded lazily, like the driver itself: server deployments never touch PGlite.
    const { getPGliteInstance } = require('typeorm-pglite') as { getPGliteInstance(): Promise<PgliteLike> };
    const pglite = await getPGliteInstance();
    const qr = this.db.createQueryRunner();
    const runner = qr as unknown as { databaseConnection: unknown; isTransactionActive: boolean };
    try {
      return await pglite.transaction(async (tx) => {
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
    } finally {
      await qr.release();
    }
  }
}

/** Lets pending I/O (HTTP requests, timers) run before the caller goes on. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
