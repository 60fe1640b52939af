// What the run printed at the end: tables, ratios, the target line, the profile; and the diagnostics printed
// along the way (the API's log, what the bot did, transcripts).

import { readFileSync } from 'node:fs';

/** Lines the API wrote so far (its start-up banner left out). */
export function logLines(file) {
  let lines = [];
  try {
    lines = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !/^\s*(Kefu is running|Admin:|API:|Health:)/.test(l));
  } catch {
    // no log
  }
  return {
    count: lines.length,
    tail: lines
      .slice(-5)
      .map((l) => `    ${l.slice(0, 300)}`)
      .join('\n'),
  };
}

// ---------------------------------------------------------------------------------------------
// What the bot did: a check that the mix of messages gets real answers (not only "please rephrase").
// The dialogue engine's tables and columns may not exist (an API built before it): then nothing is printed.

export async function printActivity(db, log) {
  const lines = [];
  const tryQuery = async (label, sql) => {
    try {
      const { rows } = await db.query(sql);
      if (rows.length) lines.push(`  ${label}: ${rows.map((r) => `${r.k ?? '-'} ${r.n}`).join(', ')}`);
    } catch {
      // not in this build
    }
  };
  await tryQuery(
    'incoming messages by intent',
    `SELECT nlu->>'intent' AS k, count(*)::int AS n FROM messages WHERE direction = 'incoming' AND nlu IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1`,
  );
  await tryQuery(
    'dialogue outcomes',
    `SELECT outcome AS k, count(*)::int AS n FROM dialogue_outcomes GROUP BY 1 ORDER BY 2 DESC, 1`,
  );
  await tryQuery(
    'conversations handed off',
    `SELECT coalesce(handoff_reason, status) AS k, count(*)::int AS n FROM conversations WHERE status <> 'bot' GROUP BY 1 ORDER BY 2 DESC, 1`,
  );
  for (const l of lines) log(l);
}

export async function printTranscripts(db, records, count, log) {
  const ids = [...new Set(records.map((r) => r.conversationId).filter(Boolean))].slice(0, count);
  for (const id of ids) {
    const { rows } = await db.query(
      `SELECT direction, text, metadata FROM messages WHERE conversation_id = $1 ORDER BY created_at, id`,
      [id],
    );
    log(`  --- conversation ${id}`);
    for (const m of rows) {
      const meta =
        m.direction === 'incoming' && Object.keys(m.metadata ?? {}).length
          ? `  ${JSON.stringify(m.metadata)}`
          : '';
      log(
        `  ${m.direction === 'incoming' ? 'shopper' : 'bot    '}: ${m.text.replace(/\s+/g, ' ').slice(0, 160)}${meta}`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Report

export function fmtStatuses(statuses) {
  return [...statuses.entries()].map(([k, v]) => `${k}×${v}`).join(' ') || 'none';
}

function table(head, body) {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => String(b[i]).length)));
  const line = (cells) =>
    cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

export const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');
export const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : '-');
const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(0)}%` : '-');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '-');

/** The final report; `opts` are the run's options (open-loop sizes), `target` DESIGN.md's figures. */
export function report(results, opts, target) {
  const out = [];
  const closedRows = results.flatMap((r) =>
    r.closed.map((s) => [
      r.kind,
      s.parallel,
      s.messages,
      s.replied,
      s.noReply,
      s.timedOut + s.rejected,
      s.seconds.toFixed(1),
      f0(s.rate),
      f1(s.server.p50),
      f1(s.server.p90),
      f1(s.server.p99),
      f1(s.server.max),
      f1(s.client.p50),
      f1(s.client.p99),
      f1(s.post.p99),
      f1(s.cpu.apiMsPerMsg),
      f1(s.cpu.pgMsPerMsg),
      pct(s.cpu.busy),
      f0(s.rss),
    ]),
  );
  if (closedRows.length) {
    out.push('Closed loop (each shopper waits for the reply before sending the next message)\n');
    out.push(
      table(
        [
          'run',
          'parallel',
          'msgs',
          'replied',
          'no reply',
          'missing',
          'wall s',
          'msg/s',
          'p50 ms',
          'p90 ms',
          'p99 ms',
          'max ms',
          'client p50',
          'client p99',
          'POST p99',
          'API CPU/msg',
          'PG CPU/msg',
          'busy',
          'RSS MB',
        ],
        closedRows,
      ),
    );
  }
  const full = results.find((r) => r.kind === 'full');
  const baseline = results.find((r) => r.kind === 'baseline');
  if (full && baseline) {
    const rows = [];
    for (const s of full.closed) {
      const b = baseline.closed.find((x) => x.parallel === s.parallel);
      if (!b) continue;
      rows.push([
        s.parallel,
        ratio(s.rate, b.rate),
        ratio(s.server.p50, b.server.p50),
        ratio(s.server.p99, b.server.p99),
        ratio(s.client.p50, b.client.p50),
        ratio(s.client.p99, b.client.p99),
        ratio(s.cpu.apiMsPerMsg, b.cpu.apiMsPerMsg),
        ratio(s.cpu.pgMsPerMsg, b.cpu.pgMsPerMsg),
      ]);
    }
    if (full.open && baseline.open)
      rows.push([
        'open loop',
        ratio(full.open.e2eRate, baseline.open.e2eRate),
        ratio(full.open.server.p50, baseline.open.server.p50),
        ratio(full.open.server.p99, baseline.open.server.p99),
        '-',
        '-',
        ratio(full.open.cpu.apiMsPerMsg, baseline.open.cpu.apiMsPerMsg),
        ratio(full.open.cpu.pgMsPerMsg, baseline.open.cpu.pgMsPerMsg),
      ]);
    if (rows.length) {
      out.push('\nFull / baseline (DIALOGUE_ENGINE=off)\n');
      out.push(
        table(
          ['parallel', 'msg/s', 'p50', 'p99', 'client p50', 'client p99', 'API CPU/msg', 'PG CPU/msg'],
          rows,
        ),
      );
    }
  }
  const openRows = results
    .filter((r) => r.open)
    .map(({ kind, open: o }) => [
      kind,
      `${o.accepted}/${o.sent}`,
      f0(o.acceptRate),
      o.all ? `${o.processed}` : `${o.processed} (timeout)`,
      o.drainSeconds.toFixed(1),
      f0(o.e2eRate),
      f1(o.server.p50),
      f1(o.server.p90),
      f1(o.server.p99),
      f1(o.server.max),
      o.replies,
      f1(o.cpu.apiMsPerMsg),
      f1(o.cpu.pgMsPerMsg),
      pct(o.cpu.busy),
      f0(o.rss),
    ]);
  if (openRows.length) {
    out.push(
      `\nOpen loop (${opts.openMessages} messages over ${opts.openConversations} conversations, ` +
        `${opts.openConcurrency} pushes in flight, nobody waits for replies)\n`,
    );
    out.push(
      table(
        [
          'run',
          'accepted',
          'accept msg/s',
          'processed',
          'all done s',
          'e2e msg/s',
          'p50 ms',
          'p90 ms',
          'p99 ms',
          'max ms',
          'replies',
          'API CPU/msg',
          'PG CPU/msg',
          'busy',
          'RSS MB',
        ],
        openRows,
      ),
    );
  }
  if (full) {
    const worst = full.closed.reduce((m, s) => (s.server.p99 > (m?.server.p99 ?? -1) ? s : m), null);
    out.push(
      `\nTarget: ${target.rate} msg/s end to end, p99 < ${target.p99} ms receipt → stored reply. ` +
        `Full pipeline: ${full.open ? `${f0(full.open.e2eRate)} msg/s open loop (p99 ${f1(full.open.server.p99)} ms under that load)` : 'no open-loop run'}` +
        `${worst ? `; closed-loop p99 at most ${f1(worst.server.p99)} ms (${worst.parallel} in parallel)` : ''}; ` +
        `peak RSS ${f0(full.peakRss)} MB.`,
    );
  }
  for (const r of results) {
    if (!r.profile) continue;
    out.push(
      `\nCPU profile of the ${r.kind} API (${r.profile.path}${r.profile.others ? `, ${r.profile.others} smaller ones skipped` : ''}; ` +
        `whole process life, boot and seed included): top ${r.profile.rows.length} by self time of ${f0(r.profile.totalMs)} ms\n`,
    );
    out.push(
      table(
        ['function', 'self ms', 'share', 'where'],
        r.profile.rows.map((x) => [x.name.slice(0, 48), f0(x.ms), `${(x.share * 100).toFixed(1)}%`, x.where]),
      ),
    );
  }
  out.push(
    "\nlatency (p50 … max) = created_at of the bot's first reply − created_at of the incoming message, both server",
    "timestamps (a message row's created_at is its insert time, clock_timestamp(); the commit is not included). For",
    'a message processed without a reply (the baseline; hand-offs) it ends at its updated_at instead: the start of the',
    'worker transaction that marked it processed. "client" = from the start of the POST until the poller saw the',
    'message processed; "POST" = until the 202. "missing" = no reply within --message-timeout, or push not accepted.',
    'Open loop: latency to the start of the worker transaction (updated_at − created_at) for every message; e2e msg/s',
    '= processed messages / (last processed − first received), server clock. "API CPU/msg", "PG CPU/msg" = ms of CPU',
    "(user + system, /proc) of the API process and of the PostgreSQL backends serving it (not the poller's) per",
    'message; "busy" = share of all CPUs of the machine in use meanwhile (anything else running shows there).',
  );
  return out.join('\n');
}
