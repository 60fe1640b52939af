// The load of one step (N pushes, K in flight) and the waits between steps.

import { setTimeout as sleep } from 'node:timers/promises';
import { pushText } from './push.mjs';

/** What shoppers write: greetings, orders, returns, promotions, thanks (zh and en). */
export const TEXTS = [
  '你好',
  '我的订单到哪了',
  '怎么退货',
  '有什么优惠活动',
  '谢谢',
  'hello',
  'where is my order',
  '在吗',
  '可以开发票吗',
  '转人工',
];

const pct = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
let msgSeq = BigInt(Date.now()) * 1000n;

/** `count` pushes, `inFlight` at a time (each worker sends its next push when the last is answered). */
export async function load({ base, inboxId, keys, account, count, inFlight, users, tag }) {
  const results = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(inFlight, count) }, async () => {
      for (let i = next++; i < count; i = next++) {
        const openId = `o-bench-${tag}-${i % users}`;
        results.push(
          await pushText(base, inboxId, keys, {
            openId,
            account,
            msgId: String(++msgSeq),
            content: TEXTS[i % TEXTS.length],
          }),
        );
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const ok = results.filter((r) => r.answer !== 'error');
  return {
    pushes: results.length,
    seconds,
    rate: results.length / seconds,
    p50: pct(ms, 50),
    p90: pct(ms, 90),
    p99: pct(ms, 99),
    max: ms[ms.length - 1],
    passive: results.filter((r) => r.answer === 'passive').length,
    errors: results.length - ok.length,
    statuses: [...new Set(results.filter((r) => r.answer === 'error').map((r) => r.why ?? r.status))],
  };
}

/** Waits until the workers have processed every push and delivered every reply. */
export async function drain(db, deadline) {
  for (;;) {
    const { rows } = await db.query(
      `SELECT count(*) FILTER (WHERE direction = 'incoming' AND status = 'received')::int AS waiting,
              count(*) FILTER (WHERE direction = 'outgoing' AND status = 'pending')::int AS pending
         FROM messages`,
    );
    if (!rows[0].waiting && !rows[0].pending) return;
    if (Date.now() > deadline)
      throw new Error(
        `not drained in time: ${rows[0].waiting} pushes unprocessed, ${rows[0].pending} replies undelivered`,
      );
    await sleep(100);
  }
}

export async function delivered(db) {
  const { rows } = await db.query(
    `SELECT count(*) FILTER (WHERE status = 'delivered')::int AS delivered, count(*) FILTER (WHERE status = 'failed')::int AS failed
       FROM messages WHERE direction = 'outgoing'`,
  );
  return rows[0];
}
