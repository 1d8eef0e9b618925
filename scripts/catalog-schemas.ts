// Writes the JSON Schemas of the catalogue formats (catalog, measures, mappings), generated from the zod schemas, to
// catalogs/schemas/ (committed; the catalogue lint fails when they are stale). Run: npm run catalog-schemas
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { catalogJsonSchemaFiles } from '../packages/core/src/catalogs/catalog-lint-json-schemas.js';

const dir = path.resolve(import.meta.dirname, '../catalogs/schemas');
for (const [file, text] of Object.entries(catalogJsonSchemaFiles())) {
  const target = path.join(dir, file);
  writeFileSync(target, text);
  console.log(`Wrote ${target}`);
}
