import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { z } from 'zod';

/** `requirements[3].title.en`, or `(root)`. */
export function formatIssuePath(issuePath: readonly PropertyKey[]): string {
  return issuePath.length ? issuePath.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : '(root)';
}

/** Reads a YAML catalogue file and validates it; every error names the file and, for invalid data, each path. */
export function loadYamlFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
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
    const issues = result.error.issues.map((i) => `  at ${formatIssuePath(i.path)}: ${i.message}`).join('\n');
    throw new Error(`Catalogue file ${file} is invalid:\n${issues}`);
  }
  return result.data;
}
