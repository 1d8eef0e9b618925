import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalManifestText, compareManifests, digestMatches, manifestDigest, manifestPathProblem, manifestProblems } from './manifest.js';
import { sha256Hex } from './sha256.js';
import { DatasetVersionCreate, Manifest } from '../schemas/models.js';

const node = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('sha256Hex', () => {
  it('equals node:crypto for empty, short, block-edge and multi-block input', () => {
    for (const s of ['', 'abc', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'ü€😀'.repeat(100), 'y'.repeat(10_000)]) expect(sha256Hex(s)).toBe(node(s));
  });
});

describe('manifest digest', () => {
  it('is independent of entry order, case of the digest and sizes', () => {
    const one = manifestDigest([{ path: 'weights/model.safetensors', sha256: A, size: 10 }, { path: 'config.json', sha256: B }]);
    const two = manifestDigest([{ path: 'config.json', sha256: B.toUpperCase(), size: 1 }, { path: 'weights/model.safetensors', sha256: A }]);
    expect(one).toBe(two);
    expect(one).toMatch(/^[0-9a-f]{64}$/);
    expect(canonicalManifestText([{ path: 'b', sha256: A }, { path: 'a', sha256: B }])).toBe(`${B}  a\n${A}  b\n`);
  });

  it('changes with any path or digest', () => {
    const base = manifestDigest([{ path: 'a', sha256: A }]);
    expect(manifestDigest([{ path: 'a2', sha256: A }])).not.toBe(base);
    expect(manifestDigest([{ path: 'a', sha256: B }])).not.toBe(base);
  });

  it('sorts by UTF-8 bytes like LC_ALL=C sort (uppercase before lowercase, ASCII before umlauts)', () => {
    const text = canonicalManifestText([{ path: 'ä.txt', sha256: A }, { path: 'b.txt', sha256: A }, { path: 'B.txt', sha256: A }, { path: '\u{1F600}', sha256: A }, { path: '\uFF21', sha256: A }]);
    expect(text.split('\n').filter(Boolean).map((l) => l.slice(66))).toEqual(['B.txt', 'b.txt', 'ä.txt', '\uFF21', '\u{1F600}']);
  });

  it('is what sha256sum computes over a sorted listing of the delivery (the documented pipeline command)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'konform-manifest-'));
    try {
      mkdirSync(path.join(dir, 'weights'));
      const files: Record<string, string> = { 'config.json': '{"a":1}', 'weights/part-1.bin': 'eins', 'weights/part-2.bin': 'zwei', 'README.md': '# Modell' };
      for (const [p, content] of Object.entries(files)) writeFileSync(path.join(dir, p), content);
      const out = execFileSync('sh', ['-c', "find . -type f -printf '%P\\n' | LC_ALL=C sort | xargs -d '\\n' sha256sum | sha256sum"], { cwd: dir, encoding: 'utf8' });
      const expected = manifestDigest(Object.entries(files).map(([p, content]) => ({ path: p, sha256: node(content) })));
      expect(out.slice(0, 64)).toBe(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('manifest validation', () => {
  it('refuses empty manifests, bad digests, duplicate and unsafe paths, naming the entry', () => {
    expect(manifestProblems([])).toEqual([{ path: '', message: expect.any(String) }]);
    const problems = manifestProblems([
      { path: 'a', sha256: A }, { path: 'b', sha256: 'xyz' }, { path: 'a', sha256: B }, { path: '../etc/passwd', sha256: A }, { path: '/abs', sha256: A }, { path: 'c\\d', sha256: A },
    ]);
    expect(problems.map((p) => p.path)).toEqual(['1.sha256', '2.path', '3.path', '4.path', '5.path']);
    for (const ok of ['a', 'weights/model-00001-of-00002.safetensors', 'daten/äöü ß.csv']) expect(manifestPathProblem(ok)).toBeNull();
    for (const bad of ['', './a', 'a//b', 'a/', 'a\nb']) expect(manifestPathProblem(bad)).not.toBeNull();
  });

  it('maps problems onto zod paths (the API names manifest.3.sha256)', () => {
    const result = Manifest.safeParse([{ path: 'a', sha256: A }, { path: 'b', sha256: B }, { path: 'c', sha256: A }, { path: 'd', sha256: 'zz' }]);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path)).toEqual([[3, 'sha256']]);
  });

  it('requires a legal basis when a dataset version holds personal data', () => {
    const base = { label: '1.0', receivedOn: '2026-11-01', manifest: [{ path: 'a.csv', sha256: A }], personalData: true };
    const result = DatasetVersionCreate.safeParse(base);
    expect(result.error!.issues.map((i) => i.path)).toEqual([['legalBasis']]);
    expect(DatasetVersionCreate.safeParse({ ...base, legalBasis: 'Art. 6 Abs. 1 lit. e DSGVO i. V. m. § 3 BDSG' }).success).toBe(true);
    expect(DatasetVersionCreate.safeParse({ ...base, personalData: false, collectionFrom: '2026-02-01', collectionTo: '2026-01-01' }).error!.issues.map((i) => i.path)).toEqual([['collectionTo']]);
  });
});

describe('compareManifests', () => {
  it('reports missing, unexpected and changed files', () => {
    const registered = [{ path: 'a', sha256: A }, { path: 'b', sha256: B }];
    expect(compareManifests(registered, [...registered].reverse())).toEqual({ match: true, digest: manifestDigest(registered) });
    const result = compareManifests(registered, [{ path: 'a', sha256: B }, { path: 'c', sha256: A }]);
    expect(result).toMatchObject({ match: false, missing: ['b'], unexpected: ['c'], changed: ['a'] });
    expect(digestMatches(manifestDigest(registered), manifestDigest(registered).toUpperCase())).toBe(true);
    expect(digestMatches(manifestDigest(registered), 'abc')).toBe(false);
  });
});
