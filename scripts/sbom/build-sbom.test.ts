import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycloneDxSchemaProblems } from '../../packages/server/src/modules/interchange/cyclonedx-schema.js';
import { buildSbom, integrityHashes, npmPurl, type Lockfile } from './build-sbom.js';

const root = path.resolve(import.meta.dirname, '../..');
const lockText = readFileSync(path.join(root, 'package-lock.json'), 'utf8');
const lock = JSON.parse(lockText) as Lockfile;
const sbom = buildSbom(lockText, new Date('2026-11-27T08:00:00Z'));
const byRef = new Map(sbom.components.map((c) => [c['bom-ref'], c]));

describe('SBOM of Konform', () => {
  it('writes package URLs with the scope percent-encoded', () => {
    expect(npmPurl('@konform/core', '0.1.0')).toBe('pkg:npm/%40konform/core@0.1.0');
    expect(npmPurl('fastify', '5.12.8')).toBe('pkg:npm/fastify@5.12.8');
  });

  it('turns npm integrity strings into hex hashes', () => {
    const hex = 'ab'.repeat(64);
    expect(integrityHashes(`sha512-${Buffer.from(hex, 'hex').toString('base64')}`)).toEqual([{ alg: 'SHA-512', content: hex }]);
    expect(integrityHashes(undefined)).toEqual([]);
  });

  it('lists every installed package of the lockfile once, with hash and licence where the lockfile has them', () => {
    for (const [p, entry] of Object.entries(lock.packages)) {
      if (p === '' || entry.link) continue;
      const name = entry.name ?? p.slice(p.lastIndexOf('node_modules/') + 'node_modules/'.length);
      const component = byRef.get(npmPurl(name, entry.version ?? '0.0.0'));
      expect(component, p).toBeDefined();
      if (entry.integrity?.startsWith('sha512-')) expect(component!.hashes?.[0]?.content).toMatch(/^[0-9a-f]{128}$/);
      if (entry.license) expect(component!.licenses).toEqual([{ expression: entry.license }]);
    }
    expect(new Set(sbom.components.map((c) => c['bom-ref'])).size).toBe(sbom.components.length);
  });

  it('tells run-time packages from build and test tooling', () => {
    expect(byRef.get(npmPurl('better-sqlite3', lock.packages['node_modules/better-sqlite3']!.version!))?.scope).toBe('required');
    expect(byRef.get(npmPurl('vitest', lock.packages['node_modules/vitest']!.version!))?.scope).toBe('excluded');
    expect(byRef.get('pkg:npm/%40konform/server@0.1.0')?.scope).toBe('required');
    expect(byRef.get('pkg:npm/%40konform/e2e@0.1.0')?.scope).toBe('excluded');
  });

  it('resolves the dependency graph to components that exist', () => {
    const rootRef = npmPurl(lock.name, lock.version);
    for (const d of sbom.dependencies) {
      expect(d.ref === rootRef || byRef.has(d.ref), d.ref).toBe(true);
      for (const target of d.dependsOn) expect(byRef.has(target), `${d.ref} -> ${target}`).toBe(true);
    }
    const server = sbom.dependencies.find((d) => d.ref === 'pkg:npm/%40konform/server@0.1.0');
    expect(server?.dependsOn).toContain(npmPurl('fastify', lock.packages['node_modules/fastify']!.version!));
    expect(server?.dependsOn).toContain('pkg:npm/%40konform/core@0.1.0');
  });

  it('validates against the official CycloneDX 1.6 schema', () => {
    expect(cycloneDxSchemaProblems(JSON.parse(JSON.stringify(sbom)), '1.6')).toEqual([]);
  });

  it('describes the same install the same way (serial number from the lockfile)', () => {
    expect(buildSbom(lockText, new Date()).serialNumber).toBe(sbom.serialNumber);
    expect(sbom.serialNumber).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
