import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Questionnaire, Timeline } from '@konform/core';
import { loadYamlFile } from './load-yaml.js';

export interface EuAiActCatalogs {
  timeline: Timeline;
  questionnaire: Questionnaire;
}

/** packages/server/{src,dist}/catalogs → the repository's `catalogs/` folder. */
const bundledDir = fileURLToPath(new URL('../../../../catalogs/', import.meta.url));

/** The catalogue root: the argument, else KONFORM_CATALOG_DIR, else the repository's `catalogs/`. */
export function catalogDir(dir?: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(dir ?? (env.KONFORM_CATALOG_DIR || bundledDir));
}



const cache = new Map<string, EuAiActCatalogs>();

/**
 * Reads and validates catalogs/eu-ai-act/timeline.yaml and questionnaire.yaml under the catalogue root.
 * Throws an error naming the file and the path of each problem; the result is cached per root.
 */
export function loadEuAiActCatalogs(dir?: string): EuAiActCatalogs {
  const root = catalogDir(dir);
  const cached = cache.get(root);
  if (cached) return cached;
  const folder = path.join(root, 'eu-ai-act');
  const catalogs: EuAiActCatalogs = {
    timeline: loadYamlFile(path.join(folder, 'timeline.yaml'), Timeline),
    questionnaire: loadYamlFile(path.join(folder, 'questionnaire.yaml'), Questionnaire),
  };
  cache.set(root, catalogs);
  return catalogs;
}

/** For tests: forget what was loaded. */
export function clearEuAiActCatalogCache(): void {
  cache.clear();
}
