#!/usr/bin/env node
// `npm test`: every unit and integration test, against real PostgreSQL and Redis.
// DATABASE_URL / REDIS_URL name the servers (default: the local ones); the tests create their own
// database `kefu_test` and fail fast with a clear message when a service is unreachable.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'node_modules', '.bin', 'jest'))) {
  console.log('Installing dependencies (first run)…');
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// PGlite and a few ESM-only dependencies are loaded with import(); Jest needs VM modules for that.
const nodeOptions = [process.env.NODE_OPTIONS, '--experimental-vm-modules', '--disable-warning=ExperimentalWarning'].filter(Boolean).join(' ');
const args = ['--runInBand', ...process.argv.slice(2)];
const r = spawnSync(join(root, 'node_modules', '.bin', 'jest'), args, {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_OPTIONS: nodeOptions },
});
process.exit(r.status ?? 1);
