import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EmotionLabel, NluEmotion, NluLanguage } from '@kefu/shared/contracts';
import { SoftmaxClassifier } from '../classifier/softmax-classifier';
import { detectLanguage } from '../language/language-detector';
import { normalizeForClassifier } from '../text/normalize';
import { NLU_DATA_DIR, parseJsonl } from '../training/training-data';
import { EmotionAnalyzer } from './emotion-analyzer';

const LABELS: EmotionLabel[] = ['angry', 'frustrated', 'neutral', 'happy'];
/** How much the learned model counts against the word lists. */
const MODEL_WEIGHT = 0.55;
const READ_LIMIT = 500;

/** Trains the emotion classifier on `data/emotion/train.jsonl`; null when the file is absent. */
export async function trainEmotionModel(dataDir = NLU_DATA_DIR): Promise<SoftmaxClassifier | null> {
  const file = join(dataDir, 'emotion', 'train.jsonl');
  if (!existsSync(file)) return null;
  const rows = parseJsonl(readFileSync(file, 'utf8'), 'emotion/train.jsonl').filter(
    (r) => typeof r.emotion === 'string' && LABELS.includes(r.emotion as EmotionLabel),
  );
  if (!rows.length) return null;
  return SoftmaxClassifier.train(
    rows.map((r) => ({
      text: normalizeForClassifier(r.text),
      intent: r.emotion as string,
      language: detectLanguage(r.text).language,
      group: r.language,
    })),
    { epochs: 15, learningRate: 3, balanceTarget: 10_000 },
  );
}

/**
 * Emotion from two readers: the word lists (negation, intensifiers, punctuation, emoji, shouting,
 * threats) and a classifier learned from labelled shopper messages, which catches what no word list
 * names (rhetorical questions, sarcasm, tired politeness). Threats always make the message angry.
 */
export class HybridEmotionAnalyzer {
  constructor(
    private readonly lexicon: EmotionAnalyzer,
    private readonly model: SoftmaxClassifier | null,
  ) {}

  analyze(text: string, language: NluLanguage): NluEmotion {
    const lex = this.lexicon.analyze(text, language);
    if (!this.model || !text.trim()) return lex;
    if (lex.label === 'angry' && lex.signals.some((s) => s.startsWith('threat:'))) return lex;
    const p = this.model.predict(normalizeForClassifier(text.slice(0, READ_LIMIT)), language);
    const combined: Record<EmotionLabel, number> = { angry: 0, frustrated: 0, neutral: 0, happy: 0 };
    for (let i = 0; i < this.model.labels.length; i++) {
      const label = this.model.labels[i] as EmotionLabel;
      if (label in combined) combined[label] += MODEL_WEIGHT * p.probs[i];
    }
    // The word lists as a distribution: their label gets most of the mass, by their confidence.
    const lexMass = lex.label === 'neutral' ? 0.55 : 0.45 + 0.5 * lex.score;
    for (const label of LABELS) {
      combined[label] += (1 - MODEL_WEIGHT) * (label === lex.label ? lexMass : (1 - lexMass) / 3);
    }
    let best: EmotionLabel = 'neutral';
    for (const label of LABELS) if (combined[label] > combined[best]) best = label;
    const modelTop = this.model.labels[p.order[0]];
    const signals = [...lex.signals, `model:${modelTop}:${p.probs[p.order[0]].toFixed(2)}`];
    return { label: best, score: Math.round(combined[best] * 100) / 100, signals };
  }
}
