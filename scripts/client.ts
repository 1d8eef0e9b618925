// Writes the types of @konform/client (packages/client/src/schema.ts, committed) from docs/api/openapi.json.
import { writeFileSync } from 'node:fs';
import { clientSchemaSource, SCHEMA_FILE } from '../packages/client/scripts/generate-schema.js';

writeFileSync(SCHEMA_FILE, await clientSchemaSource());
console.log(`Wrote ${SCHEMA_FILE}`);
