// Loads the shipped catalogue files for the catalogue lint (catalog-lint.test.ts). Test helper; not exported from core.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { ApplicabilityCondition } from './condition.js';

export const CATALOGS_DIR = fileURLToPath(new URL('../../../../catalogs/', import.meta.url));

export interface CatalogFile {
  /** Path relative to catalogs/, e.g. `eu-ai-act/catalog.yaml`. */
  file: string;
  kind: 'catalog' | 'measures' | 'mappings';
  raw: unknown;
}

function load(file: string, kind: CatalogFile['kind']): CatalogFile {
  return { file, kind, raw: parse(readFileSync(path.join(CATALOGS_DIR, file), 'utf8')) };
}

/** Every catalogs/<id>/catalog.yaml, catalogs/measures/measures.yaml and catalogs/mappings/*.yaml, sorted by path. */
export function loadCatalogFiles(): CatalogFile[] {
  const dirs = readdirSync(CATALOGS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory());
  const files: CatalogFile[] = [];
  for (const d of dirs) {
    if (existsSync(path.join(CATALOGS_DIR, d.name, 'catalog.yaml'))) files.push(load(`${d.name}/catalog.yaml`, 'catalog'));
  }
  if (existsSync(path.join(CATALOGS_DIR, 'measures/measures.yaml'))) files.push(load('measures/measures.yaml', 'measures'));
  const mappingsDir = path.join(CATALOGS_DIR, 'mappings');
  if (existsSync(mappingsDir)) {
    for (const f of readdirSync(mappingsDir).filter((n) => /\.ya?ml$/.test(n))) files.push(load(`mappings/${f}`, 'mappings'));
  }
  return files.sort((a, b) => a.file.localeCompare(b.file));
}

/**
 * Whether a condition makes a requirement a high-risk obligation: some leaf on `result.riskClass` asks for `high`
 * (`equals: high`, or `in` containing `high`) and is not negated (under an odd number of `not`).
 */
export function mentionsHighRisk(condition: ApplicabilityCondition | undefined, negated = false): boolean {
  if (condition === undefined || 'always' in condition) return false;
  if ('all' in condition) return condition.all.some((c) => mentionsHighRisk(c, negated));
  if ('any' in condition) return condition.any.some((c) => mentionsHighRisk(c, negated));
  if ('not' in condition) return mentionsHighRisk(condition.not, !negated);
  if (condition.path !== 'result.riskClass' || negated) return false;
  if ('equals' in condition) return condition.equals === 'high';
  if ('in' in condition) return condition.in.includes('high');
  return false;
}

/** Placeholder texts that count as empty. */
const PLACEHOLDER = /^(?:todo|tbd|tbc|fixme|xxx+|n\/?a|-+|\?+|\.+|…)$/i;

export function isEmptyText(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '' || PLACEHOLDER.test(value.trim());
}

/** Every `{de, en}` text object in a parsed file, with a readable location. */
export function collectTexts(value: unknown, where: string, out: { where: string; de: unknown; en: unknown }[] = []) {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      const id = v !== null && typeof v === 'object' && 'id' in v ? String((v as { id: unknown }).id) : String(i);
      collectTexts(v, `${where}[${id}]`, out);
    });
  } else if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (keys.length > 0 && keys.every((k) => k === 'de' || k === 'en')) out.push({ where, de: obj.de, en: obj.en });
    else for (const k of keys) collectTexts(obj[k], `${where}.${k}`, out);
  }
  return out;
}
