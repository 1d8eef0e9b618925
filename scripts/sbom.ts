// `npm run sbom`: writes the CycloneDX SBOM of Konform itself (from package-lock.json) to dist/konform.cdx.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSbom } from './sbom/build-sbom.js';

const root = path.resolve(import.meta.dirname, '..');
const target = path.resolve(root, process.argv[2] ?? 'dist/konform.cdx.json');
const sbom = buildSbom(readFileSync(path.join(root, 'package-lock.json'), 'utf8'), new Date());
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, `${JSON.stringify(sbom, null, 2)}\n`);
const runtime = sbom.components.filter((c) => c.scope === 'required').length;
console.log(`Wrote ${target}: ${sbom.components.length} components (${runtime} needed at run time)`);
