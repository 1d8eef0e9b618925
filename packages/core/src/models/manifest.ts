import { sha256Hex } from './sha256.js';

/** One file of a model or dataset version: its path inside the delivery and the SHA-256 of its content. */
export interface ManifestEntry {
  path: string;
  sha256: string;
  size?: number | undefined;
}

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/**
 * Why a manifest path is not acceptable, or null. Paths are relative to the root of the delivery, with forward slashes:
 * no leading `/` or `./`, no `.` or `..` segment, no empty segment, no backslash, no control characters.
 */
export function manifestPathProblem(path: string): string | null {
  if (path.length === 0) return 'The path is empty';
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'The path contains a control character';
  if (path.includes('\\')) return 'Use forward slashes in paths';
  if (path.startsWith('/')) return 'The path must be relative to the root of the delivery';
  if (path.split('/').some((s) => s === '' || s === '.' || s === '..')) return 'The path has an empty, "." or ".." segment';
  return null;
}

/** Compares by UTF-8 bytes (the order of `LC_ALL=C sort`), not by UTF-16 code units. */
export function compareUtf8(a: string, b: string): number {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** The entries sorted by path (UTF-8 byte order), digests in lower case; sizes are kept but take no part in the digest. */
export function canonicalManifest<T extends ManifestEntry>(entries: readonly T[]): T[] {
  return entries.map((e) => ({ ...e, sha256: e.sha256.toLowerCase() })).sort((a, b) => compareUtf8(a.path, b.path));
}

/**
 * The text the manifest digest is computed over: one line per file, `<sha256>  <path>\n` (two spaces, as `sha256sum`
 * prints it), sorted by path in UTF-8 byte order.
 */
export function canonicalManifestText(entries: readonly ManifestEntry[]): string {
  return canonicalManifest(entries).map((e) => `${e.sha256}  ${e.path}\n`).join('');
}

/**
 * The manifest digest: SHA-256 (lower-case hex) of the canonical manifest text. A pipeline computes the same value with
 * `find . -type f -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum | sha256sum` run in the delivery's root.
 */
export function manifestDigest(entries: readonly ManifestEntry[]): string {
  return sha256Hex(canonicalManifestText(entries));
}

/** Problems of a manifest, each with the dotted path of the field (relative to the manifest). */
export function manifestProblems(entries: readonly ManifestEntry[]): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (entries.length === 0) problems.push({ path: '', message: 'A manifest lists at least one file' });
  const seen = new Map<string, number>();
  entries.forEach((e, i) => {
    const pathProblem = manifestPathProblem(e.path);
    if (pathProblem) problems.push({ path: `${i}.path`, message: pathProblem });
    if (!SHA256_PATTERN.test(e.sha256.toLowerCase())) problems.push({ path: `${i}.sha256`, message: 'Expected a SHA-256 digest: 64 hexadecimal characters' });
    const first = seen.get(e.path);
    if (first !== undefined) problems.push({ path: `${i}.path`, message: `The path is listed twice (also entry ${first})` });
    else seen.set(e.path, i);
  });
  return problems;
}

export type DigestComparison =
  | { match: true; digest: string }
  | { match: false; expected: string; actual: string; missing: string[]; unexpected: string[]; changed: string[] };

/**
 * Compares the registered manifest with one presented (e.g. by a pipeline before a run): which paths are missing, which
 * are new, which have another digest. Sizes are not compared.
 */
export function compareManifests(registered: readonly ManifestEntry[], presented: readonly ManifestEntry[]): DigestComparison {
  const expected = manifestDigest(registered);
  const actual = manifestDigest(presented);
  if (expected === actual) return { match: true, digest: expected };
  const a = new Map(registered.map((e) => [e.path, e.sha256.toLowerCase()]));
  const b = new Map(presented.map((e) => [e.path, e.sha256.toLowerCase()]));
  const sorted = (xs: string[]) => xs.sort(compareUtf8);
  return {
    match: false,
    expected,
    actual,
    missing: sorted([...a.keys()].filter((p) => !b.has(p))),
    unexpected: sorted([...b.keys()].filter((p) => !a.has(p))),
    changed: sorted([...a.entries()].filter(([p, d]) => b.has(p) && b.get(p) !== d).map(([p]) => p)),
  };
}

/** Whether a digest a pipeline states (any case) is the registered one. */
export function digestMatches(registered: string, stated: string): boolean {
  return SHA256_PATTERN.test(stated.toLowerCase()) && registered.toLowerCase() === stated.toLowerCase();
}
