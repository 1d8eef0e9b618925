import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DocumentFile, DocumentSignoff, DocumentType, DocumentVerifyResult, DocumentVersionStatus, VerifiedRelease } from '@konform/core';
import type { Database } from '../../db/database.js';
import type { DB, DocumentTable, DocumentVersionTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope } from '../../access/scope.js';
import { HttpProblem, invalid } from '../../http/errors.js';
import { listPublicKeys } from '../../signing/organisation-keys.js';
import { verifyManifest, type SignedManifest } from '../../signing/signed-manifest.js';
import { verifyZip, ZipTooLargeError } from '../../signing/verify-path.js';
import { assertSafeZip } from '../../http/zip-check.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** Released and superseded versions carry files and a signed manifest; drafts never do. */
const SEALED: DocumentVersionStatus[] = ['released', 'superseded'];

/**
 * "Anyone can check that a released document has not been altered" (#9): a release bundle is checked with the same
 * function as `konform verify` (signature against the organisation's public keys, old keys included, and every file's
 * hash); a single file is looked up by its SHA-256 among the released versions the caller may read, and the stored
 * manifest of each match is verified against the file. Only reads: no audit event.
 */
export class DocumentVerifyService {
  constructor(
    private readonly database: Database,
    /** What a checked ZIP may unpack to; a release unpacks to little more than it weighs, a "zip bomb" to far more. */
    private readonly maxUnpackedBytes = 200 * 1024 * 1024,
  ) {}

  private get db(): Kysely<DB> {
    return this.database.db;
  }

  async verify(actor: Actor, bytes: Buffer | undefined): Promise<DocumentVerifyResult> {
    if (!bytes || bytes.length === 0) throw invalid('body', 'The body is empty; send the file to check (a release ZIP or a DOCX, PDF, Markdown or JSON file)');
    const keys = new Map((await listPublicKeys(this.db)).map((k) => [k.id, k.public_key_pem]));
    const base = { sha256: sha256(bytes), size: bytes.length };
    if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
      // Entry count, unpacked size and compression ratio, and every entry inflated no further than declared, before
      // JSZip inflates anything (it checks sizes only after inflating).
      assertSafeZip(bytes, { maxEntries: 10_000, maxTotalBytes: this.maxUnpackedBytes, maxRatio: 200 }, { field: 'body', what: 'ZIP archive' });
      const bundle = await verifyZip(bytes, keys, { maxUnpackedBytes: this.maxUnpackedBytes }).catch((error: unknown) => {
        if (error instanceof ZipTooLargeError) throw new HttpProblem(413, 'zip-too-large', `The ZIP unpacks to more than ${this.maxUnpackedBytes} bytes`);
        throw invalid('body', 'The file looks like a ZIP but cannot be read');
      });
      // A ZIP without manifest (a DOCX is one) is checked as a single file.
      if (bundle) {
        const m = bundle.manifest;
        const release = m?.subject.type === 'document' && m.subject.version !== null ? await this.bundleRelease(actor, m, bundle.problem === null) : null;
        const files = [...bundle.files, ...bundle.unlisted.map((path) => ({ path, status: 'unlisted' as const }))];
        return {
          ...base, kind: 'bundle', ok: bundle.ok && bundle.unlisted.length === 0,
          problem: bundle.problem ?? (bundle.files.length === 0 ? 'not-listed' : null),
          keyId: m?.keyId ?? null, issuedAt: m?.issuedAt ?? null, subject: m ? { title: m.subject.title, version: m.subject.version } : null,
          files, releases: release ? [release] : [],
        };
      }
    }
    return this.verifyFile(actor, bytes, base, keys);
  }

  private async verifyFile(actor: Actor, bytes: Buffer, base: { sha256: string; size: number }, keys: ReadonlyMap<string, string>): Promise<DocumentVerifyResult> {
    // The hash is hex, so it is safe inside LIKE; the JSON match is confirmed below.
    const rows = await this.db.selectFrom('document_version').innerJoin('document', 'document.id', 'document_version.document_id')
      .selectAll('document_version').select(['document.org_unit_id', 'document.system_id as doc_system_id'])
      .where('document_version.status', 'in', SEALED).where('document_version.files', 'like', `%${base.sha256}%`)
      .orderBy('document_version.released_at').execute();
    const releases: VerifiedRelease[] = [];
    for (const row of rows) {
      const file = (JSON.parse(row.files ?? '[]') as DocumentFile[]).find((f) => f.sha256 === base.sha256);
      if (!file || !(await this.mayRead(actor, row.org_unit_id, row.doc_system_id))) continue;
      const check = row.manifest && row.manifest_signature
        ? verifyManifest(Buffer.from(row.manifest, 'utf8'), row.manifest_signature, keys, (p) => (p === file.filename ? bytes : null), new Set([file.filename]))
        : null;
      releases.push(await this.present(row, file, check?.ok ?? false));
    }
    const ok = releases.some((r) => r.manifestVerified);
    return {
      ...base, kind: 'file', ok, problem: releases.length === 0 ? 'not-found' : ok ? null : 'signature-invalid',
      keyId: releases[0]?.keyId ?? null, issuedAt: releases[0]?.releasedAt ?? null, subject: releases[0] ? { title: releases[0].title, version: releases[0].number } : null,
      files: releases[0]?.file ? [{ path: releases[0].file.filename, status: ok ? 'ok' : 'changed' }] : [], releases,
    };
  }

  /** The version a bundle's manifest names, when the caller may read it; verified when the stored manifest is the one checked. */
  private async bundleRelease(actor: Actor, manifest: SignedManifest, signatureOk: boolean): Promise<VerifiedRelease | null> {
    const row = await this.db.selectFrom('document_version').innerJoin('document', 'document.id', 'document_version.document_id')
      .selectAll('document_version').select(['document.org_unit_id', 'document.system_id as doc_system_id'])
      .where('document_version.document_id', '=', manifest.subject.id).where('document_version.number', '=', manifest.subject.version ?? -1).executeTakeFirst();
    if (!row || !row.manifest || !(await this.mayRead(actor, row.org_unit_id, row.doc_system_id))) return null;
    const same = JSON.stringify(JSON.parse(row.manifest)) === JSON.stringify(manifest);
    return this.present(row, null, signatureOk && same);
  }

  private async mayRead(actor: Actor, unitId: string, systemId: string | null): Promise<boolean> {
    try {
      await assertInScope(this.db, actor, 'document.read', unitId, systemId);
      return true;
    } catch (error) {
      if (error instanceof HttpProblem && (error.status === 403 || error.status === 404)) return false;
      throw error;
    }
  }

  private async present(row: DocumentVersionTable, file: DocumentFile | null, manifestVerified: boolean): Promise<VerifiedRelease> {
    const doc = await this.db.selectFrom('document').selectAll().where('id', '=', row.document_id).executeTakeFirstOrThrow();
    return {
      documentId: doc.id, type: doc.type as DocumentType, title: doc.title, subjectLabel: await this.subjectLabel(doc), number: Number(row.number),
      status: row.status as DocumentVersionStatus, releasedAt: row.released_at, keyId: row.key_id, file, manifestVerified,
      signoffs: (JSON.parse(row.signoffs) as DocumentSignoff[]).map((s) => ({ meaning: s.meaning, signerLabel: s.signerLabel, signedAt: s.signedAt })),
    };
  }

  private async subjectLabel(doc: DocumentTable): Promise<string | null> {
    if (doc.system_id) return (await this.db.selectFrom('ai_system').select('name').where('id', '=', doc.system_id).executeTakeFirst())?.name ?? null;
    if (!doc.model_version_id) return null;
    const v = await this.db.selectFrom('model_version').innerJoin('model', 'model.id', 'model_version.item_id').select(['model.name', 'model_version.label']).where('model_version.id', '=', doc.model_version_id).executeTakeFirst();
    return v ? `${v.name} ${v.label}` : null;
  }
}
