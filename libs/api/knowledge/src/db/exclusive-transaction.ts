import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ExclusiveTransactions as PlatformExclusiveTransactions } from '@kefu/api/platform/database';
import { KnowledgeCacheBus } from '../cache/knowledge-cache-bus';

export { yieldToEventLoop } from '@kefu/api/platform/database';

/**
 * The platform's exclusive transactions (see there), telling the knowledge cache bus what committed:
 * on the embedded database TypeORM's transaction subscribers do not see these transactions.
 */
@Injectable()
export class ExclusiveTransactions {
  constructor(
    private readonly transactions: PlatformExclusiveTransactions,
    private readonly bus: KnowledgeCacheBus,
  ) {}

  run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.transactions.run(work, {
      afterCommit: (qr) => this.bus.committed(qr),
      afterRollback: (qr) => this.bus.discard(qr),
    });
  }
}
