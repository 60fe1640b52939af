// The API process of bench/llm: the real Kefu app (AppModule from the TypeScript sources, compiled on
// require by @swc/core, as bench/widget does), embedded (PGlite in BENCH_DATA_DIR, in-process queue), demo
// shop seeded, Claude switched on by ANTHROPIC_API_KEY and pointed at the bench's fake model through
// ANTHROPIC_BASE_URL. Creates one widget inbox without a greeting and reports over IPC:
//   → { ready: true, inboxId, bootMs, workerConcurrency }; { cmd: 'stop' } closes the app and exits.
'use strict';
const path = require('node:path');

const root = path.resolve(__dirname, '../..');

async function main() {
  const booted = Date.now();
  require(path.join(root, 'bench/knowledge/ts-register.cjs'));
  const { parseConfig } = require('@kefu/api/platform/config');
  const { createHttpApp } = require('@kefu/api/platform/http');
  const { InboxesService } = require('@kefu/api/conversations');
  const { AppModule } = require(path.join(root, 'apps/api/src/app.module.ts'));
  const env = process.env;
  const config = parseConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: env.BENCH_LOG_LEVEL ?? 'warn',
    DATA_DIR: env.BENCH_DATA_DIR,
    SEED_DEMO: 'true',
    ADMIN_EMAIL: env.BENCH_ADMIN_EMAIL,
    ADMIN_PASSWORD: env.BENCH_ADMIN_PASSWORD,
    ANTHROPIC_API_KEY: env.BENCH_ANTHROPIC_API_KEY,
    ANTHROPIC_BASE_URL: env.BENCH_ANTHROPIC_BASE_URL,
    ...(env.BENCH_WORKER_CONCURRENCY ? { WORKER_CONCURRENCY: env.BENCH_WORKER_CONCURRENCY } : {}),
  });
  const app = await createHttpApp(AppModule.forRoot(config), config, { openApi: false });
  await app.listen({ port: Number(env.BENCH_PORT), host: '127.0.0.1' });
  const inbox = await app.get(InboxesService).create({ name: 'Bench LLM widget', channel: 'widget', greetingEnabled: false });
  process.send({ ready: true, inboxId: inbox.id, bootMs: Date.now() - booted, workerConcurrency: config.WORKER_CONCURRENCY });
  process.on('message', async (msg) => {
    if (msg?.cmd !== 'stop') return;
    await app.close().catch(() => undefined);
    process.exit(0);
  });
}

main().catch((e) => {
  process.stderr.write(`bench/llm server failed: ${e.stack ?? e}\n`);
  process.exit(1);
});
