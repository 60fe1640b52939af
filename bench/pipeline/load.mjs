// The load: closed-loop shoppers who wait for each reply, and an open-loop push as fast as the API takes it.

import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { push } from './harness.mjs';

/**
 * `parallel` shoppers; each takes the next conversation of `convs` and sends its messages one by one, each once
 * the previous one is answered (or after `messageTimeoutMs`). Returns a record per message.
 */
export async function closedLoop({ base, inbox, tracker, convs, parallel, tag, deadline, messageTimeoutMs }) {
  const records = [];
  const statuses = new Map();
  let next = 0;
  const shopper = async () => {
    while (next < convs.length && Date.now() < deadline) {
      const ci = next++;
      const conv = convs[ci];
      for (let t = 0; t < conv.messages.length && Date.now() < deadline; t++) {
        const m = conv.messages[t];
        const t0 = performance.now();
        const res = await push(base, inbox, {
          externalMessageId: `${tag}-${ci}-${t}`,
          externalUserId: `${tag}-shopper-${ci}`,
          text: m.text,
          metadata: m.metadata,
        });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status !== '202' || !res.body?.messageId) {
          records.push({ outcome: 'rejected' });
          continue;
        }
        const postMs = performance.now() - t0;
        const r = await tracker.wait(res.body.messageId, messageTimeoutMs);
        records.push({ ...r, postMs, clientMs: r.seenAt - t0, conversationId: res.body.conversationId, ci });
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: Math.min(parallel, convs.length) }, shopper));
  return { records, statuses, seconds: (performance.now() - t0) / 1000 };
}

export function summarize(run) {
  const done = run.records.filter((r) => r.outcome === 'replied' || r.outcome === 'no-reply');
  return {
    messages: run.records.length,
    replied: run.records.filter((r) => r.outcome === 'replied').length,
    noReply: run.records.filter((r) => r.outcome === 'no-reply').length,
    timedOut: run.records.filter((r) => r.outcome === 'timeout').length,
    rejected: run.records.filter((r) => r.outcome === 'rejected').length,
    seconds: run.seconds,
    rate: run.records.length / run.seconds,
    server: percentiles(done.map((r) => r.serverMs)),
    client: percentiles(done.map((r) => r.clientMs)),
    post: percentiles(run.records.filter((r) => r.postMs !== undefined).map((r) => r.postMs)),
    statuses: run.statuses,
    records: run.records,
  };
}

export function percentiles(values) {
  const s = values.slice().sort((a, b) => a - b);
  const q = (p) => (s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] : NaN);
  return { n: s.length, p50: q(0.5), p90: q(0.9), p99: q(0.99), max: s.length ? s[s.length - 1] : NaN };
}

// ---------------------------------------------------------------------------------------------
// Open loop: every conversation pushes its messages one after another as soon as the previous push
// is accepted, without waiting for replies; at most --open-concurrency pushes in flight.

export async function openLoop({ base, inbox, db, convs, tag, deadline, concurrency }) {
  let inFlight = 0;
  const waiting = [];
  const acquire = () =>
    inFlight < concurrency ? (inFlight++, Promise.resolve()) : new Promise((ok) => waiting.push(ok));
  const release = () => (waiting.length ? waiting.shift()() : inFlight--);
  const statuses = new Map();
  let accepted = 0;
  const t0 = performance.now();
  await Promise.all(
    convs.map(async (conv, ci) => {
      for (let t = 0; t < conv.messages.length && Date.now() < deadline; t++) {
        const m = conv.messages[t];
        await acquire();
        let res;
        try {
          res = await push(base, inbox, {
            externalMessageId: `${tag}-${ci}-${t}`,
            externalUserId: `${tag}-shopper-${ci}`,
            text: m.text,
            metadata: m.metadata,
          });
        } finally {
          release();
        }
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === '202') accepted++;
      }
    }),
  );
  const sendSeconds = (performance.now() - t0) / 1000;

  let processed = 0;
  while (Date.now() < deadline) {
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM messages WHERE inbox_id = $1 AND direction = 'incoming' AND status <> 'received'`,
      [inbox.id],
    );
    processed = rows[0].n;
    if (processed >= accepted) break;
    await sleep(50);
  }
  const drainSeconds = (performance.now() - t0) / 1000;

  const { rows } = await db.query(
    `SELECT extract(epoch FROM (updated_at - created_at)) * 1000 AS ms,
            extract(epoch FROM created_at) AS received, extract(epoch FROM updated_at) AS done
       FROM messages WHERE inbox_id = $1 AND direction = 'incoming' AND status <> 'received'`,
    [inbox.id],
  );
  const [{ n: replies }] = (
    await db.query(`SELECT count(*)::int AS n FROM messages WHERE inbox_id = $1 AND direction = 'outgoing'`, [
      inbox.id,
    ])
  ).rows;
  const { rows: firstRows } = await db.query(
    `SELECT extract(epoch FROM min(created_at)) AS first FROM messages WHERE inbox_id = $1 AND direction = 'incoming'`,
    [inbox.id],
  );
  const first = Number(firstRows[0].first);
  const last = rows.reduce((m, r) => Math.max(m, Number(r.done)), first);
  return {
    sent: [...statuses.values()].reduce((a, b) => a + b, 0),
    accepted,
    statuses,
    sendSeconds,
    acceptRate: accepted / sendSeconds,
    processed: rows.length,
    all: rows.length >= accepted,
    drainSeconds,
    spanSeconds: last - first,
    e2eRate: rows.length / Math.max(1e-6, last - first),
    server: percentiles(rows.map((r) => Number(r.ms))),
    replies,
  };
}
