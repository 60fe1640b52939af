#!/usr/bin/env node
// Copies each API library's runtime data (libs/api/<domain>/data) next to its compiled code in dist,
// so code that reads `path.join(__dirname, '../data/...')` finds the same files in the build.
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const libs = join(root, 'libs', 'api');
let copied = 0;
for (const domain of readdirSync(libs)) {
  const data = join(libs, domain, 'data');
  if (!existsSync(data)) continue;
  cpSync(data, join(root, 'dist', 'apps', 'api', 'libs', 'api', domain, 'data'), { recursive: true });
  copied++;
}
console.log(`copied runtime data of ${copied} API librar${copied === 1 ? 'y' : 'ies'}`);
