import path from 'node:path';
import { RiskSourceCatalog } from '@konform/core';
import { catalogDir } from './eu-ai-act.js';
import { loadYamlFile } from './load-yaml.js';

/** The file under the catalogue root. */
export const RISK_SOURCES_FILE = path.join('risk-sources', 'risk-sources.yaml');

const cache = new Map<string, RiskSourceCatalog>();

/**
 * Reads and validates `risk-sources/risk-sources.yaml` under the catalogue root (the argument, else
 * KONFORM_CATALOG_DIR, else the repository's `catalogs/`). Throws an error naming the file and the path of each
 * problem; the result is cached per root.
 */
export function loadRiskSources(dir?: string): RiskSourceCatalog {
  const root = catalogDir(dir);
  const cached = cache.get(root);
  if (cached) return cached;
  const catalog = loadYamlFile(path.join(root, RISK_SOURCES_FILE), RiskSourceCatalog);
  cache.set(root, catalog);
  return catalog;
}

/** For tests: forget what was loaded. */
export function clearRiskSourcesCache(): void {
  cache.clear();
}
