#!/usr/bin/env node
// `npm run stories`: the conversation stories (docs/stories.md) against the real pipeline.
// Builds the API first when its build is missing or older than any API source (Nx caches the build),
// then runs the compiled CLI. The stories themselves are read from libs/api/dialogue/stories, so
// editing a story needs no build. KEFU_REBUILD=1 forces the build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'apps', 'api', 'apps', 'api', 'src', 'stories-cli.js');

/** Newest modification time of the files the API build compiles or copies. */
function newestSource(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'stories') newest = Math.max(newest, newestSource(path));
    } else if (/\.(ts|json)$/.test(e.name) && !/\.(spec|int-spec)\.ts$/.test(e.name)) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

const stale =
  !existsSync(entry) ||
  process.env.KEFU_REBUILD === '1' ||
  Math.max(
    ...['apps/api/src', 'apps/api/migrations', 'libs/api', 'libs/shared'].map((d) =>
      newestSource(join(root, d)),
    ),
  ) > statSync(entry).mtimeMs;
if (stale) {
  process.stderr.write('Building the API (npm run build:api)…\n');
  const r = spawnSync(
    join(root, 'node_modules', '.bin', 'nx'),
    ['run', 'api:build', '--output-style=stream'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
    },
  );
  if (r.status !== 0) {
    // tsc reports on stdout: show it only when the build fails.
    process.stderr.write(r.stdout ?? '');
    process.stderr.write('\nThe API does not build: fix the errors above (stories run the compiled app).\n');
    process.exit(r.status ?? 1);
  }
}
const r = spawnSync(process.execPath, [entry, ...process.argv.slice(2)], {
  cwd: process.cwd(),
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
