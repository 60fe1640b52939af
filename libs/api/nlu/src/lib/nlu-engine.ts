import type { IntentScore, NluEmotion, NluEntity, NluLanguage, NluResult } from '@kefu/shared/contracts';
import { SoftmaxClassifier } from './classifier/softmax-classifier';
import { detectLanguage } from './language/language-detector';
import { normalizeForClassifier } from './text/normalize';

export const OUT_OF_SCOPE = 'out_of_scope';
/** The classifier reads at most this many characters; longer text is cut and the result says so. */
export const CLASSIFY_LIMIT = 500;
/** Entities and emotion read at most this many characters. */
export const ANALYSE_LIMIT = 5000;

export interface EntityExtractorPort {
  extract(text: string, opts: { now: Date; language: NluLanguage; timezone?: string }): NluEntity[];
}
export interface EmotionAnalyzerPort {
  analyze(text: string, language: NluLanguage): NluEmotion;
}

export interface EngineOptions {
  /** Below this share of known features and this confidence, a message is out of scope. */
  minCoverage: number;
  lowCoverageConfidence: number;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = { minCoverage: 0.3, lowCoverageConfidence: 0.55 };

export interface ParseContext {
  now?: Date;
  /** The conversation's language, used when the message itself has none (emoji, digits). */
  language?: 'zh' | 'en' | 'ja';
  /** IANA time zone of the shop, for "today" / "yesterday"; the server's zone when absent. */
  timezone?: string;
}

const NEUTRAL: NluEmotion = { label: 'neutral', score: 0, signals: [] };
// C0 controls except tab/newline, DEL, lone surrogates and non-characters.
const JUNK =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const round = (x: number) => Math.round(x * 10000) / 10000;

/**
 * The offline language engine: language → intent (with the full ranking and out-of-scope detection)
 * → entities → emotion. Pure and synchronous; a result for any input, never an exception.
 */
export class NluEngine {
  constructor(
    readonly classifier: SoftmaxClassifier,
    readonly version: number,
    private readonly entities: EntityExtractorPort,
    private readonly emotion: EmotionAnalyzerPort,
    private readonly options: EngineOptions = DEFAULT_ENGINE_OPTIONS,
  ) {}

  parse(input: unknown, context: ParseContext = {}): NluResult {
    const raw = typeof input === 'string' ? input : input == null ? '' : String(input);
    const truncated = raw.length > CLASSIFY_LIMIT;
    const text = raw.length > ANALYSE_LIMIT ? raw.slice(0, ANALYSE_LIMIT) : raw;
    try {
      return this.parseSafe(text, truncated, context);
    } catch {
      // A bug in one stage must not take the message down: answer "not understood".
      return this.empty(truncated, context.language ?? 'und');
    }
  }

  private parseSafe(text: string, truncated: boolean, context: ParseContext): NluResult {
    const clean = JUNK.test(text) ? text.replace(JUNK, ' ') : text;
    JUNK.lastIndex = 0;
    const head = clean.length > CLASSIFY_LIMIT ? clean.slice(0, CLASSIFY_LIMIT) : clean;
    const guess = detectLanguage(head);
    const language: NluLanguage =
      guess.language === 'und' && context.language && guess.share === 0 ? context.language : guess.language;
    const normalized = normalizeForClassifier(head);
    if (!/[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(normalized)) {
      return { ...this.empty(truncated, language), emotion: this.emotion.analyze(clean, language) };
    }
    const prediction = this.classifier.predict(normalized, guess.language);
    const labels = this.classifier.labels;
    const ranking: IntentScore[] = new Array(labels.length);
    for (let i = 0; i < labels.length; i++) {
      const c = prediction.order[i];
      ranking[i] = { intent: labels[c], confidence: round(prediction.probs[c]) };
    }
    let intent = ranking[0].intent;
    let confidence = ranking[0].confidence;
    if (
      intent !== OUT_OF_SCOPE &&
      prediction.coverage < this.options.minCoverage &&
      confidence < this.options.lowCoverageConfidence
    ) {
      // Mostly words the engine has never seen and no clear winner: not shop business.
      const idx = ranking.findIndex((r) => r.intent === OUT_OF_SCOPE);
      if (idx > 0) {
        const [oos] = ranking.splice(idx, 1);
        oos.confidence = round(Math.max(oos.confidence, 1 - confidence));
        ranking.unshift(oos);
        intent = OUT_OF_SCOPE;
        confidence = oos.confidence;
      }
    }
    const now = context.now ?? new Date();
    return {
      language,
      intent,
      confidence,
      ranking,
      entities: this.entities.extract(clean, { now, language, timezone: context.timezone }),
      emotion: this.emotion.analyze(clean, language),
      truncated,
      modelVersion: this.version,
    };
  }

  private empty(truncated: boolean, language: NluLanguage): NluResult {
    return {
      language,
      intent: OUT_OF_SCOPE,
      confidence: 0,
      ranking: [],
      entities: [],
      emotion: NEUTRAL,
      truncated,
      modelVersion: this.version,
    };
  }
}
