// Summarises a V8 .cpuprofile (written by `node --cpu-prof`): self time per function.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The largest .cpuprofile in `dir` (the main thread's; worker threads write smaller ones), or null. */
export function findProfile(dir) {
  let files;
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  } catch {
    return null;
  }
  const sized = files.map((f) => ({ path: join(dir, f), size: statSync(join(dir, f)).size }));
  sized.sort((a, b) => b.size - a.size);
  return sized.length ? { path: sized[0].path, others: sized.length - 1 } : null;
}

/**
 * Self time by function: each sample's duration (the delta to the next sample) goes to the node it
 * hit; nodes are grouped by callFrame functionName + url (all the lines of one function name in one
 * file together). Returns { totalMs, rows: [{ name, where, ms, share }] } sorted by self time.
 */
export function selfTimes(profilePath, root, top = 25) {
  const p = JSON.parse(readFileSync(profilePath, 'utf8'));
  const frameOf = new Map(p.nodes.map((n) => [n.id, n.callFrame]));
  const byNode = new Map();
  const { samples = [], timeDeltas = [] } = p;
  for (let i = 0; i < samples.length; i++) {
    const us = i + 1 < timeDeltas.length ? timeDeltas[i + 1] : 0;
    byNode.set(samples[i], (byNode.get(samples[i]) ?? 0) + us);
  }
  const groups = new Map();
  let totalUs = 0;
  for (const [id, us] of byNode) {
    totalUs += us;
    const f = frameOf.get(id);
    const name = f?.functionName || '(anonymous)';
    const url = f?.url ?? '';
    const key = `${name}\u0000${url}`;
    const g = groups.get(key) ?? { name, url, line: f?.lineNumber ?? -1, us: 0 };
    g.us += us;
    groups.set(key, g);
  }
  const short = (url, line) => {
    if (!url) return '';
    let u = url.replace(/^file:\/\//, '');
    if (u.startsWith(`${root}/`)) u = u.slice(root.length + 1);
    u = u.replace(/^.*node_modules\//, 'node_modules/');
    return line >= 0 ? `${u}:${line + 1}` : u;
  };
  const rows = [...groups.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, top)
    .map((g) => ({
      name: g.name,
      where: short(g.url, g.line),
      ms: g.us / 1000,
      share: totalUs ? g.us / totalUs : 0,
    }));
  return { totalMs: totalUs / 1000, rows };
}
