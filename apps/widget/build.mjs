#!/usr/bin/env node
// Builds the chat widget: type-checks apps/widget, then bundles src/main.ts with socket.io-client into
// one minified IIFE, dist/apps/widget/widget.js, served by the API at GET /widget.js.
//   node apps/widget/build.mjs            production bundle
//   node apps/widget/build.mjs --dev      unminified, with an inline source map
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const outfile = join(root, 'dist', 'apps', 'widget', 'widget.js');
const dev = process.argv.includes('--dev');

const tsc = spawnSync(
  process.execPath,
  [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(here, 'tsconfig.json')],
  {
    stdio: 'inherit',
  },
);
if (tsc.status !== 0) {
  console.error('✗ the widget does not type-check');
  process.exit(1);
}

const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
await build({
  entryPoints: [join(here, 'src', 'main.ts')],
  outfile,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  // Browsers of the last few years (shadow DOM, fetch, URL, optional chaining compiled away).
  target: ['chrome84', 'firefox80', 'safari15', 'edge84'],
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  legalComments: 'eof',
  banner: { js: `/* Kefu chat widget ${version} */` },
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});

const bytes = readFileSync(outfile);
console.log(
  `built ${relative(root, outfile)}: ${(bytes.length / 1024).toFixed(1)} KB, ${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1)} KB gzipped`,
);
