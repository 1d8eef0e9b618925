import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { InterchangeProblem } from '@konform/core';
import { schemaIssues } from '../oscal/validate.js';

/** The official CycloneDX JSON Schemas shipped with the server (assets/cyclonedx/README.md): nothing is fetched. */
const SCHEMA_DIR = new URL('../../../assets/cyclonedx/', import.meta.url);
const BASE = 'http://cyclonedx.org/schema/';
const REFERENCED = ['spdx.SNAPSHOT.schema.json', 'jsf-0.82.SNAPSHOT.schema.json', 'cryptography-defs.SNAPSHOT.schema.json'];

/** The spec versions with a bundled schema. */
export const CYCLONEDX_SCHEMA_VERSIONS = ['1.5', '1.6', '1.7'] as const;
export type CycloneDxSchemaVersion = (typeof CYCLONEDX_SCHEMA_VERSIONS)[number];

// ajv-formats is CommonJS; under NodeNext its default import is typed as the module object.
const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv) => Ajv }).default;
const compiled = new Map<CycloneDxSchemaVersion, ValidateFunction>();

/** A schema file registered under its file name, so the relative `$ref`s between the bundled files resolve offline. */
const load = (file: string) => ({ ...(JSON.parse(readFileSync(new URL(file, SCHEMA_DIR), 'utf8')) as object), $id: `${BASE}${file}` });

/** Compiled once per spec version on first use (the schemas are large). */
function validatorFor(version: CycloneDxSchemaVersion): ValidateFunction {
  let validate = compiled.get(version);
  if (!validate) {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    // Formats ajv-formats lacks: IRIs and international e-mail addresses are checked by their ASCII kin, leniently.
    ajv.addFormat('iri-reference', true);
    ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/u);
    for (const file of REFERENCED) ajv.addSchema(load(file));
    validate = ajv.compile(load(`bom-${version}.SNAPSHOT.schema.json`));
    compiled.set(version, validate);
  }
  return validate;
}

/** `/components/0/modelCard` as `components.0.modelCard`, the path style of Konform's own BOM check. */
const dotted = (pointer: string) => pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')).join('.') || '$';

/** The problems of a BOM against the official schema of a spec version, each naming its dotted JSON path. */
export function cycloneDxSchemaProblems(doc: unknown, version: CycloneDxSchemaVersion): InterchangeProblem[] {
  const validate = validatorFor(version);
  return validate(doc) ? [] : schemaIssues(validate.errors, dotted);
}

export const isSchemaVersion = (value: unknown): value is CycloneDxSchemaVersion => (CYCLONEDX_SCHEMA_VERSIONS as readonly unknown[]).includes(value);
