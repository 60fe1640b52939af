import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SoftmaxClassifier, TrainOptions } from '../classifier/softmax-classifier';
import { FEATURE_SCHEME_VERSION } from '../classifier/featurizer';
import { detectLanguage } from '../language/language-detector';
import { normalizeForClassifier } from '../text/normalize';
import { CorpusExample, loadHeldOut } from './training-data';
import { classificationReport } from './metrics';

export const TRAINING_DEFAULTS: Required<
  Pick<TrainOptions, 'epochs' | 'learningRate' | 'balanceTarget' | 'seed' | 'groupTargets'>
> = {
  epochs: 15,
  learningRate: 3,
  balanceTarget: 400,
  groupTargets: { bitext: 150 },
  seed: 42,
};

export interface BuildInput {
  examples: CorpusExample[];
  onProgress?: (progress: number, stage: string) => void | Promise<void>;
  /** Where trained models are cached by data hash (skip retraining identical data). `false` disables. */
  cacheDir?: string | false;
}

export interface BuiltModel {
  classifier: SoftmaxClassifier;
  data: Buffer;
  dataHash: string;
  examples: number;
  intents: number;
  trainingMs: number;
  fromCache: boolean;
}

/** Same data and same scheme → same hash → the cached model can be reused. */
export function hashTrainingData(examples: CorpusExample[]): string {
  const h = createHash('sha256');
  h.update(`scheme:${FEATURE_SCHEME_VERSION};${JSON.stringify(TRAINING_DEFAULTS)}\n`);
  for (const e of examples) h.update(`${e.corpus}\t${e.intent}\t${e.text}\n`);
  return h.digest('hex');
}

export const DEFAULT_MODEL_CACHE = join(tmpdir(), 'kefu-nlu-models');

/** Trains a classifier on `examples` (or reuses the cached one for identical data). */
export async function buildModel({
  examples,
  onProgress,
  cacheDir = DEFAULT_MODEL_CACHE,
}: BuildInput): Promise<BuiltModel> {
  const dataHash = hashTrainingData(examples);
  const intents = new Set(examples.map((e) => e.intent)).size;
  const cacheFile = cacheDir ? join(cacheDir, `${dataHash}.bin`) : null;
  if (cacheFile && existsSync(cacheFile)) {
    try {
      const data = readFileSync(cacheFile);
      const classifier = SoftmaxClassifier.deserialize(data);
      await onProgress?.(1, 'loaded from cache');
      return {
        classifier,
        data,
        dataHash,
        examples: examples.length,
        intents,
        trainingMs: 0,
        fromCache: true,
      };
    } catch {
      // A corrupt or old cache entry: train again.
    }
  }
  const started = Date.now();
  await onProgress?.(0, 'preparing');
  const prepared = examples.map((e) => ({
    text: normalizeForClassifier(e.text),
    intent: e.intent,
    language: detectLanguage(e.text).language,
    group: e.corpus,
  }));
  const classifier = await SoftmaxClassifier.train(prepared, {
    ...TRAINING_DEFAULTS,
    onProgress: (p) => onProgress?.(p * 0.95, 'training'),
  });
  const trainingMs = Date.now() - started;
  const data = classifier.serialize();
  if (cacheFile && cacheDir) {
    try {
      mkdirSync(cacheDir, { recursive: true });
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, data);
      renameSync(tmp, cacheFile);
    } catch {
      // The cache is an optimisation only.
    }
  }
  return { classifier, data, dataHash, examples: examples.length, intents, trainingMs, fromCache: false };
}

/** Held-out accuracy and macro-F1 per corpus, for the model's record (classifier only). */
export function evaluateHeldOut(
  classify: (text: string) => string,
  heldOut: Record<string, { text: string; intent: string }[]> = loadHeldOut(),
): Record<string, { accuracy: number; macroF1: number; n: number }> {
  const out: Record<string, { accuracy: number; macroF1: number; n: number }> = {};
  for (const [corpus, rows] of Object.entries(heldOut)) {
    if (!rows.length) continue;
    const r = classificationReport(
      rows.map((x) => ({ text: x.text, expected: x.intent, predicted: classify(x.text) })),
    );
    out[corpus] = { accuracy: r.accuracy, macroF1: r.macroF1, n: r.n };
  }
  return out;
}
