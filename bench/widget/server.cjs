// The server side of bench/widget: one process holding every widget socket, driven over IPC by run.mjs.
//
//   kind=kefu  the real Kefu app (AppModule, TypeScript sources compiled on require by @swc/core),
//              embedded mode (PGlite, in-process queue) unless DATABASE_URL/REDIS_URL are given;
//              the widget inbox is created through InboxesService.
//   kind=bare  a plain socket.io server on the same namespace, answering each connection with a small
//              `session`: the baseline the figures are compared against.
//
// Messages from run.mjs: { cmd: 'mem' } → { mem }, { cmd: 'broadcast', id } → { broadcasted, id, emitMs },
// { cmd: 'fanout', id } → { fannedOut, id, emitMs, rooms }, { cmd: 'stop' }.
'use strict';
const { performance } = require('node:perf_hooks');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const kind = process.env.BENCH_KIND ?? 'kefu';
const now = () => performance.timeOrigin + performance.now();

async function settle() {
  for (let i = 0; i < 3; i++) {
    global.gc?.();
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function mem() {
  await settle();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
}

const sample = (sentAt) => ({
  id: '00000000-0000-4000-8000-000000000000',
  clientId: null,
  direction: 'outgoing',
  senderType: 'agent',
  text: '您好，您的订单已发货，预计明天送达。Your order has shipped and should arrive tomorrow.',
  attachments: [],
  content: { quickReplies: [{ label: '查物流', payload: 'track_order' }, { label: '转人工', payload: 'human' }] },
  createdAt: new Date().toISOString(),
  readAt: null,
  sentAt,
});

async function startKefu(port) {
  require(path.join(root, 'bench/knowledge/ts-register.cjs'));
  const { parseConfig } = require('@kefu/api/platform/config');
  const { createHttpApp } = require('@kefu/api/platform/http');
  const { InboxesService } = require('@kefu/api/conversations');
  const { WidgetBroadcaster } = require('@kefu/api/channels');
  const { AppModule } = require(path.join(root, 'apps/api/src/app.module.ts'));
  const config = parseConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    DATA_DIR: process.env.BENCH_DATA_DIR,
    DATABASE_URL: process.env.DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL,
    QUEUE_PREFIX: process.env.QUEUE_PREFIX,
    SEED_DEMO: 'false',
    ADMIN_PASSWORD: `bench-${Date.now()}-password`,
  });
  const app = await createHttpApp(AppModule.forRoot(config), config, { openApi: false });
  await app.listen({ port, host: '127.0.0.1' });
  const inbox = await app.get(InboxesService).create({ name: 'Bench widget', channel: 'widget' });
  const broadcaster = app.get(WidgetBroadcaster);
  const nsp = broadcaster.namespace;
  return {
    inboxId: inbox.id,
    nsp,
    fanout: (payload) => {
      let rooms = 0;
      for (const s of nsp.sockets.values()) {
        broadcaster.emit(s.data.room, 'message', payload);
        rooms++;
      }
      return rooms;
    },
    close: () => app.close(),
  };
}

async function startBare(port) {
  const { createServer } = require('node:http');
  const { Server } = require('socket.io');
  const http = createServer();
  const io = new Server(http, { serveClient: false });
  const nsp = io.of('/widget');
  nsp.use((socket, next) => {
    socket.data = { room: `w:bare:${socket.id}` };
    next();
  });
  nsp.on('connection', (socket) => {
    socket.join(socket.data.room);
    socket.emit('session', { visitorToken: 'bare', verified: false, conversationId: null, settings: {}, messages: [] });
  });
  await new Promise((r) => http.listen(port, '127.0.0.1', r));
  return {
    inboxId: '00000000-0000-4000-8000-000000000000',
    nsp,
    fanout: (payload) => {
      let rooms = 0;
      for (const s of nsp.sockets.values()) {
        nsp.to(s.data.room).emit('message', payload);
        rooms++;
      }
      return rooms;
    },
    close: () => new Promise((r) => io.close(() => r())),
  };
}

async function main() {
  const port = Number(process.env.BENCH_PORT);
  const booted = now();
  const server = kind === 'bare' ? await startBare(port) : await startKefu(port);
  process.send({ ready: true, inboxId: server.inboxId, bootMs: now() - booted, mem: await mem() });
  process.on('message', async (msg) => {
    if (msg.cmd === 'mem') process.send({ mem: await mem(), sockets: server.nsp.sockets.size });
    else if (msg.cmd === 'broadcast') {
      const sentAt = now();
      server.nsp.emit('message', sample(sentAt));
      process.send({ broadcasted: true, id: msg.id, sentAt, emitMs: now() - sentAt });
    } else if (msg.cmd === 'fanout') {
      const sentAt = now();
      const rooms = server.fanout(sample(sentAt));
      process.send({ fannedOut: true, id: msg.id, sentAt, emitMs: now() - sentAt, rooms });
    } else if (msg.cmd === 'stop') {
      await server.close().catch(() => undefined);
      process.exit(0);
    }
  });
}

main().catch((e) => {
  process.stderr.write(`bench server (${kind}) failed: ${e.stack ?? e}\n`);
  process.exit(1);
});
