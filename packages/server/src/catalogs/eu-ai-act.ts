import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Questionnaire, Timeline } from '@konform/core';
import { parse } from 'yaml';
import type { z } from 'zod';

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

function formatPath(issuePath: readonly PropertyKey[]): string {
  return issuePath.length ? issuePath.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : '(root)';
}

function loadYaml<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read catalogue file ${file}: ${(error as Error).message}`, { cause: error });
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new Error(`Catalogue file ${file} is not valid YAML: ${(error as Error).message}`, { cause: error });
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `  at ${formatPath(i.path)}: ${i.message}`).join('\n');
    throw new Error(`Catalogue file ${file} is invalid:\n${issues}`);
  }
  return result.data;
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
    timeline: loadYaml(path.join(folder, 'timeline.yaml'), Timeline),
    questionnaire: loadYaml(path.join(folder, 'questionnaire.yaml'), Questionnaire),
  };
  cache.set(root, catalogs);
  return catalogs;
}

/** For tests: forget what was loaded. */
export function clearEuAiActCatalogCache(): void {
  cache.clear();
}
