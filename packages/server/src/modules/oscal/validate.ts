import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { HttpProblem } from '../../http/errors.js';

/** The OSCAL models Konform writes or reads besides catalogues. */
export type OscalModel = 'component' | 'assessment-results' | 'poam';

/** NIST's OSCAL 1.2.2 JSON Schemas (generated from the 1.2.2 metaschema), shipped with the server: nothing is fetched. */
const SCHEMA_DIR = new URL('../../../assets/oscal/', import.meta.url);

// ajv-formats is CommonJS; under NodeNext its default import is typed as the module object.
const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv) => Ajv }).default;
const compiled = new Map<OscalModel, ValidateFunction>();

/** Compiled once per model on first use (the schemas are large; most servers never export OSCAL). */
export function validatorFor(model: OscalModel): ValidateFunction {
  let validate = compiled.get(model);
  if (!validate) {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(new URL(`oscal_${model}_schema.json`, SCHEMA_DIR), 'utf8')) as object);
    compiled.set(model, validate);
  }
  return validate;
}

/** `/assessment-results/results/0/uuid` as the JSON path `$.assessment-results.results[0].uuid`. */
export function jsonPath(pointer: string): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  return parts.reduce((path, p) => (/^\d+$/.test(p) ? `${path}[${p}]` : `${path}.${p}`), '$');
}

/** The schema errors worth showing: the deepest first, without the noise of failed `oneOf`/`anyOf` branches. */
export function schemaIssues(errors: readonly ErrorObject[] | null | undefined, pathOf: (pointer: string) => string = jsonPath): { path: string; message: string }[] {
  const seen = new Set<string>();
  return (errors ?? [])
    .filter((e) => !['oneOf', 'anyOf', 'if'].includes(e.keyword))
    .map((e) => {
      const extra = e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : '';
      return { path: pathOf(e.instancePath), message: `${e.message ?? 'is invalid'}${extra}` };
    })
    .sort((a, b) => b.path.length - a.path.length)
    .filter((i) => (seen.has(`${i.path} ${i.message}`) ? false : (seen.add(`${i.path} ${i.message}`), true)))
    .slice(0, 20);
}

/**
 * Checks a document Konform is about to serve. A failure is a bug in an exporter (the API tests validate every
 * export); the caller gets a problem naming the path instead of an invalid file.
 */
export function assertExportValid(model: OscalModel, document: unknown): void {
  const validate = validatorFor(model);
  if (validate(document)) return;
  throw new HttpProblem(500, 'oscal-export-invalid', `The generated OSCAL ${model} document does not match the OSCAL 1.2.2 schema; please report this`, schemaIssues(validate.errors));
}
