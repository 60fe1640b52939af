import { EmotionAnalyzer } from './emotion/emotion-analyzer';
import { loadDefaultGazetteer } from './entities/default-gazetteer';
import { EntityExtractor } from './entities/entity-extractor';
import { Gazetteer } from './entities/gazetteer';
import { SoftmaxClassifier } from './classifier/softmax-classifier';
import { NluEngine } from './nlu-engine';

let gazetteer: Gazetteer | null = null;
let extractor: EntityExtractor | null = null;
let emotion: EmotionAnalyzer | null = null;

/** One gazetteer per process: the built-in names plus what the catalog adds at run time. */
export function sharedGazetteer(): Gazetteer {
  return (gazetteer ??= loadDefaultGazetteer());
}

/** An engine around `classifier`, sharing the process's entity extractor and emotion analyser. */
export function createEngine(classifier: SoftmaxClassifier, version: number): NluEngine {
  extractor ??= new EntityExtractor(sharedGazetteer());
  emotion ??= new EmotionAnalyzer();
  return new NluEngine(classifier, version, extractor, emotion);
}
