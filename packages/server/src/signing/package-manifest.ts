import type { KeyObject } from 'node:crypto';
import { signBytes } from './ed25519.js';
import { MANIFEST_FORMAT, SignedManifest } from './signed-manifest.js';

/** A file of a package whose hash and size are known without holding its bytes (a stored object, named by its SHA-256). */
export interface ManifestEntry {
  path: string;
  sha256: string;
  size: number;
}

/**
 * The same signed manifest as `signManifest` (the same format, so `konform verify` and OpenSSL check it alike), from
 * hashes computed beforehand: a package streams stored files it never holds in memory.
 */
export function signManifestEntries(input: { subject: SignedManifest['subject']; files: ManifestEntry[]; issuedAt: string }, key: { id: string; privateKey: KeyObject }): { manifest: Buffer; signature: string } {
  const files = [...input.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((f) => ({ path: f.path, sha256: f.sha256, size: f.size }));
  const manifest: SignedManifest = SignedManifest.parse({ format: MANIFEST_FORMAT, subject: input.subject, issuedAt: input.issuedAt, keyId: key.id, files });
  const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  return { manifest: bytes, signature: signBytes(key, bytes) };
}
