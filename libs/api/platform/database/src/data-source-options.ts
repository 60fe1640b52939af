import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DataSourceOptions, MixedList } from 'typeorm';
import type { AppConfig } from '@kefu/api/platform/config';
import { SafeQueryLogger } from './safe-query-logger';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DataSourceParts {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string>;
}

/**
 * The one DataSource definition used by the app, the migration CLI and the tests.
 * DATABASE_URL set → that PostgreSQL; unset → PGlite (PostgreSQL in WebAssembly) persisted in DATA_DIR.
 * `synchronize` is off: the schema comes from migrations only.
 */
export function buildDataSourceOptions(config: AppConfig, parts: DataSourceParts): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each' as const,
    migrationsTableName: 'migrations',
    installExtensions: false,
    namingStrategy: new SnakeNamingStrategy(),
    entities: parts.entities ?? [],
    migrations: parts.migrations,
    logging: ['error' as const, 'warn' as const, 'migration' as const],
    logger: new SafeQueryLogger(),
    maxQueryExecutionTime: 1000,
  };
  if (config.database.kind === 'postgres') {
    return { ...common, url: config.database.url, extra: { max: 20, connectionTimeoutMillis: 5000 } };
  }
  return { ...common, driver: createPgliteDriver(config.database.dataDir), extra: { max: 1 } };
}

function createPgliteDriver(dataDir: string): unknown {
  const dir = resolve(dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  // Loaded lazily so server deployments never touch the WebAssembly build.
  const { PGliteDriver } = require('typeorm-pglite') as typeof import('typeorm-pglite');
  // Extensions the migrations CREATE (server PostgreSQL ships them in contrib).
  const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: unknown };
  type Options = NonNullable<ConstructorParameters<typeof PGliteDriver>[0]>;
  return new PGliteDriver({ dataDir: dir, extensions: { pg_trgm } as Options['extensions'] }).driver;
}
