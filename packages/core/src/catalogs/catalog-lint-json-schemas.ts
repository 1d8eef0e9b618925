// Generates the JSON Schemas shipped with the catalogues (catalogs/schemas/{catalog,measures,mappings,risk-sources}.schema.json)
// from the zod schemas, so that the two can never drift apart. Written by scripts/catalog-schemas.ts; the catalogue
// lint (catalog-lint.test.ts) fails when a committed file differs from what this produces.
import { z } from 'zod';
import { Catalog, CatalogAct, CatalogRequirement, MappingSet, Measure, MeasureCatalog, RequirementKey } from './catalog.js';
import { ApplicabilityCondition } from './condition.js';
import { RiskSource, RiskSourceCatalog } from '../risks/sources.js';

interface SchemaFile {
  file: string;
  schema: z.ZodType;
  title: string;
  description: string;
}

const ZOD_NOTE =
  'Generated from the zod schema %s in packages/core/src/catalogs/catalog.ts by `npm run catalog-schemas`; do not edit by hand.';

export const CATALOG_SCHEMA_FILES: readonly SchemaFile[] = [
  {
    file: 'catalog.schema.json',
    schema: Catalog,
    title: 'Konform requirement catalogue',
    description: `A regulatory, standard, criteria or internal catalogue (catalogs/<id>/catalog.yaml): metadata, the legal acts it reflects and a tree of requirements with roles, declarative applicability conditions, dates and evidence. ${ZOD_NOTE.replace('%s', 'Catalog')} The zod schema also checks that requirement ids are unique and that every parent exists.`,
  },
  {
    file: 'measures.schema.json',
    schema: MeasureCatalog,
    title: 'Konform measures catalogue',
    description: `Technical and organisational measures for AI systems (catalogs/measures/measures.yaml), each with typical evidence and the requirements (catalogId:requirementId) it helps meet. ${ZOD_NOTE.replace('%s', 'MeasureCatalog')} The catalogue lint also checks that every linked requirement exists.`,
  },
  {
    file: 'mappings.schema.json',
    schema: MappingSet,
    title: 'Konform catalogue mappings',
    description: `How requirements of two catalogues relate (catalogs/mappings/*.yaml): from is equal to, a subset of, a superset of or intersects to, with a one-line rationale. ${ZOD_NOTE.replace('%s', 'MappingSet')}`,
  },
  {
    file: 'risk-sources.schema.json',
    schema: RiskSourceCatalog,
    title: 'Konform risk-source catalogue',
    description: `Where the risks of AI systems come from (catalogs/risk-sources/risk-sources.yaml): the frameworks drawn on (ISO/IEC 23894 Annex B, OWASP Top 10 for LLM Applications, MITRE ATLAS tactics, Konform's AI-specific harms) and one entry per risk source with its official ref and a German and English title and summary. ${ZOD_NOTE.replace('%s', 'RiskSourceCatalog').replace('catalogs/catalog.ts', 'risks/sources.ts')} The zod schema also checks that source ids are unique.`,
  },
];

/** Names for the shared parts, so that the generated files read like hand-written ones ($defs/text, not $defs/__schema0). */
function definitions() {
  const registry = z.registry<{ id: string; description?: string }>();
  registry.add(Catalog.shape.title, { id: 'text', description: 'A text in German and English.' });
  registry.add(Catalog.shape.id, { id: 'id', description: 'Letters, digits, dot, underscore and hyphen.' });
  registry.add(RequirementKey, { id: 'requirementKey', description: 'A requirement across catalogues: <catalogId>:<requirementId>.' });
  registry.add(ApplicabilityCondition, {
    id: 'applicabilityCondition',
    description: 'A declarative condition over result.*, facts.* and system.* paths; evaluated by a pure function in core.',
  });
  registry.add(CatalogAct, { id: 'act' });
  registry.add(CatalogRequirement, { id: 'requirement' });
  registry.add(Measure, { id: 'measure' });
  registry.add(MappingSet.shape.mappings.element, { id: 'mapping' });
  registry.add(RiskSource.shape.title, { id: 'text', description: 'A text in German and English.' });
  registry.add(RiskSource, { id: 'riskSource' });
  return registry;
}

/** The JSON Schema of one catalogue format, as a plain object. */
export function catalogJsonSchema(entry: SchemaFile): Record<string, unknown> {
  const generated = z.toJSONSchema(entry.schema, {
    target: 'draft-2020-12',
    io: 'input',
    metadata: definitions(),
    cycles: 'ref',
    reused: 'inline',
    // Refinements (unique ids, existing parents) cannot be expressed in JSON Schema; the zod schema and the lint check them.
    unrepresentable: 'throw',
  }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: `https://konform.invalid/catalogs/schemas/${entry.file}`,
    title: entry.title,
    description: entry.description,
    ...rest,
  };
}

/** File name → file text (pretty JSON with a final newline), as written to catalogs/schemas/. */
export function catalogJsonSchemaFiles(): Record<string, string> {
  return Object.fromEntries(CATALOG_SCHEMA_FILES.map((e) => [e.file, `${JSON.stringify(catalogJsonSchema(e), null, 2)}\n`]));
}
