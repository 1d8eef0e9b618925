import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Transaction } from 'kysely';
import JSZip from 'jszip';
import {
  applyTemplate,
  composeDocument,
  exportMarking,
  DOCUMENT_BUILDERS,
  missingSections,
  officeToday,
  parseMarkdown,
  retentionLastDay,
  type DocBlock,
  type DocumentCreate,
  type DocumentDetail,
  type DocumentFile,
  type DocumentFileFormat,
  type DocumentListQuery,
  type DocumentLocale,
  type DocumentManifest,
  type DocumentSectionSave,
  type DocumentSectionText,
  type DocumentSignoff,
  type DocumentSummary,
  type DocumentType,
  type DocumentVersion,
  type DocumentVersionSign,
  type DocumentVersionStatus,
  type DocumentVersionStep,
  type SectionCompleteness,
  withTitlePage,
} from '@konform/core';
import type { Database } from '../../db/database.js';
import type { DB, DocumentTable, DocumentVersionTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope, tokenSystemIds, unitScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { conflict, invalid, notFound, versionConflict } from '../../http/errors.js';
import type { ExportFile } from '../../http/send-file.js';
import { renderDocument } from '../../documents/render.js';
import { MANIFEST_FILE, SIGNATURE_FILE, signManifest } from '../../signing/signed-manifest.js';
import type { OrganisationKeys } from '../../signing/organisation-keys.js';
import type { ObjectStorage } from '../../storage/storage.js';
import type { CatalogService } from '../catalogs/service.js';
import type { SignatureService } from '../signatures/service.js';
import { markdownToBlocks } from '../qms/export.js';
import { retentionMonths } from '../privacy/retention.js';
import { slugOf } from '../risks/report-service.js';
import { DOCUMENT_SOURCES, subjectName, subjectUnitId, type DocumentSubject } from './sources/index.js';
import { currentTemplate, freezeTemplate, frozenTemplate } from '../document-templates/repository.js';

const builderOf = (doc: DocumentTable) => DOCUMENT_BUILDERS[doc.type as DocumentType];
const sourceOf = (doc: DocumentTable) => DOCUMENT_SOURCES[doc.type as DocumentType];

export const DOCUMENT_ENTITY = 'document';
export const DOCUMENT_VERSION_ENTITY = 'document-version';

const CONTENT_TYPES: Record<DocumentFileFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
};
const FORMATS: readonly DocumentFileFormat[] = ['docx', 'pdf', 'md', 'json'];
const ROLE = { de: { reviewed: 'Geprüft', released: 'Freigegeben' }, en: { reviewed: 'Reviewed', released: 'Released' } } as const;

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const json = (value: unknown) => JSON.stringify(value);
const textBlocks = (markdown: string): DocBlock[] => markdownToBlocks(parseMarkdown(markdown));

/** Versions are records of type technical documentation for retention; its configured period applies to all. */
const RETENTION_TYPE = 'technical-documentation';

/** What a signature on a version covers: the document, the number and the hashes of the frozen inputs and template. */
const signedState = (row: DocumentVersionTable) => ({
  documentId: row.document_id, number: Number(row.number), inputs: sha256(row.inputs), ...(row.template ? { template: sha256(row.template) } : {}),
});

/** Plain lines of the record blocks, for the completeness view. */
function blockLines(blocks: readonly DocBlock[]): string[] {
  return blocks.flatMap((b): string[] => {
    switch (b.type) {
      case 'heading':
      case 'paragraph':
        return [b.text];
      case 'list':
        return b.items;
      case 'keyValue':
        return b.items.map((i) => `${i.key}: ${i.value}`);
      case 'table':
        return b.rows.map((r) => r.join(' · '));
      default:
        return [];
    }
  });
}

/**
 * Computed on read from the configured period (a changed period changes the date) by the rule the retention sweep
 * uses; the period starts when a newer version supersedes this one, so a released version has a period but no date
 * yet. The stored column `retain_until` is no longer written or read.
 */
function presentVersion(row: DocumentVersionTable, months: number): DocumentVersion {
  const sealed = row.released_at !== null;
  return {
    id: row.id, documentId: row.document_id, number: Number(row.number), status: row.status as DocumentVersionStatus,
    completeness: JSON.parse(row.completeness) as SectionCompleteness[], files: row.files ? (JSON.parse(row.files) as DocumentFile[]) : [],
    keyId: row.key_id, signoffs: JSON.parse(row.signoffs) as DocumentSignoff[], authors: JSON.parse(row.authors) as string[], version: Number(row.version),
    createdAt: row.created_at, createdByLabel: row.created_by_label, submittedAt: row.submitted_at, submittedByLabel: row.submitted_by_label,
    releasedAt: row.released_at, releasedByLabel: row.released_by_label, retainUntil: row.superseded_at ? retentionLastDay(row.superseded_at, months) : null,
    retentionMonths: sealed ? months : null, supersededAt: row.superseded_at,
  };
}

/**
 * Generated documents: a document (today the technical documentation of Annex IV of a high-risk system) is built
 * from the records and authored section text; a version freezes both (draft), is submitted (in-review), signed
 * `reviewed` by one person and `released` by another (four eyes: neither wrote it, the approver is not the
 * reviewer; tokens cannot sign). At release the DOCX, PDF, Markdown and JSON are rendered from the frozen inputs,
 * stored content-addressed and sealed by a manifest signed with the organisation's key. Released versions never
 * change and are kept for the configured period of technical documentation after they are superseded.
 */
export class DocumentService {
  constructor(
    private readonly database: Database,
    private readonly signatures: SignatureService,
    private readonly catalogs: CatalogService,
    readonly storage: ObjectStorage,
    private readonly keys: OrganisationKeys,
    /** The classification marking printed on every page; null: none. */
    private readonly marking: string | null,
  ) {
    signatures.register(DOCUMENT_VERSION_ENTITY, {
      readPermission: 'document.read',
      unitOf: async (db, id) => {
        const row = await db.selectFrom('document_version').innerJoin('document', 'document.id', 'document_version.document_id').select('document.org_unit_id').where('document_version.id', '=', id).executeTakeFirst();
        return row?.org_unit_id;
      },
      currentState: async (db, id) => {
        const row = await db.selectFrom('document_version').selectAll().where('id', '=', id).executeTakeFirst();
        return row ? signedState(row) : undefined;
      },
    });
  }

  private get db() {
    return this.database.db;
  }

  async list(actor: Actor, query: DocumentListQuery): Promise<DocumentSummary[]> {
    const scope = await unitScope(this.db, actor, 'document.read');
    if (scope !== 'all' && scope.size === 0) return [];
    let q = this.db.selectFrom('document').selectAll().orderBy('created_at', 'desc').orderBy('id');
    if (scope !== 'all') q = q.where('org_unit_id', 'in', [...scope]);
    const systems = tokenSystemIds(actor);
    if (systems) {
      if (systems.length === 0) return [];
      q = q.where('system_id', 'in', [...systems]);
    }
    if (query.systemId) q = q.where('system_id', '=', query.systemId);
    if (query.modelVersionId) q = q.where('model_version_id', '=', query.modelVersionId);
    if (query.type) q = q.where('type', '=', query.type);
    const rows = await q.execute();
    return Promise.all(rows.map((r) => this.summary(r)));
  }

  async create(actor: Actor, input: DocumentCreate): Promise<DocumentDetail> {
    const builder = DOCUMENT_BUILDERS[input.type];
    const subject = await this.subjectOf(this.db, builder.subject, input.systemId ?? null, input.modelVersionId ?? null);
    const systemId = subject.kind === 'system' ? subject.system.id : null;
    const modelVersionId = subject.kind === 'model-version' ? subject.version.id : null;
    await assertInScope(this.db, actor, 'document.edit', subjectUnitId(subject), systemId);
    const refusal = DOCUMENT_SOURCES[input.type].refuse?.(subject);
    if (refusal) throw conflict(refusal.code, refusal.message);
    const now = new Date().toISOString();
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      if (builder.onePerSubject) {
        let q = trx.selectFrom('document').select('id').where('type', '=', input.type).where('locale', '=', input.locale);
        q = systemId ? q.where('system_id', '=', systemId) : q.where('model_version_id', '=', modelVersionId);
        if (await q.executeTakeFirst()) throw conflict('document-exists', 'The subject has this document in this language already');
      }
      const title = input.title ?? builder.title(subjectName(subject), input.locale);
      await trx.insertInto('document').values({
        id, type: input.type, system_id: systemId, model_version_id: modelVersionId, org_unit_id: subjectUnitId(subject), title, locale: input.locale, version: 1, created_at: now, updated_at: now, created_by_label: actor.label,
      }).execute();
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'document.create', entityType: DOCUMENT_ENTITY, entityId: id,
        changes: [
          { field: 'type', before: null, after: input.type },
          ...(systemId ? [{ field: 'systemId', before: null, after: systemId }] : []),
          ...(modelVersionId ? [{ field: 'modelVersionId', before: null, after: modelVersionId }] : []),
          { field: 'title', before: null, after: title }, { field: 'locale', before: null, after: input.locale },
        ],
      }, now);
    });
    return this.get(actor, id);
  }

  /** The document with live completeness (built from the records as they are now) and its versions. */
  async get(actor: Actor, id: string): Promise<DocumentDetail> {
    const doc = await this.document(this.db, actor, id, 'document.read');
    const inputs = await this.gather(doc);
    const texts = await this.db.selectFrom('document_section_text').selectAll().where('document_id', '=', id).execute();
    // The organisation's template orders and words the sections (introductions are for the rendered document only).
    const template = await currentTemplate(this.db, doc.type, doc.locale);
    const sections = applyTemplate(builderOf(doc).sections(inputs, doc.locale as DocumentLocale), template).map((s) => {
      const row = texts.find((x) => x.section_key === s.key);
      return {
        key: s.key, number: s.number, heading: s.heading, guidance: s.guidance, textExpected: s.textExpected, recordLines: blockLines(s.blocks), completeness: s.completeness,
        text: { key: s.key, markdown: row?.markdown ?? '', version: row ? Number(row.version) : 0, updatedAt: row?.updated_at ?? null, updatedByLabel: row?.updated_by_label ?? null },
      };
    });
    return { ...(await this.summary(doc)), sections, versions: await this.versions(actor, id) };
  }

  /** Saves the authored Markdown of one section; `version` is the text's version as read (0 before the first save). */
  async saveSection(actor: Actor, id: string, key: string, input: DocumentSectionSave): Promise<DocumentSectionText> {
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const doc = await this.document(trx, actor, id, 'document.edit');
      const keys = builderOf(doc).sectionKeys;
      if (!keys.includes(key)) throw invalid('key', `Unknown section; expected one of ${keys.join(', ')}`);
      const row = await trx.selectFrom('document_section_text').selectAll().where('document_id', '=', id).where('section_key', '=', key).executeTakeFirst();
      if ((row ? Number(row.version) : 0) !== input.version) throw versionConflict();
      if (row?.markdown === input.markdown) return;
      if (row) {
        const done = await trx.updateTable('document_section_text').set({ markdown: input.markdown, version: Number(row.version) + 1, updated_at: now, updated_by_id: actor.userId ?? null, updated_by_label: actor.label })
          .where('document_id', '=', id).where('section_key', '=', key).where('version', '=', Number(row.version)).executeTakeFirst();
        if (Number(done.numUpdatedRows) !== 1) throw versionConflict();
      } else {
        await trx.insertInto('document_section_text').values({ document_id: id, section_key: key, markdown: input.markdown, version: 1, updated_at: now, updated_by_id: actor.userId ?? null, updated_by_label: actor.label }).execute();
      }
      await trx.updateTable('document').set({ updated_at: now, version: Number(doc.version) + 1 }).where('id', '=', id).execute();
      const digest = (text: string | undefined) => (text === undefined ? null : { length: text.length, sha256: sha256(text) });
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'document.section.update', entityType: DOCUMENT_ENTITY, entityId: id, changes: [{ field: `section.${key}`, before: digest(row?.markdown), after: digest(input.markdown) }],
      }, now);
    });
    const row = await this.db.selectFrom('document_section_text').selectAll().where('document_id', '=', id).where('section_key', '=', key).executeTakeFirstOrThrow();
    return { key, markdown: row.markdown, version: Number(row.version), updatedAt: row.updated_at, updatedByLabel: row.updated_by_label };
  }

  async versions(actor: Actor, id: string): Promise<DocumentVersion[]> {
    await this.document(this.db, actor, id, 'document.read');
    const rows = await this.db.selectFrom('document_version').selectAll().where('document_id', '=', id).orderBy('number', 'desc').execute();
    const months = await retentionMonths(this.db, RETENTION_TYPE);
    return rows.map((row) => presentVersion(row, months));
  }

  async version(actor: Actor, id: string, number: number): Promise<DocumentVersion> {
    await this.document(this.db, actor, id, 'document.read');
    return presentVersion(await this.versionRow(this.db, id, number), await retentionMonths(this.db, RETENTION_TYPE));
  }

  /**
   * Freezes the records and the authored text into a draft version: a new number after a release, or the working
   * draft rebuilt. A version in review is not rebuilt (return it to draft first).
   */
  async freeze(actor: Actor, id: string): Promise<DocumentVersion> {
    const now = new Date().toISOString();
    const registry = await this.catalogs.current();
    const number = await this.db.transaction().execute(async (trx) => {
      const doc = await this.document(trx, actor, id, 'document.edit');
      const latest = await trx.selectFrom('document_version').selectAll().where('document_id', '=', id).orderBy('number', 'desc').executeTakeFirst();
      if (latest?.status === 'in-review') throw conflict('in-review', `Version ${latest.number} is in review; return it to draft before building it again`);
      const inputs = await sourceOf(doc).gather({ db: trx, registry, subject: await this.subject(trx, doc), documentId: id, lang: doc.locale as DocumentLocale, now });
      // The template in force is frozen with the inputs: the version renders with it however the template changes later.
      const template = await freezeTemplate(trx, doc.type, doc.locale);
      const completeness = applyTemplate(builderOf(doc).sections(inputs, doc.locale as DocumentLocale), template.template).map((s) => s.completeness);
      // Whoever froze or rebuilt the draft and whoever last wrote a frozen section text: none of them may sign it.
      const earlier = latest?.status === 'draft' ? (JSON.parse(latest.authors) as string[]) : [];
      const authors = [...new Set([...earlier, actor.userId ?? actor.label, ...Object.values(inputs.texts).map((t) => t.updatedById).filter((x): x is string => x !== null)])];
      const values = { inputs: json(inputs), completeness: json(completeness), template: json(template), authors: json(authors), signoffs: '[]', created_at: now, created_by_label: actor.label };
      if (latest?.status === 'draft') {
        await trx.updateTable('document_version').set({ ...values, version: Number(latest.version) + 1 }).where('id', '=', latest.id).where('status', '=', 'draft').execute();
        await appendAuditEvent(trx, this.database.dialect, actor, {
          action: 'document.version.rebuild', entityType: DOCUMENT_VERSION_ENTITY, entityId: latest.id,
          changes: [{ field: 'inputs', before: sha256(latest.inputs), after: sha256(values.inputs) }, { field: 'template', before: latest.template ? sha256(latest.template) : null, after: sha256(values.template) }],
        }, now);
        return Number(latest.number);
      }
      const number = (latest ? Number(latest.number) : 0) + 1;
      const versionId = randomUUID();
      await trx.insertInto('document_version').values({
        id: versionId, document_id: id, number, status: 'draft', ...values, files: null, manifest: null, manifest_signature: null, key_id: null, version: 1,
        submitted_at: null, submitted_by_label: null, released_at: null, released_by_label: null, retain_until: null, superseded_at: null,
      }).execute();
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'document.version.create', entityType: DOCUMENT_VERSION_ENTITY, entityId: versionId,
        changes: [{ field: 'documentId', before: null, after: id }, { field: 'number', before: null, after: number }, { field: 'status', before: null, after: 'draft' }, { field: 'inputs', before: null, after: sha256(values.inputs) }, { field: 'template', before: null, after: sha256(values.template) }],
      }, now);
      return number;
    });
    return this.version(actor, id, number);
  }

  /** draft → in-review; refused while a section has nothing at all (neither records nor text). */
  async submit(actor: Actor, id: string, number: number, input: DocumentVersionStep): Promise<DocumentVersion> {
    return this.step(actor, id, number, input, 'draft', 'in-review', (row) => {
      const missing = missingSections(JSON.parse(row.completeness) as SectionCompleteness[]);
      if (missing.length > 0) throw conflict('incomplete', `These sections have neither record data nor text: ${missing.join(', ')}`);
      return { submitted_at: new Date().toISOString(), submitted_by_label: actor.label };
    });
  }

  /** in-review → draft (e.g. after the reviewer's remarks); the review signature no longer counts. */
  async returnToDraft(actor: Actor, id: string, number: number, input: DocumentVersionStep): Promise<DocumentVersion> {
    return this.step(actor, id, number, input, 'in-review', 'draft', () => ({ submitted_at: null, submitted_by_label: null, signoffs: '[]' }));
  }

  /** The review signature (meaning `reviewed`) on a version in review; none of its authors may sign it. */
  async review(actor: Actor, id: string, number: number, input: DocumentVersionSign): Promise<DocumentVersion> {
    await this.signatures.transaction(actor, async (trx) => {
      const doc = await this.document(trx, actor, id, 'document.edit');
      const row = await this.versionRow(trx, id, number);
      if (row.status !== 'in-review') throw conflict('not-in-review', `Version ${number} is ${row.status}; only a version in review is reviewed`);
      if (Number(row.version) !== input.version) throw versionConflict();
      const signoffs = JSON.parse(row.signoffs) as DocumentSignoff[];
      if (signoffs.some((s) => s.meaning === 'reviewed')) throw conflict('already-reviewed', `Version ${number} has been reviewed already`);
      const signature = await this.signatures.sign(trx, this.database.dialect, actor, {
        entityType: DOCUMENT_VERSION_ENTITY, entityId: row.id, meaning: 'reviewed', state: signedState(row), credentials: { password: input.password, code: input.code }, comment: input.comment,
        fourEyes: { excludedSignerIds: JSON.parse(row.authors) as string[] },
      });
      const next = [...signoffs, { signatureId: signature.id, meaning: 'reviewed' as const, signerId: signature.signer.id ?? '', signerLabel: actor.label, signedAt: signature.signedAt }];
      await this.update(trx, row, { signoffs: json(next) });
      await trx.updateTable('document').set({ updated_at: signature.signedAt }).where('id', '=', doc.id).execute();
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'document.version.review', entityType: DOCUMENT_VERSION_ENTITY, entityId: row.id, changes: [{ field: 'signoffs', before: signoffs.length, after: next.length }], reason: input.comment,
      }, signature.signedAt);
    });
    return this.version(actor, id, number);
  }

  /**
   * Releases a reviewed version by the approver's signature (meaning `released`; neither an author nor the reviewer):
   * renders DOCX, PDF, Markdown and JSON from the frozen inputs, stores them, signs the manifest with the
   * organisation's key and supersedes the version released before.
   */
  async release(actor: Actor, id: string, number: number, input: DocumentVersionSign): Promise<DocumentVersion> {
    const doc = await this.document(this.db, actor, id, 'document.release');
    const before = await this.versionRow(this.db, id, number);
    if (before.status !== 'in-review') throw conflict('not-in-review', `Version ${number} is ${before.status}; only a version in review is released`);
    const reviews = (JSON.parse(before.signoffs) as DocumentSignoff[]).filter((s) => s.meaning === 'reviewed');
    if (reviews.length === 0) throw conflict('not-reviewed', `Version ${number} has no review signature yet`);
    const excluded = [...(JSON.parse(before.authors) as string[]), ...reviews.map((s) => s.signerId)];
    if (actor.userId && excluded.includes(actor.userId)) throw conflict('four-eyes', 'Four eyes: the approver must be neither an author nor the reviewer of the version');
    const at = new Date().toISOString();
    const lang = doc.locale as DocumentLocale;
    const signoffs = [...reviews.map((s) => ({ role: ROLE[lang].reviewed, label: s.signerLabel, at: s.signedAt.slice(0, 10) })), { role: ROLE[lang].released, label: actor.label, at: officeToday(new Date(at)) }];
    const rendered = await this.renderAll(doc, before, { draft: false, signoffs, date: officeToday(new Date(at)) });
    for (const file of rendered) {
      const staged = await this.storage.put(Readable.from(file.bytes));
      await staged.commit();
    }
    const key = await this.keys.active();
    const sealed = signManifest({ subject: { type: 'document', id: doc.id, title: doc.title, version: number }, issuedAt: at, files: rendered.map((f) => ({ path: f.filename, bytes: f.bytes })) }, key);
    await this.signatures.transaction(actor, async (trx) => {
      await this.document(trx, actor, id, 'document.release');
      const row = await this.versionRow(trx, id, number);
      if (row.status !== 'in-review' || row.signoffs !== before.signoffs) throw versionConflict();
      if (Number(row.version) !== input.version) throw versionConflict();
      const signature = await this.signatures.sign(trx, this.database.dialect, actor, {
        entityType: DOCUMENT_VERSION_ENTITY, entityId: row.id, meaning: 'released', state: signedState(row), credentials: { password: input.password, code: input.code }, comment: input.comment,
        fourEyes: { excludedSignerIds: excluded },
      });
      const previous = await trx.selectFrom('document_version').select(['id', 'number']).where('document_id', '=', id).where('status', '=', 'released').execute();
      for (const p of previous) {
        await trx.updateTable('document_version').set({ status: 'superseded', superseded_at: signature.signedAt }).where('id', '=', p.id).where('status', '=', 'released').execute();
      }
      const files: DocumentFile[] = rendered.map((f) => ({ format: f.format, filename: f.filename, sha256: sha256(f.bytes), size: f.bytes.length }));
      const next = [...(JSON.parse(row.signoffs) as DocumentSignoff[]), { signatureId: signature.id, meaning: 'released' as const, signerId: signature.signer.id ?? '', signerLabel: actor.label, signedAt: signature.signedAt }];
      await this.update(trx, row, {
        status: 'released', signoffs: json(next), files: json(files), manifest: sealed.manifest.toString('utf8'), manifest_signature: sealed.signature, key_id: key.id,
        released_at: signature.signedAt, released_by_label: actor.label,
      });
      await trx.updateTable('document').set({ updated_at: signature.signedAt }).where('id', '=', id).execute();
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'document.version.release', entityType: DOCUMENT_VERSION_ENTITY, entityId: row.id,
        changes: [
          { field: 'status', before: 'in-review', after: 'released' },
          { field: 'signatureId', before: null, after: signature.id },
          { field: 'manifest', before: null, after: { sha256: sha256(sealed.manifest), keyId: key.id, files } },
          ...previous.map((p) => ({ field: 'supersedes', before: null, after: Number(p.number) })),
        ],
        reason: input.comment,
      }, signature.signedAt);
    });
    return this.version(actor, id, number);
  }

  /** A file of a version: the stored bytes once released; rendered now and marked as a draft before. */
  async export(actor: Actor, id: string, number: number, format: DocumentFileFormat): Promise<ExportFile> {
    const doc = await this.document(this.db, actor, id, 'document.read');
    const row = await this.versionRow(this.db, id, number);
    if (row.files) {
      const file = (JSON.parse(row.files) as DocumentFile[]).find((f) => f.format === format);
      if (!file) throw notFound(`The ${format} file of version ${number}`);
      return { body: await this.read(file.sha256), contentType: CONTENT_TYPES[format], fileName: file.filename };
    }
    const signoffs = (JSON.parse(row.signoffs) as DocumentSignoff[]).map((s) => ({ role: ROLE[doc.locale as DocumentLocale][s.meaning], label: s.signerLabel, at: s.signedAt.slice(0, 10) }));
    const [file] = await this.renderAll(doc, row, { draft: true, signoffs, date: officeToday() }, [format]);
    return { body: file!.bytes, contentType: CONTENT_TYPES[format], fileName: file!.filename };
  }

  async manifest(actor: Actor, id: string, number: number): Promise<DocumentManifest> {
    await this.document(this.db, actor, id, 'document.read');
    const row = await this.versionRow(this.db, id, number);
    if (!row.manifest || !row.manifest_signature || !row.key_id) throw conflict('not-released', `Version ${number} is not released; only a release has a signed manifest`);
    return { manifest: row.manifest, signature: row.manifest_signature, keyId: row.key_id };
  }

  /** The release as a ZIP: its files, manifest.json and manifest.sig (what `konform verify` checks). */
  async bundle(actor: Actor, id: string, number: number): Promise<ExportFile> {
    const doc = await this.document(this.db, actor, id, 'document.read');
    const row = await this.versionRow(this.db, id, number);
    if (!row.files || !row.manifest || !row.manifest_signature) throw conflict('not-released', `Version ${number} is not released; only a release is bundled`);
    const zip = new JSZip();
    for (const file of JSON.parse(row.files) as DocumentFile[]) zip.file(file.filename, await this.read(file.sha256), { date: new Date(row.released_at!) });
    zip.file(MANIFEST_FILE, row.manifest, { date: new Date(row.released_at!) });
    zip.file(SIGNATURE_FILE, `${row.manifest_signature}\n`, { date: new Date(row.released_at!) });
    const body = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    return { body, contentType: 'application/zip', fileName: `${this.baseName(doc, number)}.zip` };
  }

  // ------------------------------------------------------------------ internals

  private async step(actor: Actor, id: string, number: number, input: DocumentVersionStep, from: DocumentVersionStatus, to: DocumentVersionStatus, extra: (row: DocumentVersionTable) => Partial<DocumentVersionTable>): Promise<DocumentVersion> {
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await this.document(trx, actor, id, 'document.edit');
      const row = await this.versionRow(trx, id, number);
      if (row.status !== from) throw conflict('invalid-transition', `Version ${number} is ${row.status}; it cannot become ${to}`);
      if (Number(row.version) !== input.version) throw versionConflict();
      await this.update(trx, row, { status: to, ...extra(row) });
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: to === 'in-review' ? 'document.version.submit' : 'document.version.return', entityType: DOCUMENT_VERSION_ENTITY, entityId: row.id, changes: [{ field: 'status', before: from, after: to }],
      }, now);
    });
    return this.version(actor, id, number);
  }

  /** Updates a version under its optimistic lock; released and superseded versions are never written. */
  private async update(trx: Transaction<DB>, row: DocumentVersionTable, values: Partial<DocumentVersionTable>): Promise<void> {
    const done = await trx.updateTable('document_version').set({ ...values, version: Number(row.version) + 1 })
      .where('id', '=', row.id).where('version', '=', Number(row.version)).where('status', 'in', ['draft', 'in-review']).executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw versionConflict();
  }

  private async renderAll(doc: DocumentTable, row: DocumentVersionTable, meta: { draft: boolean; signoffs: { role: string; label: string; at: string }[]; date: string }, formats = FORMATS) {
    const builder = builderOf(doc);
    const inputs = builder.parseInputs(JSON.parse(row.inputs));
    const lang = doc.locale as DocumentLocale;
    // The template frozen into the version (none for versions built before templates existed), never the current one.
    const frozen = await frozenTemplate(this.db, row.template);
    const sections = applyTemplate(builder.sections(inputs, lang), frozen.template, textBlocks);
    const composed = composeDocument(builder, inputs, lang, { documentId: doc.id, title: doc.title, number: Number(row.number), draft: meta.draft, date: meta.date, marking: await this.markingOf(doc), signoffs: meta.signoffs }, textBlocks, sections);
    const model = withTitlePage(composed, frozen.template, frozen.logo);
    const base = this.baseName(doc, Number(row.number));
    const files: { format: DocumentFileFormat; filename: string; bytes: Buffer }[] = [];
    for (const format of formats) {
      const bytes = format === 'json' ? Buffer.from(`${JSON.stringify(builder.json ? builder.json(inputs, lang) : inputs, null, 2)}\n`, 'utf8') : (await renderDocument(model, format)).body;
      files.push({ format, filename: `${base}.${format}`, bytes });
    }
    return files;
  }

  /** The marking printed on every page: the configured one, raised to the AI system's own level (VS-NfD). */
  private async markingOf(doc: DocumentTable): Promise<string | null> {
    const system = doc.system_id ? await this.db.selectFrom('ai_system').select('classification').where('id', '=', doc.system_id).executeTakeFirst() : undefined;
    return exportMarking(this.marking, [system?.classification ?? 'offen']);
  }

  private baseName(doc: DocumentTable, number: number) {
    return `${slugOf(doc.title)}-v${number}`;
  }

  private async read(hash: string): Promise<Buffer> {
    const stream = await this.storage.get(hash);
    if (!stream) throw conflict('file-missing', 'A stored file of this release is missing from the object store');
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  private async gather(doc: DocumentTable) {
    const registry = await this.catalogs.current();
    return sourceOf(doc).gather({ db: this.db, registry, subject: await this.subject(this.db, doc), documentId: doc.id, lang: doc.locale as DocumentLocale, now: new Date().toISOString() });
  }

  private async subject(db: Transaction<DB> | Database['db'], doc: DocumentTable): Promise<DocumentSubject> {
    const subject = await this.subjectOf(db, builderOf(doc).subject, doc.system_id, doc.model_version_id).catch(() => null);
    if (!subject) throw notFound('Subject of the document');
    return subject;
  }

  /** The AI system or model version a document is about; problems name the field the caller sent. */
  private async subjectOf(db: Transaction<DB> | Database['db'], kind: DocumentSubject['kind'], systemId: string | null, modelVersionId: string | null): Promise<DocumentSubject> {
    if (kind === 'system') {
      if (!systemId) throw invalid('systemId', 'This document type is about an AI system; name it');
      const system = await db.selectFrom('ai_system').selectAll().where('id', '=', systemId).executeTakeFirst();
      if (!system) throw invalid('systemId', 'No such AI system');
      return { kind, system };
    }
    if (!modelVersionId) throw invalid('modelVersionId', 'A model card is about a model version; name it');
    const version = await db.selectFrom('model_version').selectAll().where('id', '=', modelVersionId).executeTakeFirst();
    const model = version ? await db.selectFrom('model').selectAll().where('id', '=', version.item_id).executeTakeFirst() : undefined;
    if (!version || !model) throw invalid('modelVersionId', 'No such model version');
    return { kind, version, model };
  }

  private async document(db: Transaction<DB> | Database['db'], actor: Actor, id: string, permission: 'document.read' | 'document.edit' | 'document.release'): Promise<DocumentTable> {
    const doc = await db.selectFrom('document').selectAll().where('id', '=', id).executeTakeFirst();
    if (!doc) throw notFound('Document');
    await assertInScope(db, actor, permission, doc.org_unit_id, doc.system_id);
    return doc;
  }

  private async versionRow(db: Transaction<DB> | Database['db'], id: string, number: number): Promise<DocumentVersionTable> {
    const row = await db.selectFrom('document_version').selectAll().where('document_id', '=', id).where('number', '=', number).executeTakeFirst();
    if (!row) throw notFound(`Version ${number} of the document`);
    return row;
  }

  private async summary(doc: DocumentTable): Promise<DocumentSummary> {
    const system = doc.system_id ? await this.db.selectFrom('ai_system').select('name').where('id', '=', doc.system_id).executeTakeFirst() : undefined;
    const modelVersion = doc.model_version_id
      ? await this.db.selectFrom('model_version').innerJoin('model', 'model.id', 'model_version.item_id').select(['model.name', 'model_version.label']).where('model_version.id', '=', doc.model_version_id).executeTakeFirst()
      : undefined;
    const latest = await this.db.selectFrom('document_version').select(['number', 'status']).where('document_id', '=', doc.id).orderBy('number', 'desc').executeTakeFirst();
    const released = await this.db.selectFrom('document_version').select('number').where('document_id', '=', doc.id).where('status', '=', 'released').executeTakeFirst();
    return {
      id: doc.id, type: doc.type as DocumentSummary['type'], systemId: doc.system_id, systemName: system?.name ?? null, modelVersionId: doc.model_version_id, modelVersionLabel: modelVersion ? `${modelVersion.name} ${modelVersion.label}` : null, orgUnitId: doc.org_unit_id,
      title: doc.title, locale: doc.locale as DocumentLocale, version: Number(doc.version), createdAt: doc.created_at, updatedAt: doc.updated_at, createdByLabel: doc.created_by_label,
      latestVersion: latest ? { number: Number(latest.number), status: latest.status as DocumentVersionStatus } : null, releasedNumber: released ? Number(released.number) : null,
    };
  }
}
