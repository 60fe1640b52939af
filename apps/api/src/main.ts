import 'reflect-metadata';
import { resolve } from 'node:path';
import { createHttpApp } from '@kefu/api/platform/http';
import { AppModule } from './app.module';
import { readConfigOrExit } from './config-or-exit';

/** Routes a worker-only process answers; everything else is the API role's. */
const WORKER_ROUTES = new Set(['/health', '/metrics']);

async function bootstrap() {
  const config = readConfigOrExit();
  const adminDir = resolve(config.ADMIN_DIST_DIR ?? resolve(__dirname, '../../../../admin/browser'));
  const app = await createHttpApp(AppModule.forRoot(config), config, { adminDir });
  if (!config.runsApi) {
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onRequest', async (req, reply) => {
        if (!WORKER_ROUTES.has(req.url.split('?')[0])) await reply.status(404).send({ statusCode: 404, error: 'Not Found', message: 'this is a worker process (ROLE=worker)' });
      });
  }
  await app.listen({ port: config.PORT, host: config.HOST });
  const url = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  const db = config.database.kind === 'postgres' ? 'PostgreSQL' : `embedded PGlite in ${resolve(config.DATA_DIR)}`;
  const queue = config.queue.kind === 'bullmq' ? 'BullMQ on Redis' : 'in-process';
  process.stdout.write(
    `\nKefu is running (role ${config.ROLE}; database: ${db}; queue: ${queue})\n` +
      (config.runsApi
        ? `  Admin:   ${url}/admin/   (log in as ${config.ADMIN_EMAIL})\n` +
          (config.seedDemo ? `  Demo:    ${url}/demo     (a demo shop page with the chat widget)\n` : '') +
          `  API:     ${url}/api/docs\n  Health:  ${url}/health\n\n`
        : `  Health:  ${url}/health\n\n`),
  );
}

void bootstrap();
