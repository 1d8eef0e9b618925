import { createPublicKey } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { keyIdOf } from './ed25519.js';
import { MANIFEST_FILE, SIGNATURE_FILE, SignedManifest, verifyManifest, type ManifestVerification } from './signed-manifest.js';
import { AUDIT_PACKAGE_SUBJECT, AUDIT_SLICE_FILE, describeSlice, verifyAuditSlice, type SliceVerification } from './audit-slice.js';

/** A verification; an audit package adds the check of its audit chain slice (`chain`), which must hold too. */
export type Verification = ManifestVerification & { chain?: SliceVerification };

/** For an audit package (a signed manifest whose subject is one), checks the chain slice as well. */
function withSlice(result: ManifestVerification, read: (path: string) => Buffer | null, publicKeys: ReadonlyMap<string, string>): Verification {
  if (result.problem !== null || result.manifest?.subject.type !== AUDIT_PACKAGE_SUBJECT) return result;
  const chain = verifyAuditSlice(read(AUDIT_SLICE_FILE), publicKeys);
  return { ...result, ok: result.ok && chain.ok, chain };
}

/** Public keys from PEM text (one or several `PUBLIC KEY` blocks, as `konform keys export` prints them), by key id. */
export function publicKeysFromPem(text: string): Map<string, string> {
  const blocks = text.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [];
  return new Map(blocks.map((pem) => [keyIdOf(createPublicKey(pem)), pem]));
}

function readOrNull(file: string): Buffer | null {
  return existsSync(file) && statSync(file).isFile() ? readFileSync(file) : null;
}

/**
 * Verifies a release: a directory holding `manifest.json` and `manifest.sig` with the files, a ZIP of the same, or a
 * single released file with the manifest beside it (then only that file is compared).
 */
export async function verifyPath(target: string, publicKeys: ReadonlyMap<string, string>): Promise<Verification> {
  if (!existsSync(target)) throw new Error(`${target} does not exist`);
  if (statSync(target).isDirectory()) {
    const manifest = readOrNull(path.join(target, MANIFEST_FILE));
    const signature = readOrNull(path.join(target, SIGNATURE_FILE));
    if (!manifest || !signature) throw new Error(`${target} holds no ${MANIFEST_FILE} and ${SIGNATURE_FILE}`);
    const read = (p: string) => readOrNull(path.join(target, p));
    return withSlice(verifyManifest(manifest, signature.toString('utf8'), publicKeys, read), read, publicKeys);
  }
  if (target.toLowerCase().endsWith('.zip')) {
    const result = await verifyZip(readFileSync(target), publicKeys);
    if (!result) throw new Error(`${target} holds no ${MANIFEST_FILE} and ${SIGNATURE_FILE}`);
    return result;
  }
  const dir = path.dirname(target);
  const manifest = readOrNull(path.join(dir, MANIFEST_FILE));
  const signature = readOrNull(path.join(dir, SIGNATURE_FILE));
  if (!manifest || !signature) throw new Error(`No ${MANIFEST_FILE} and ${SIGNATURE_FILE} beside ${target}`);
  const name = path.basename(target);
  return verifyManifest(manifest, signature.toString('utf8'), publicKeys, (p) => (p === name ? readFileSync(target) : null), new Set([name]));
}

/** The ZIP would unpack to more bytes than the caller allows. */
export class ZipTooLargeError extends Error {
  constructor(readonly unpackedBytes: number) {
    super(`The ZIP unpacks to ${unpackedBytes} bytes, more than allowed`);
  }
}

/** A release ZIP checked in memory, with the entries the manifest does not list (`unlisted`). */
export type ZipVerification = Verification & { unlisted: string[] };

/**
 * Verifies a release ZIP held in memory (`konform verify` and the verification page share it); null when the ZIP
 * holds no `manifest.json` and `manifest.sig` (e.g. a DOCX). Throws when the bytes are no readable ZIP.
 */
export async function verifyZip(bytes: Buffer, publicKeys: ReadonlyMap<string, string>, limits: { maxUnpackedBytes?: number } = {}): Promise<ZipVerification | null> {
  const zip = await JSZip.loadAsync(bytes);
  // Refuse a ZIP that would unpack to more than allowed (a "zip bomb") before inflating anything; the sizes come from
  // the ZIP's own directory, which JSZip keeps on each entry.
  if (limits.maxUnpackedBytes !== undefined) {
    const unpacked = Object.values(zip.files).reduce((sum, f) => sum + ((f as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0), 0);
    if (unpacked > limits.maxUnpackedBytes) throw new ZipTooLargeError(unpacked);
  }
  const entry = async (name: string) => {
    const file = zip.file(name);
    return file ? Buffer.from(await file.async('uint8array')) : null;
  };
  const manifest = await entry(MANIFEST_FILE);
  const signature = await entry(SIGNATURE_FILE);
  if (!manifest || !signature) return null;
  // Read the listed files first: the check itself is synchronous.
  let listed: SignedManifest | null = null;
  try {
    listed = SignedManifest.parse(JSON.parse(manifest.toString('utf8')));
  } catch {
    listed = null;
  }
  const contents = new Map<string, Buffer | null>();
  if (listed) for (const f of listed.files) contents.set(f.path, await entry(f.path));
  if (listed?.subject.type === AUDIT_PACKAGE_SUBJECT) contents.set(AUDIT_SLICE_FILE, await entry(AUDIT_SLICE_FILE));
  const read = (p: string) => contents.get(p) ?? null;
  const result = withSlice(verifyManifest(manifest, signature.toString('utf8'), publicKeys, read), read, publicKeys);
  const known = new Set([MANIFEST_FILE, SIGNATURE_FILE, ...(listed?.files.map((f) => f.path) ?? [])]);
  const unlisted = Object.values(zip.files).filter((f) => !f.dir && !known.has(f.name)).map((f) => f.name).sort();
  return { ...result, unlisted };
}

/** The lines `konform verify` prints. */
export function describeVerification(result: Verification): string[] {
  const m = result.manifest;
  if (result.problem === 'malformed-manifest') return ['NOT VERIFIED: the manifest cannot be read'];
  if (result.problem === 'unknown-key') return [`NOT VERIFIED: the manifest names key ${m?.keyId}, which is not among the public keys`];
  if (result.problem === 'signature-invalid') return ['NOT VERIFIED: the signature of the manifest is invalid (the manifest was changed or not signed by this key)'];
  if (result.files.length === 0) return ['NOT VERIFIED: the file is not listed in the manifest'];
  const lines = result.files.map((f) => `${f.status === 'ok' ? 'OK     ' : f.status === 'changed' ? 'CHANGED' : 'MISSING'} ${f.path}`);
  const subject = m ? `${m.subject.title}${m.subject.version !== null ? ` (version ${m.subject.version})` : ''}, signed ${m.issuedAt} with key ${m.keyId}` : '';
  if (result.chain) {
    lines.push(...describeSlice(result.chain));
    const differ = result.files.filter((f) => f.status !== 'ok').length;
    lines.push(result.ok ? `VERIFIED: ${subject}` : `NOT VERIFIED: ${differ} file(s) differ${result.chain.ok ? '' : ', the audit chain slice does not verify'} (${subject})`);
    return lines;
  }
  lines.push(result.ok ? `VERIFIED: ${subject}` : `NOT VERIFIED: ${result.files.filter((f) => f.status !== 'ok').length} file(s) differ from ${subject}`);
  return lines;
}
