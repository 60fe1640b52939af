/**
 * The environment the integration tests read: which PostgreSQL and Redis to use, and the test
 * database the global setup created. Kept here so that only this library touches process.env.
 */
export interface TestEnv {
  databaseUrl?: string;
  redisUrl?: string;
  /** Set by the tests' global setup for the test files. */
  testDatabaseUrl?: string;
  logLevel?: string;
}

export function readTestEnv(): TestEnv {
  const e = process.env;
  return { databaseUrl: e.DATABASE_URL, redisUrl: e.REDIS_URL, testDatabaseUrl: e.KEFU_TEST_DATABASE_URL, logLevel: e.LOG_LEVEL };
}

/** Sets test-process variables: the created test database, and a default log level. */
export function writeTestEnv(vars: { testDatabaseUrl?: string; defaultLogLevel?: string }): void {
  if (vars.testDatabaseUrl) process.env.KEFU_TEST_DATABASE_URL = vars.testDatabaseUrl;
  if (vars.defaultLogLevel) process.env.LOG_LEVEL ??= vars.defaultLogLevel;
}
