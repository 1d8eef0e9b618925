import { createHash } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { signBytes, verifyBytes } from './ed25519.js';

/**
 * A signed manifest: the SHA-256 of every file of a release (e.g. a released document's DOCX, PDF, Markdown, JSON),
 * signed with the organisation's Ed25519 key. `manifest.json` is signed byte for byte and the signature stored beside
 * it as `manifest.sig` (base64), so anyone can check it with the public key alone:
 * `base64 -d manifest.sig > sig.bin && openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in manifest.json -sigfile sig.bin`.
 */
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const MANIFEST_FORMAT = 'konform-signed-manifest/1';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
/** A plain relative file name inside the release: no directories upward, no absolute paths. */
const FilePath = z.string().min(1).max(300).refine((p) => !p.startsWith('/') && !p.split('/').includes('..') && !p.includes('\\'), 'Expected a relative path inside the release');

export const SignedManifest = z.object({
  format: z.literal(MANIFEST_FORMAT),
  subject: z.object({ type: z.string(), id: z.string(), title: z.string(), version: z.number().int().nullable() }),
  issuedAt: z.string(),
  keyId: z.string(),
  files: z.array(z.object({ path: FilePath, sha256: Sha256, size: z.number().int().min(0) })).min(1),
});
export type SignedManifest = z.infer<typeof SignedManifest>;

export interface ManifestInput {
  subject: SignedManifest['subject'];
  files: { path: string; bytes: Buffer }[];
  issuedAt: string;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The manifest bytes (pretty JSON, files sorted by path) and their signature. */
export function signManifest(input: ManifestInput, key: { id: string; privateKey: KeyObject }): { manifest: Buffer; signature: string } {
  const files = [...input.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((f) => ({ path: f.path, sha256: sha256(f.bytes), size: f.bytes.length }));
  const manifest: SignedManifest = SignedManifest.parse({ format: MANIFEST_FORMAT, subject: input.subject, issuedAt: input.issuedAt, keyId: key.id, files });
  const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  return { manifest: bytes, signature: signBytes(key, bytes) };
}

export type FileStatus = 'ok' | 'changed' | 'missing';

export interface ManifestVerification {
  ok: boolean;
  /** Why the manifest itself cannot be trusted, or null when its signature verified. */
  problem: 'malformed-manifest' | 'unknown-key' | 'signature-invalid' | null;
  manifest: SignedManifest | null;
  files: { path: string; status: FileStatus }[];
}

/**
 * Checks the manifest's signature with the public key it names (from `publicKeys`, id → PEM), then each listed file
 * through `read` (null = missing). Only the files asked for are compared when `only` is given (a single document
 * checked against the manifest of its release).
 */
export function verifyManifest(
  manifestBytes: Buffer,
  signature: string,
  publicKeys: ReadonlyMap<string, string>,
  read: (path: string) => Buffer | null,
  only?: ReadonlySet<string>,
): ManifestVerification {
  let manifest: SignedManifest;
  try {
    manifest = SignedManifest.parse(JSON.parse(manifestBytes.toString('utf8')));
  } catch {
    return { ok: false, problem: 'malformed-manifest', manifest: null, files: [] };
  }
  const pem = publicKeys.get(manifest.keyId);
  if (!pem) return { ok: false, problem: 'unknown-key', manifest, files: [] };
  if (!verifyBytes(pem, manifestBytes, signature.trim())) return { ok: false, problem: 'signature-invalid', manifest, files: [] };
  const files = manifest.files
    .filter((f) => !only || only.has(f.path))
    .map((f) => {
      const bytes = read(f.path);
      const status: FileStatus = bytes === null ? 'missing' : bytes.length === f.size && sha256(bytes) === f.sha256 ? 'ok' : 'changed';
      return { path: f.path, status };
    });
  return { ok: files.length > 0 && files.every((f) => f.status === 'ok'), problem: null, manifest, files };
}
