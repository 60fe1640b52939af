import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Gazetteer, GazetteerEntry } from './gazetteer';

/** `libs/api/nlu/data/gazetteer`, also in the build (scripts/copy-api-assets.mjs copies `data/` next to dist). */
export const GAZETTEER_DATA_DIR = path.join(__dirname, '../../../data/gazetteer');

interface DsnerFile {
  brand: string[];
  product: string[];
}

interface CuratedFile {
  entries: GazetteerEntry[];
  stop?: string[];
}

/**
 * The built-in product and brand list: zh product and brand names derived from rainarch/DSNER
 * (`dsner-zh.json`, The Unlicense), then the hand-made zh/en/ja list (`curated.json`), which wins where
 * both name the same surface form. The shop's catalogue is added on top with `add()`.
 */
export function loadDefaultGazetteer(dir: string = GAZETTEER_DATA_DIR): Gazetteer {
  const dsner = JSON.parse(readFileSync(path.join(dir, 'dsner-zh.json'), 'utf8')) as DsnerFile;
  const curated = JSON.parse(readFileSync(path.join(dir, 'curated.json'), 'utf8')) as CuratedFile;
  const gazetteer = new Gazetteer();
  gazetteer.add(dsner.brand.map((value) => ({ type: 'brand' as const, value })));
  gazetteer.add(dsner.product.map((value) => ({ type: 'product' as const, value })));
  gazetteer.add(curated.entries);
  gazetteer.addStopwords(curated.stop ?? []);
  return gazetteer;
}
