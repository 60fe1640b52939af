import { EmotionAnalyzer } from './emotion/emotion-analyzer';
import { HybridEmotionAnalyzer, trainEmotionModel } from './emotion/hybrid-emotion-analyzer';
import { loadDefaultGazetteer } from './entities/default-gazetteer';
import { EntityExtractor } from './entities/entity-extractor';
import { Gazetteer } from './entities/gazetteer';
import { SoftmaxClassifier } from './classifier/softmax-classifier';
import { NluEngine } from './nlu-engine';

let gazetteer: Gazetteer | null = null;
let extractor: EntityExtractor | null = null;
let emotion: HybridEmotionAnalyzer | null = null;
let preparing: Promise<void> | null = null;

/** One gazetteer per process: the built-in names plus what the catalog adds at run time. */
export function sharedGazetteer(): Gazetteer {
  return (gazetteer ??= loadDefaultGazetteer());
}

/** Trains the process's emotion model once (well under a second); engines made before use word lists only. */
export function prepareEngines(): Promise<void> {
  preparing ??= trainEmotionModel().then((model) => {
    emotion = new HybridEmotionAnalyzer(new EmotionAnalyzer(), model);
  });
  return preparing;
}

/** An engine around `classifier`, sharing the process's entity extractor and emotion analyser. */
export function createEngine(classifier: SoftmaxClassifier, version: number): NluEngine {
  extractor ??= new EntityExtractor(sharedGazetteer());
  emotion ??= new HybridEmotionAnalyzer(new EmotionAnalyzer(), null);
  return new NluEngine(classifier, version, extractor, emotion);
}
