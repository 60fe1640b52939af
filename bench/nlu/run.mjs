#!/usr/bin/env node
// bench/nlu: Kefu's offline language engine against NLP.js (@nlpjs/basic's NLP with the en, zh and ja
// language packages), trained on the same training split and scored on the same held-out splits, in one run.
// Prints accuracy and macro-F1 per split, out-of-scope recall and false-out-of-scope rate, parse speed
// (parses/s on one core, p50/p99 for ~40-character messages), training time on 40,000 examples, model
// memory, entity F1 and emotion recall.  Usage: npm run bench:nlu [-- --skip-nlpjs]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const lib = join(root, 'dist', 'apps', 'api', 'libs', 'api', 'nlu', 'src', 'lib');
if (!existsSync(join(lib, 'nlu-engine.js')) || process.env.KEFU_REBUILD === '1') {
  console.log('› building the API (cached by Nx)…');
  const r = spawnSync(join(root, 'node_modules', '.bin', 'nx'), ['run', 'api:build', '--output-style=stream'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const require = createRequire(import.meta.url);
const { loadBuiltinTraining, loadHeldOut, parseJsonl, NLU_DATA_DIR } = require(join(lib, 'training', 'training-data.js'));
const { buildModel } = require(join(lib, 'training', 'model-builder.js'));
const { createEngine, prepareEngines } = require(join(lib, 'engine-factory.js'));
const { classificationReport, entityReport } = require(join(lib, 'training', 'metrics.js'));
const skipNlpjs = process.argv.includes('--skip-nlpjs');

const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—');
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

console.log(`Kefu NLU bench — node ${process.version}, ${new Date().toISOString()}`);
const train = loadBuiltinTraining();
const held = loadHeldOut();
console.log(`training split: ${train.length} examples (${['zh', 'en', 'ja', 'bitext'].map((c) => `${c} ${train.filter((e) => e.corpus === c).length}`).join(', ')})`);
console.log(`held-out splits: ${Object.entries(held).map(([c, r]) => `${c} ${r.length}`).join(', ')}\n`);

// ---- Kefu: train (no cache) and measure memory of the loaded model
if (global.gc) global.gc();
const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
let t0 = Date.now();
await prepareEngines();
const built = await buildModel({ examples: train, cacheDir: false });
const kefuTrainMs = Date.now() - t0;
const engine = createEngine(built.classifier, 1);
engine.parse('warm up 预热 ウォームアップ');
if (global.gc) global.gc();
const heapAfter = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;

// ---- NLP.js on the same data
let nlp = null;
let nlpTrainMs = NaN;
if (!skipNlpjs) {
  const { containerBootstrap } = require('@nlpjs/core');
  const { Nlp } = require('@nlpjs/nlp');
  const { LangEn } = require('@nlpjs/lang-en-min');
  const { LangZh } = require('@nlpjs/lang-zh');
  const { LangJa } = require('@nlpjs/lang-ja');
  const container = await containerBootstrap();
  container.use(Nlp);
  container.use(LangEn);
  container.use(LangZh);
  container.use(LangJa);
  nlp = container.get('nlp');
  nlp.settings.autoSave = false;
  nlp.addLanguage('en');
  nlp.addLanguage('zh');
  nlp.addLanguage('ja');
  for (const e of train) nlp.addDocument(e.corpus === 'bitext' ? 'en' : e.corpus, e.text, e.intent);
  const log = console.log;
  console.log = () => undefined; // NLP.js prints every epoch
  t0 = Date.now();
  await nlp.train();
  nlpTrainMs = Date.now() - t0;
  console.log = log;
}
const nlpIntent = async (text, corpus) => {
  const r = await nlp.process(corpus === 'bitext' ? 'en' : corpus, text);
  return !r.intent || r.intent === 'None' ? 'out_of_scope' : r.intent;
};

// ---- accuracy per split
console.log('Intent classification on held-out splits (training never saw them)');
console.log(`${pad('split', 8)}${lpad('n', 6)}   ${pad('Kefu acc', 10)}${pad('Kefu F1', 10)}${pad('NLP.js acc', 12)}${pad('NLP.js F1', 11)}${pad('OOS recall', 12)}${pad('in-scope→OOS', 13)}`);
const allIn = [];
const allOos = [];
for (const [corpus, rows] of Object.entries(held)) {
  if (!rows.length) continue;
  const kefuPred = rows.map((r) => engine.parse(r.text).intent);
  const k = classificationReport(rows.map((r, i) => ({ text: r.text, expected: r.intent, predicted: kefuPred[i] })));
  let n = null;
  if (nlp) {
    const preds = [];
    for (const r of rows) preds.push(await nlpIntent(r.text, corpus));
    n = classificationReport(rows.map((r, i) => ({ text: r.text, expected: r.intent, predicted: preds[i] })));
  }
  const oos = rows.map((r, i) => ({ r, p: kefuPred[i] })).filter((x) => x.r.intent === 'out_of_scope');
  const ins = rows.map((r, i) => ({ r, p: kefuPred[i] })).filter((x) => x.r.intent !== 'out_of_scope');
  allOos.push(...oos);
  allIn.push(...ins);
  const oosRecall = oos.length ? oos.filter((x) => x.p === 'out_of_scope').length / oos.length : NaN;
  const falseOos = ins.length ? ins.filter((x) => x.p === 'out_of_scope').length / ins.length : NaN;
  console.log(
    `${pad(corpus, 8)}${lpad(rows.length, 6)}   ${pad(pct(k.accuracy), 10)}${pad(pct(k.macroF1), 10)}${pad(n ? pct(n.accuracy) : '—', 12)}${pad(n ? pct(n.macroF1) : '—', 11)}${pad(pct(oosRecall), 12)}${pad(pct(falseOos), 13)}`,
  );
}
console.log(
  `${pad('all', 8)}${lpad(allIn.length + allOos.length, 6)}   out_of_scope recall ${pct(allOos.filter((x) => x.p === 'out_of_scope').length / allOos.length)}, in-scope sent to out_of_scope ${pct(allIn.filter((x) => x.p === 'out_of_scope').length / allIn.length)}`,
);

// ---- speed: ~40-character messages from the held-out splits, full parse (language, intent, entities, emotion)
const msgs = Object.values(held)
  .flat()
  .map((r) => r.text)
  .filter((t) => t.length >= 30 && t.length <= 50);
const N = 40_000;
for (let i = 0; i < 5000; i++) engine.parse(msgs[i % msgs.length]);
const lat = new Float64Array(N);
const tStart = process.hrtime.bigint();
for (let i = 0; i < N; i++) {
  const s = process.hrtime.bigint();
  engine.parse(msgs[i % msgs.length]);
  lat[i] = Number(process.hrtime.bigint() - s) / 1000;
}
const totalMs = Number(process.hrtime.bigint() - tStart) / 1e6;
const sorted = Array.from(lat).sort((a, b) => a - b);
let nlpRate = NaN;
if (nlp) {
  const M = 4000;
  const s = process.hrtime.bigint();
  for (let i = 0; i < M; i++) await nlp.process('en', msgs[i % msgs.length]);
  nlpRate = M / (Number(process.hrtime.bigint() - s) / 1e9);
}
console.log(`\nParse speed (one core, ${msgs.length} distinct held-out messages of 30–50 characters, full parse)`);
console.log(`  Kefu    ${Math.round(N / (totalMs / 1000)).toLocaleString('en')} parses/s   p50 ${quantile(sorted, 0.5).toFixed(1)} µs   p99 ${quantile(sorted, 0.99).toFixed(1)} µs   max ${sorted[sorted.length - 1].toFixed(0)} µs`);
if (nlp) console.log(`  NLP.js  ${Math.round(nlpRate).toLocaleString('en')} parses/s (intent only)   → Kefu is ${(N / (totalMs / 1000) / nlpRate).toFixed(1)}× faster`);

// ---- training time on exactly 40,000 examples
const forty = Array.from({ length: 40_000 }, (_, i) => {
  const e = train[i % train.length];
  return i < train.length ? e : { ...e, text: `${e.text} ${i}` };
});
t0 = Date.now();
await buildModel({ examples: forty, cacheDir: false });
const fortyMs = Date.now() - t0;
console.log(`\nTraining`);
console.log(`  Kefu on the training split (${train.length} examples): ${(kefuTrainMs / 1000).toFixed(1)} s;  on 40,000 examples: ${(fortyMs / 1000).toFixed(1)} s`);
if (nlp) console.log(`  NLP.js on the training split: ${(nlpTrainMs / 1000).toFixed(1)} s`);
console.log(`\nModel: ${built.classifier.featureCount.toLocaleString('en')} features × ${built.classifier.labels.length} intents; weights ${(built.classifier.sizeBytes / 1e6).toFixed(1)} MB in memory (heap growth ${((heapAfter - heapBefore) / 1e6).toFixed(1)} MB), ${(built.data.length / 1e6).toFixed(1)} MB stored (gzip)`);

// ---- entities and emotion
const readSet = (rel) => {
  const f = join(NLU_DATA_DIR, rel);
  return existsSync(f) ? parseJsonl(readFileSync(f, 'utf8'), rel) : [];
};
const ents = readSet('entities/test.jsonl');
if (ents.length) {
  const now = new Date('2026-11-21T10:00:00+08:00');
  const rep = entityReport(ents.map((l) => ({ gold: l.entities ?? [], predicted: engine.parse(l.text, { now }).entities })));
  console.log(`\nEntities (${ents.length} lines, exact type+span): precision ${pct(rep.precision)}  recall ${pct(rep.recall)}  F1 ${pct(rep.f1)}`);
  console.log(`  ${rep.perType.map((t) => `${t.type} ${pct(t.f1)}`).join(' · ')}`);
}
const emo = readSet('emotion/test.jsonl');
if (emo.length) {
  const neg = new Set(['angry', 'frustrated']);
  const preds = emo.map((l) => engine.parse(l.text).emotion.label);
  const recallOf = (label) => {
    const g = emo.map((l, i) => ({ l, p: preds[i] })).filter((x) => x.l.emotion === label);
    return g.length ? g.filter((x) => x.p === label).length / g.length : NaN;
  };
  const g = emo.map((l, i) => ({ l, p: preds[i] })).filter((x) => neg.has(x.l.emotion));
  console.log(
    `\nEmotion (${emo.length} lines): accuracy ${pct(emo.filter((l, i) => preds[i] === l.emotion).length / emo.length)}; angry+frustrated recalled as negative ${pct(g.filter((x) => neg.has(x.p)).length / g.length)}; recall angry ${pct(recallOf('angry'))}, frustrated ${pct(recallOf('frustrated'))}, happy ${pct(recallOf('happy'))}, neutral ${pct(recallOf('neutral'))}`,
  );
}
