export { EntityExtractor } from './entity-extractor';
export type { ExtractOptions } from './extraction-context';
export { Gazetteer } from './gazetteer';
export type { GazetteerEntry, GazetteerMatch, GazetteerType } from './gazetteer';
export { loadDefaultGazetteer, GAZETTEER_DATA_DIR } from './default-gazetteer';
