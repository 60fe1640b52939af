#!/usr/bin/env node
// `npm start`: on a fresh clone, install what is missing, build, migrate and serve Kefu on :3000.
// With no DATABASE_URL it runs on the embedded PGlite database in ./data and an in-process queue.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args, extraEnv = {}) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  if (r.status !== 0) {
    console.error(`\n✗ ${cmd} ${args.join(' ')} failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
};

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Kefu needs Node.js 20.19 or newer; this is ${process.version}.`);
  process.exit(1);
}

const lock = join(root, 'package-lock.json');
const installed = join(root, 'node_modules', '.package-lock.json');
if (!existsSync(installed) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(installed).mtimeMs + 1000)) {
  console.log('› Installing dependencies…');
  run('npm', ['install', '--no-audit', '--no-fund']);
}

console.log('› Building the API, the admin and the chat widget (cached after the first time)…');
run(join(root, 'node_modules', '.bin', 'nx'), ['run-many', '-t', 'build', '-p', 'api', 'admin', 'widget', '--output-style=stream'], {
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
});

const main = join(root, 'dist', 'apps', 'api', 'apps', 'api', 'src', 'main.js');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
console.log(`› Starting Kefu ${version} (migrations run at boot)…`);
const child = spawn(process.execPath, [main], {
  cwd: root,
  stdio: 'inherit',
  env: { LOG_LEVEL: 'warn', ...process.env },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
