import { readFileSync } from 'node:fs';
import type { NluEntity } from '@kefu/shared/contracts';
import { SoftmaxClassifier } from '../lib/classifier/softmax-classifier';
import { createEngine, prepareEngines } from '../lib/engine-factory';
import { NluEngine } from '../lib/nlu-engine';
import { classificationReport, entityReport } from '../lib/training/metrics';
import { buildModel } from '../lib/training/model-builder';
import { loadBuiltinTraining, parseJsonl } from '../lib/training/training-data';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Loads the active model from the configured database (for `--database`). */
  loadActiveModel?: () => Promise<{ data: Buffer; version: number } | null>;
}

const USAGE = `usage:
  npm run nlu -- eval FILE.jsonl [--database] [--json] [--confusions N]
      FILE lines: {"text": "...", "intent"?: "...", "entities"?: [{"type","start","end"}], "emotion"?: "angry|frustrated|neutral|happy"}
      prints accuracy, macro-F1, per-intent precision/recall/F1, the worst confusions, entity F1 and emotion recall
  npm run nlu -- parse "text" [--database]
      prints the full parse as JSON
  --database  use the active model of the configured database (DATABASE_URL, or the embedded one in DATA_DIR)
              instead of the built-in model`;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

async function loadEngine(io: CliIo, useDatabase: boolean): Promise<NluEngine> {
  await prepareEngines();
  if (useDatabase) {
    if (!io.loadActiveModel) throw new Error('--database is not available here');
    const active = await io.loadActiveModel();
    if (!active)
      throw new Error('the database has no active NLU model yet: start Kefu once, or drop --database');
    return createEngine(SoftmaxClassifier.deserialize(active.data), active.version);
  }
  const built = await buildModel({ examples: loadBuiltinTraining() });
  return createEngine(built.classifier, 0);
}

/** The `npm run nlu` command. Returns the exit code. */
export async function runNluCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const flags = new Set(rest.filter((a) => a.startsWith('--')));
  const args = rest.filter((a, i) => !a.startsWith('--') && rest[i - 1] !== '--confusions');
  const confusionsAt = rest.indexOf('--confusions');
  const maxConfusions = confusionsAt >= 0 ? Math.max(1, Number(rest[confusionsAt + 1]) || 15) : 15;
  if (command === 'parse' && args[0] !== undefined) {
    const engine = await loadEngine(io, flags.has('--database'));
    io.out(JSON.stringify(engine.parse(args.join(' ')), null, 2));
    return 0;
  }
  if (command !== 'eval' || !args[0]) {
    io.err(USAGE);
    return 2;
  }
  let lines;
  try {
    lines = parseJsonl(readFileSync(args[0], 'utf8'), args[0]);
  } catch (e) {
    io.err(`cannot read ${args[0]}: ${(e as Error).message}`);
    return 2;
  }
  const engine = await loadEngine(io, flags.has('--database'));
  const started = process.hrtime.bigint();
  const results = lines.map((l) => engine.parse(l.text));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;

  const labelled = lines.map((l, i) => ({ l, r: results[i] })).filter((x) => typeof x.l.intent === 'string');
  const intents = classificationReport(
    labelled.map(({ l, r }) => ({ text: l.text, expected: l.intent as string, predicted: r.intent })),
    maxConfusions,
  );
  const withEntities = lines.map((l, i) => ({ l, r: results[i] })).filter((x) => Array.isArray(x.l.entities));
  const entities = entityReport(
    withEntities.map(({ l, r }) => ({ gold: l.entities ?? [], predicted: r.entities as NluEntity[] })),
  );
  const withEmotion = lines
    .map((l, i) => ({ l, r: results[i] }))
    .filter((x) => typeof x.l.emotion === 'string');
  const negative = new Set(['angry', 'frustrated']);
  const negGold = withEmotion.filter((x) => negative.has(x.l.emotion as string));
  const emotion = {
    n: withEmotion.length,
    accuracy: withEmotion.length
      ? withEmotion.filter((x) => x.r.emotion.label === x.l.emotion).length / withEmotion.length
      : 0,
    negativeRecall: negGold.length
      ? negGold.filter((x) => negative.has(x.r.emotion.label)).length / negGold.length
      : 0,
  };

  if (flags.has('--json')) {
    io.out(
      JSON.stringify(
        { modelVersion: engine.version, lines: lines.length, intents, entities, emotion, ms },
        null,
        2,
      ),
    );
    return 0;
  }
  io.out(
    `Kefu NLU evaluation — ${args[0]}: ${lines.length} lines, model ${engine.version === 0 ? 'built-in' : `v${engine.version}`}, ${(ms / Math.max(1, lines.length)).toFixed(3)} ms per parse`,
  );
  if (labelled.length) {
    io.out('');
    io.out(
      `intents (${intents.n} labelled): accuracy ${pct(intents.accuracy)}   macro-F1 ${pct(intents.macroF1)}`,
    );
    io.out('');
    io.out(
      `${'intent'.padEnd(28)} ${'precision'.padStart(9)} ${'recall'.padStart(9)} ${'F1'.padStart(9)} ${'support'.padStart(8)}`,
    );
    for (const m of intents.perIntent) {
      io.out(
        `${m.intent.padEnd(28)} ${pct(m.precision).padStart(9)} ${pct(m.recall).padStart(9)} ${pct(m.f1).padStart(9)} ${String(m.support).padStart(8)}`,
      );
    }
    if (intents.confusions.length) {
      io.out('');
      io.out('worst confusions (expected → predicted):');
      for (const c of intents.confusions) {
        io.out(
          `  ${String(c.count).padStart(4)}  ${c.expected} → ${c.predicted}   e.g. ${c.examples.map((e) => JSON.stringify(e.slice(0, 60))).join(', ')}`,
        );
      }
    }
  }
  if (withEntities.length) {
    io.out('');
    io.out(
      `entities (${withEntities.length} lines, ${entities.gold} gold, ${entities.predicted} found; exact type+span): precision ${pct(entities.precision)}   recall ${pct(entities.recall)}   F1 ${pct(entities.f1)}`,
    );
    for (const t of entities.perType) {
      io.out(
        `  ${t.type.padEnd(18)} P ${pct(t.precision).padStart(6)}  R ${pct(t.recall).padStart(6)}  F1 ${pct(t.f1).padStart(6)}  (${t.support})`,
      );
    }
  }
  if (withEmotion.length) {
    io.out('');
    io.out(
      `emotion (${emotion.n} lines): accuracy ${pct(emotion.accuracy)}   angry+frustrated recall ${pct(emotion.negativeRecall)}`,
    );
  }
  if (!labelled.length && !withEntities.length && !withEmotion.length) {
    io.out(
      'no line carries "intent", "entities" or "emotion": nothing to score. Use `parse` to see single results.',
    );
  }
  return 0;
}
