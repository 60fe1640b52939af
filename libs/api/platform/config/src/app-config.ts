import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const url = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine((v) => protocols.includes(new URL(v).protocol), `must start with ${protocols.join(' or ')}//`);

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Every boot setting Kefu reads from the environment. `.env.example` documents each one. */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  ROLE: z.enum(['api', 'worker', 'all']).default('all'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_URL: url(['http:', 'https:']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: bool.default(false),

  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  MIGRATIONS_RUN: bool.default(true),

  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9_-]+$/i).default('kefu'),

  ADMIN_EMAIL: z.string().email().default('admin@kefu.local'),
  ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  ADMIN_DIST_DIR: z.string().optional(),

  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  COOKIE_SECURE: bool.default(false),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCKOUT_SECONDS: z.coerce.number().int().min(1).default(900),

  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  SIGNATURE_TOLERANCE_SECONDS: z.coerce.number().int().min(1).default(300),

  SWEEPER_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
  SWEEPER_STALE_MS: z.coerce.number().int().min(0).default(5000),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(10).default(2000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  METRICS_TOKEN: z.string().min(16).optional(),

  /** Seed the demo shop's FAQ when the knowledge base is empty. Default: only in embedded mode. */
  SEED_DEMO: bool.optional(),
  /** Largest file an import endpoint accepts (CSV, JSON, zip of Markdown), in bytes. */
  UPLOAD_LIMIT_BYTES: z.coerce.number().int().min(1024).default(52_428_800),
  /** Knowledge feed sync: timeout of one fetch (ms) and the largest body read (bytes). */
  FEED_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  FEED_MAX_BYTES: z.coerce.number().int().min(1024).default(20_971_520),
  /** The enterprise's order system (docs/commerce-connector.md); unset = Kefu's own commerce tables. */
  COMMERCE_API_URL: url(['http:', 'https:']).optional(),
  COMMERCE_API_TOKEN: z.string().min(8).optional(),
  /** How long one call to the order system may take (ms) before the shopper is told it is down. */
  COMMERCE_TIMEOUT_MS: z.coerce.number().int().min(100).default(3000),
  /** `off` runs the pipeline without the dialogue engine (auto-replies only): for benchmarks and diagnosis. */
  DIALOGUE_ENGINE: z.enum(['on', 'off']).default('on'),

  /** Largest image a shopper may send from the chat widget, in bytes. */
  WIDGET_UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).default(5_242_880),
  /**
   * How long a WeChat push waits for the bot's answer to send it as the passive reply (ms). Later
   * answers go out through the customer-service message API. 0 = always answer `success` at once.
   */
  WECHAT_PASSIVE_REPLY_MS: z.coerce.number().int().min(0).max(4000).default(1500),
  /** How long one call to the WeChat API may take (ms). */
  WECHAT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  /** How long one SMTP send may take (ms) before it is retried. */
  SMTP_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),

  /** Claude's API key when none is saved in the admin's LLM settings (a saved key wins). */
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  /** Where the Messages API is reached; default https://api.anthropic.com (tests point it at a local fake). */
  ANTHROPIC_BASE_URL: url(['http:', 'https:']).optional(),
  /**
   * The master secret that encrypts API keys saved in the admin. Unset in embedded mode: one is
   * generated into DATA_DIR/secret.key. Unset in server mode: keys cannot be saved in the admin.
   */
  KEFU_SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Claude's circuit breaker: failed calls in a row that open it, and how long it stays open (ms). */
  LLM_BREAKER_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LLM_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(100).default(30_000),
  /** The shop's time zone (IANA name): Claude's daily budget and usage days start at its midnight. */
  SHOP_TIMEZONE: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai or Europe/Berlin')
    .default('Asia/Shanghai'),
});

export type AppConfig = z.infer<typeof configSchema> & {
  /** Derived: the database this process talks to. */
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  /** Derived: which queue driver runs. */
  queue: { kind: 'bullmq'; url: string; prefix: string } | { kind: 'in-process' };
  runsApi: boolean;
  runsWorker: boolean;
  /** Derived: SEED_DEMO, or true when no DATABASE_URL is set (embedded mode). */
  seedDemo: boolean;
};

export class ConfigError extends Error {}

/** Validates an environment; throws a ConfigError whose message names the first bad variable. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue.path[0] ?? 'environment');
    const shown = name in cleaned && !/PASSWORD|TOKEN|SECRET|KEY/.test(name) ? ` (got "${cleaned[name]}")` : '';
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message}${shown}`);
  }
  const c = result.data;
  return {
    ...c,
    database: c.DATABASE_URL ? { kind: 'postgres', url: c.DATABASE_URL } : { kind: 'pglite', dataDir: c.DATA_DIR },
    queue: c.REDIS_URL ? { kind: 'bullmq', url: c.REDIS_URL, prefix: c.QUEUE_PREFIX } : { kind: 'in-process' },
    runsApi: c.ROLE !== 'worker',
    runsWorker: c.ROLE !== 'api',
    seedDemo: c.SEED_DEMO ?? !c.DATABASE_URL,
  };
}

/** Reads process.env once. Only this library touches process.env. */
export function loadConfig(): AppConfig {
  return parseConfig(process.env);
}
