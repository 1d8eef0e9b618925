import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../support/openapi-document.js';

describe('committed OpenAPI document', () => {
  it('matches what the schemas generate (run `npm run openapi` after changing an API)', async () => {
    const committed = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../../docs/api/openapi.json'), 'utf8')) as unknown;
    expect(await openApiDocument()).toEqual(committed);
  });
});
