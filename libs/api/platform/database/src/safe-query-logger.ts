import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM's own loggers print query parameters, which carry message text, emails and phone numbers.
 * This one logs failing and slow queries by their SQL (with $n placeholders) and the error's
 * message only; parameters and the error's `detail` (which quotes values) never reach the log.
 */
export class SafeQueryLogger implements TypeOrmLogger {
  private readonly out = new NestLogger('Database');

  logQuery(): void {
    // Successful queries are not logged.
  }

  logQueryError(error: string | Error, query: string): void {
    const message = typeof error === 'string' ? error : error.message;
    this.out.error(`query failed: ${message} — ${oneLine(query)}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.out.warn(`slow query (${time} ms): ${oneLine(query)}`);
  }

  logSchemaBuild(): void {
    // Schema changes come from migrations, which log themselves.
  }

  logMigration(message: string): void {
    this.out.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.out.warn(String(message));
  }
}

const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 500);
