// A child process of bench/widget holding `count` widget sockets (socket.io-client, WebSocket transport),
// as thousands of open shop pages would. Driven over IPC by run.mjs:
//   { cmd: 'connect', url, inboxId, count, concurrency } → { connected, failed, ms, latencies, errors }
//   { cmd: 'expect', id } then, once every socket got message `id` → { round: id, latencies }
//   { cmd: 'close' } → exits.
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';

const now = () => performance.timeOrigin + performance.now();
const sockets = [];
let round = null;

function onMessage(m) {
  if (!round || typeof m?.sentAt !== 'number') return;
  round.latencies.push(now() - m.sentAt);
  if (round.latencies.length === sockets.length) {
    process.send({ round: round.id, latencies: round.latencies });
    round = null;
  }
}

function open(url, inboxId) {
  return new Promise((resolve) => {
    const started = now();
    const socket = io(`${url}/widget`, {
      auth: { inboxId, locale: 'zh-CN' },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 60_000,
    });
    socket.once('session', () => resolve({ socket, ms: now() - started }));
    socket.once('connect_error', (e) => {
      socket.disconnect();
      resolve({ error: e.message });
    });
  });
}

async function connect({ url, inboxId, count, concurrency }) {
  const started = now();
  const latencies = [];
  const errors = {};
  let next = 0;
  let failed = 0;
  async function lane() {
    while (next < count) {
      next++;
      const r = await open(url, inboxId);
      if (r.error) {
        failed++;
        errors[r.error] = (errors[r.error] ?? 0) + 1;
        continue;
      }
      r.socket.on('message', onMessage);
      sockets.push(r.socket);
      latencies.push(r.ms);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  process.send({ connected: sockets.length, failed, ms: now() - started, latencies, errors });
}

process.on('message', (msg) => {
  if (msg.cmd === 'connect') void connect(msg);
  else if (msg.cmd === 'expect') round = { id: msg.id, latencies: [] };
  else if (msg.cmd === 'close') {
    for (const s of sockets) s.disconnect();
    setTimeout(() => process.exit(0), 200);
  }
});
process.send({ ready: true });
