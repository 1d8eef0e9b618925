import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clientSchemaSource, SCHEMA_FILE } from '../scripts/generate-schema.js';

describe('committed client types', () => {
  it('match docs/api/openapi.json (run `npm run openapi` after changing an API)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await clientSchemaSource());
  });
});
