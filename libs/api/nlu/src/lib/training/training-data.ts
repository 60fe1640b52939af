import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The engine's data folder (copied next to the compiled code by the API build). */
export const NLU_DATA_DIR = join(__dirname, '../../../data');

export type DataLanguage = 'zh' | 'en' | 'ja';

export interface LabelledLine {
  text: string;
  intent?: string;
  entities?: { type: string; value?: string; start: number; end: number }[];
  emotion?: string;
  language?: string;
}

export interface CorpusExample {
  text: string;
  intent: string;
  /** Which corpus the line came from: its folder's language (bitext is English). */
  corpus: DataLanguage | 'bitext';
}

/** Parses JSON Lines; a bad line is reported with its number, never skipped silently. */
export function parseJsonl(content: string, source = 'input'): LabelledLine[] {
  const out: LabelledLine[] = [];
  const lines = content.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`${source} line ${i + 1}: not valid JSON`);
    }
    if (!value || typeof value !== 'object' || typeof (value as LabelledLine).text !== 'string') {
      throw new Error(`${source} line ${i + 1}: expected an object with a "text" string`);
    }
    out.push(value as LabelledLine);
  }
  return out;
}

function readSplit(dir: string, prefix: 'train' | 'test', corpus: CorpusExample['corpus']): CorpusExample[] {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.jsonl'))
    .sort();
  const out: CorpusExample[] = [];
  for (const f of files) {
    for (const l of parseJsonl(readFileSync(join(dir, f), 'utf8'), `${corpus}/${f}`)) {
      if (l.intent) out.push({ text: l.text, intent: l.intent, corpus });
    }
  }
  return out;
}

/** The built-in training split: zh, en and ja written for Kefu plus the Bitext training part. */
export function loadBuiltinTraining(dataDir = NLU_DATA_DIR): CorpusExample[] {
  return [
    ...readSplit(join(dataDir, 'zh'), 'train', 'zh'),
    ...readSplit(join(dataDir, 'en'), 'train', 'en'),
    ...readSplit(join(dataDir, 'ja'), 'train', 'ja'),
    ...readSplit(join(dataDir, 'bitext'), 'train', 'bitext'),
  ];
}

/** Held-out splits that training never reads, per corpus. */
export function loadHeldOut(dataDir = NLU_DATA_DIR): Record<CorpusExample['corpus'], CorpusExample[]> {
  return {
    zh: readSplit(join(dataDir, 'zh'), 'test', 'zh'),
    en: readSplit(join(dataDir, 'en'), 'test', 'en'),
    ja: readSplit(join(dataDir, 'ja'), 'test', 'ja'),
    bitext: readSplit(join(dataDir, 'bitext'), 'test', 'bitext'),
  };
}

export interface IntentDefinition {
  name: string;
  description: string;
}

export function loadDefaultIntents(dataDir = NLU_DATA_DIR): IntentDefinition[] {
  const raw = JSON.parse(readFileSync(join(dataDir, 'intents.json'), 'utf8')) as Record<string, string>;
  return Object.entries(raw).map(([name, description]) => ({ name, description }));
}
