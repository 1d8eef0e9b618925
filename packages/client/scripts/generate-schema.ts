// Generates the client's types (src/schema.ts) from the committed OpenAPI document with openapi-typescript.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';

export const OPENAPI_FILE = path.resolve(import.meta.dirname, '../../../docs/api/openapi.json');
export const SCHEMA_FILE = path.resolve(import.meta.dirname, '../src/schema.ts');

const HEADER = `// Generated from docs/api/openapi.json by openapi-typescript (npm run client). Do not edit by hand.\n/* eslint-disable */\n\n`;

/** The TypeScript source of src/schema.ts for an OpenAPI document (default: the committed one). */
export async function clientSchemaSource(document: string = readFileSync(OPENAPI_FILE, 'utf8')): Promise<string> {
  const ast = await openapiTS(document, { alphabetize: false, exportType: true });
  return HEADER + astToString(ast);
}
