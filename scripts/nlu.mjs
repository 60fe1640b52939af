#!/usr/bin/env node
// `npm run nlu -- eval FILE.jsonl`: builds the API once if needed (cached by Nx), then runs the NLU command.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'apps', 'api', 'apps', 'api', 'src', 'nlu-cli.js');
if (!existsSync(entry) || process.env.KEFU_REBUILD === '1') {
  const r = spawnSync(join(root, 'node_modules', '.bin', 'nx'), ['run', 'api:build', '--output-style=stream'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const r = spawnSync(process.execPath, [entry, ...process.argv.slice(2)], { cwd: process.cwd(), stdio: 'inherit' });
process.exit(r.status ?? 1);
