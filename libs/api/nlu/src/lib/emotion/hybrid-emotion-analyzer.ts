import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EmotionLabel, NluEmotion, NluLanguage } from '@kefu/shared/contracts';
import { SoftmaxClassifier } from '../classifier/softmax-classifier';
import { detectLanguage } from '../language/language-detector';
import { normalizeForClassifier } from '../text/normalize';
import { NLU_DATA_DIR, parseJsonl } from '../training/training-data';
import { EmotionAnalyzer } from './emotion-analyzer';

const LABELS: EmotionLabel[] = ['angry', 'frustrated', 'neutral', 'happy'];
/** Word-list confidence at which the word lists decide alone. */
const LEXICON_DECIDES = 0.65;
/** Model confidence needed to overrule weak or absent word-list cues. */
const MODEL_OVERRIDES = 0.7;
const MIN_CHARS_FOR_MODEL = 6;
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
    // The word lists are precise: when they found clear cues (or a threat), they decide.
    if (lex.label !== 'neutral' && lex.score >= LEXICON_DECIDES) return lex;
    if (lex.label === 'neutral' && lex.signals.some((s) => s.startsWith('negated:'))) return lex;
    const p = this.model.predict(normalizeForClassifier(text.slice(0, READ_LIMIT)), language);
    const modelTop = this.model.labels[p.order[0]] as EmotionLabel;
    const modelProb = p.probs[p.order[0]];
    const signals = [...lex.signals, `model:${modelTop}:${modelProb.toFixed(2)}`];
    // Otherwise the learned model catches what no word names (rhetorical anger, tired politeness),
    // when it is sure enough and the message is long enough to judge.
    if (modelTop !== lex.label && modelProb >= MODEL_OVERRIDES && text.trim().length >= MIN_CHARS_FOR_MODEL) {
      const score = Math.round(Math.min(0.95, modelProb * 0.9) * 100) / 100;
      return { label: modelTop, score, signals };
    }
    return { ...lex, signals };
  }
}
