import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createAdapter } from '@socket.io/redis-adapter';
import IORedis from 'ioredis';
import { Logger } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerOptions } from 'socket.io';
import type { AppConfig } from '@kefu/api/platform/config';
import { MetricsService } from './metrics.service';
import { UPLOAD_CONTENT_TYPES } from './upload.decorator';

/** Socket.io; with Redis, events reach the sockets of every API replica. */
class KefuIoAdapter extends IoAdapter {
  private redis?: { pub: IORedis; sub: IORedis };
  constructor(
    app: INestApplicationContext,
    private readonly redisUrl?: string,
  ) {
    super(app);
  }
  override createIOServer(port: number, options?: ServerOptions) {
    const server = super.createIOServer(port, { ...options, serveClient: false });
    if (this.redisUrl) {
      const pub = new IORedis(this.redisUrl, { lazyConnect: false });
      const sub = pub.duplicate();
      pub.on('error', () => undefined);
      sub.on('error', () => undefined);
      // The adapter publishes without awaiting: an event emitted while the app shuts down (the
      // connection already closed) would be an unhandled rejection. Live events are best effort —
      // clients catch up from the database when they reconnect — so a failed publish is dropped.
      const publish = pub.publish.bind(pub) as (channel: string, message: string) => Promise<number>;
      pub.publish = ((channel: string, message: string) => publish(channel, message).catch(() => 0)) as typeof pub.publish;
      this.redis = { pub, sub };
      server.adapter(createAdapter(pub, sub));
    }
    return server;
  }
  override async close(server: Parameters<IoAdapter['close']>[0]) {
    await super.close(server);
    for (const c of [this.redis?.pub, this.redis?.sub]) {
      if (c?.status === 'ready') await c.quit().catch(() => c.disconnect());
      else c?.disconnect();
    }
  }
}

export interface HttpAppOptions {
  /** Directory with the built admin (index.html). Served at /admin when it exists. */
  adminDir?: string;
  /** Skip the OpenAPI document (tests). */
  openApi?: boolean;
}

/** Builds the Fastify-based Nest application exactly as production runs it (also used by tests). */
export async function createHttpApp(
  module: Type<unknown> | ReturnType<typeof Object>,
  config: AppConfig,
  options: HttpAppOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: config.BODY_LIMIT_BYTES, trustProxy: true });
  const app = await NestFactory.create<NestFastifyApplication>(module as Type<unknown>, adapter, {
    rawBody: true,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.register(fastifyCookie);
  app.useWebSocketAdapter(new KefuIoAdapter(app, config.queue.kind === 'bullmq' ? config.queue.url : undefined));

  const metrics = app.get(MetricsService);
  const fastify = app.getHttpAdapter().getInstance();
  // File uploads (knowledge imports) arrive as the raw body: the handler gets a Buffer. Routes marked
  // @Upload() accept up to UPLOAD_LIMIT_BYTES of any content type they take; every other route keeps BODY_LIMIT_BYTES.
  fastify.addContentTypeParser(UPLOAD_CONTENT_TYPES, { parseAs: 'buffer', bodyLimit: config.BODY_LIMIT_BYTES }, (_req, body, done) =>
    done(null, body),
  );
  fastify.addHook('onRoute', (route) => {
    if ((route.config as { upload?: boolean } | undefined)?.upload) route.bodyLimit = config.UPLOAD_LIMIT_BYTES;
  });
  fastify.addHook('onResponse', async (req, reply) => {
    metrics.httpDuration
      .labels(req.method, req.routeOptions?.url ?? 'unmatched', String(reply.statusCode))
      .observe(reply.elapsedTime / 1000);
  });

  if (options.openApi !== false) {
    const doc = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Kefu API')
        .setDescription('Self-hosted AI customer service. Admin endpoints use the kefu_session cookie; channel pushes are HMAC-signed.')
        .setVersion('1')
        .addCookieAuth('kefu_session')
        .build(),
    );
    SwaggerModule.setup('api/docs', app, doc);
  }

  const adminDir = options.adminDir;
  if (adminDir && existsSync(join(adminDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: adminDir, prefix: '/admin/', decorateReply: true, wildcard: false });
    // Client-side routes (/admin/conversations/…) get the SPA's index.html.
    fastify.get('/admin/*', (_req, reply) => reply.sendFile('index.html'));
    fastify.get('/admin', (_req, reply) => reply.redirect('/admin/'));
    fastify.get('/', (_req, reply) => reply.redirect('/admin/'));
  }
  return app;
}
