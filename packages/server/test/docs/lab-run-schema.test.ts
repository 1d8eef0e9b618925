import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { LabRunCreate } from '@konform/core';

// docs/api/lab-run.schema.json documents Konform's run format for pipelines; the zod schema is what the server
// enforces. Both must take the documented example and refuse the same broken documents.
const docs = path.resolve(import.meta.dirname, '../../../../docs/api');
const read = (name: string) => JSON.parse(readFileSync(path.join(docs, name), 'utf8')) as Record<string, unknown>;
// ajv-formats is CommonJS; under NodeNext its default import is typed as the module object.
const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv2020) => Ajv2020 }).default;
const ajv = addFormats(new Ajv2020({ strict: true, allErrors: true }));
const validate = ajv.compile(read('lab-run.schema.json'));
const example = read('lab-run.example.json');

describe('the JSON Schema of the run format', () => {
  it('is a valid draft 2020-12 schema that takes the documented example, as the zod schema does', () => {
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(LabRunCreate.safeParse(example).success).toBe(true);
  });

  const results = example.results as Record<string, unknown>[];
  const broken: [string, Record<string, unknown>][] = [
    ['a value as text', { ...example, results: [{ ...results[0], value: '0.93' }] }],
    ['an unknown field', { ...example, colour: 'blau' }],
    ['no items', { ...example, items: [] }],
    ['a missing plan', Object.fromEntries(Object.entries(example).filter(([k]) => k !== 'planId'))],
    ['a digest that is not SHA-256', { ...example, items: [{ type: 'model', versionId: (example.items as { versionId: string }[])[0]!.versionId, manifestDigest: 'abc' }] }],
    ['an item of an unknown type', { ...example, items: [{ ...(example.items as object[])[0], type: 'container' }] }],
    ['one bound of an interval', { ...example, results: [{ metric: 'acc', value: 0.9, ciLower: 0.8 }] }],
    ['a negative standard error', { ...example, results: [{ metric: 'acc', value: 0.9, stdError: -1 }] }],
    ['a sample size of 0', { ...example, results: [{ metric: 'acc', value: 0.9, sampleSize: 0 }] }],
    ['a blank metric name', { ...example, results: [{ metric: '  ', value: 0.9 }] }],
    ['a start without a time zone', { ...example, startedAt: '2026-11-20T09:00:00' }],
    ['a plan id that is no UUID', { ...example, planId: 'plan-1' }],
  ];
  it.each(broken)('refuses %s, as the zod schema does', (_what, doc) => {
    expect(validate(doc)).toBe(false);
    expect(LabRunCreate.safeParse(doc).success).toBe(false);
  });
});
