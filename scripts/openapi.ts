// Writes the OpenAPI document generated from the zod schemas to docs/api/openapi.json (committed; a test fails when stale).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { openApiDocument } from '../packages/server/test/support/openapi-document.js';

const target = path.resolve(import.meta.dirname, '../docs/api/openapi.json');
writeFileSync(target, `${JSON.stringify(await openApiDocument(), null, 2)}\n`);
console.log(`Wrote ${target}`);
