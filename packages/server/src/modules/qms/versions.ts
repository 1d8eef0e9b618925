import { randomUUID } from 'node:crypto';
import {
  canTakeQmsStep,
  isQmsVersionEditable,
  mayStartNewQmsVersion,
  missingForQmsSubmission,
  qmsNextReviewDate,
  type Art17Element,
  type QmsDocumentKind,
  type QmsDraftSave,
  type QmsVersion,
  type QmsVersionApprove,
  type QmsVersionCreate,
  type QmsVersionReturn,
  type QmsVersionSnapshot,
  type QmsVersionState,
  type QmsVersionSubmit,
} from '@konform/core';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB, QmsDocumentTable, QmsDocumentVersionTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { sha256Hex } from '../../audit/hash-chain.js';
import { conflict, invalid, notFound, versionConflict } from '../../http/errors.js';
import type { SignatureService } from '../signatures/service.js';
import { presentVersion } from './presenter.js';
import { QMS_VERSION_ENTITY } from './service.js';
import * as repo from './repository.js';

const json = (value: unknown) => JSON.stringify(value);

/** What a release signs: the document, the version number, its content and change note, and the frozen document data. */
const signedState = (row: QmsDocumentVersionTable) => ({
  documentId: row.document_id,
  number: Number(row.number),
  content: row.content,
  changeNote: row.change_note,
  snapshot: row.snapshot === null ? null : (JSON.parse(row.snapshot) as unknown),
});

/** The content in the audit trail: its length and hash (the text itself stays in the version). */
const contentDigest = (content: string) => ({ length: content.length, sha256: sha256Hex(content) });

const frozen = (state: string) =>
  conflict('not-draft', state === 'in-review' ? 'A version in review is not changed; return it to draft first' : 'A released or superseded version never changes; start a new version');

/**
 * The versions of a QMS document: a draft is written (Markdown and a change note), submitted for review, and released
 * by a signature of someone who did not write it (four eyes, permission qms.approve); the release supersedes the
 * version released before and sets the next review date. Released versions are immutable.
 */
export class QmsVersionService {
  constructor(
    private readonly database: Database,
    private readonly signatures: SignatureService,
  ) {
    signatures.register(QMS_VERSION_ENTITY, {
      readPermission: 'qms.read',
      unitOf: async (db, id) => {
        const version = await repo.findVersionById(db, id);
        if (!version) return undefined;
        return (await db.selectFrom('qms_document').select('org_unit_id').where('id', '=', version.document_id).executeTakeFirst())?.org_unit_id;
      },
      currentState: async (db, id) => {
        const row = await repo.findVersionById(db, id);
        return row ? signedState(row) : undefined;
      },
    });
  }

  private get db() {
    return this.database.db;
  }

  async get(actor: Actor, documentId: string, number: number): Promise<QmsVersion> {
    const document = await this.db.selectFrom('qms_document').select('org_unit_id').where('id', '=', documentId).executeTakeFirst();
    if (!document) throw notFound('Document');
    await assertInScope(this.db, actor, 'qms.read', document.org_unit_id);
    const row = await repo.findVersion(this.db, documentId, number);
    if (!row) throw notFound(`Version ${number} of the document`);
    return presentVersion(row);
  }

  /** A new draft after a release; its text starts from the released version unless given. */
  async create(actor: Actor, documentId: string, input: QmsVersionCreate): Promise<QmsVersion> {
    const now = new Date().toISOString();
    const number = await this.db.transaction().execute(async (trx) => {
      const document = await this.lock(trx, actor, documentId, 'qms.edit');
      const versions = await repo.versionSummaries(trx, documentId);
      if (!mayStartNewQmsVersion(versions.map((v) => v.state as QmsVersionState))) {
        throw conflict('working-version-exists', 'A version is being written or reviewed already; finish it before starting another');
      }
      const released = document.released_number === null ? undefined : await repo.findVersion(trx, documentId, Number(document.released_number));
      const number = (versions[0] ? Number(versions[0].number) : 0) + 1;
      const id = randomUUID();
      await repo.insertVersion(trx, {
        id, document_id: documentId, number, state: 'draft', content: input.content ?? released?.content ?? '', change_note: input.changeNote ?? '', snapshot: null,
        authors: json([actor.userId ?? actor.label]), version: 1, created_by_label: actor.label, created_at: now, updated_by_label: actor.label, updated_at: now,
        submitted_by_label: null, submitted_at: null, signature_id: null, released_by_label: null, released_at: null, next_review: null, superseded_at: null,
      });
      await repo.setDocumentMirror(trx, documentId, { ...mirrorOf(document), working_number: number, working_state: 'draft', updated_at: now });
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'qms.version.create', entityType: QMS_VERSION_ENTITY, entityId: id,
        changes: [{ field: 'documentId', before: null, after: documentId }, { field: 'number', before: null, after: number }, { field: 'state', before: null, after: 'draft' }],
      }, now);
      return number;
    });
    return this.get(actor, documentId, number);
  }

  /** Changes the text and change note of a draft; whoever saves becomes one of its authors. */
  async save(actor: Actor, documentId: string, number: number, input: QmsDraftSave): Promise<QmsVersion> {
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const document = await this.lock(trx, actor, documentId, 'qms.edit');
      const row = await this.version(trx, documentId, number);
      if (!isQmsVersionEditable(row.state as QmsVersionState)) throw frozen(row.state);
      if (Number(row.version) !== input.version) throw versionConflict();
      const changes: { field: string; before: unknown; after: unknown }[] = [];
      if (row.content !== input.content) changes.push({ field: 'content', before: contentDigest(row.content), after: contentDigest(input.content) });
      if (row.change_note !== input.changeNote) changes.push({ field: 'changeNote', before: row.change_note, after: input.changeNote });
      if (changes.length === 0) return;
      const authors = [...new Set([...(JSON.parse(row.authors) as string[]), actor.userId ?? actor.label])];
      const values = { content: input.content, change_note: input.changeNote, authors: json(authors), version: Number(row.version) + 1, updated_by_label: actor.label, updated_at: now };
      if (!(await repo.updateVersion(trx, row.id, Number(row.version), values))) throw versionConflict();
      await repo.setDocumentMirror(trx, documentId, { ...mirrorOf(document), updated_at: now });
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'qms.version.update', entityType: QMS_VERSION_ENTITY, entityId: row.id, changes }, now);
    });
    return this.get(actor, documentId, number);
  }

  /** draft → in-review: needs content and a change note; freezes the document's data with the version. */
  async submit(actor: Actor, documentId: string, number: number, input: QmsVersionSubmit): Promise<QmsVersion> {
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const document = await this.lock(trx, actor, documentId, 'qms.edit');
      const row = await this.version(trx, documentId, number);
      this.assertStep(row, 'submit');
      if (Number(row.version) !== input.version) throw versionConflict();
      const missing = missingForQmsSubmission({ content: row.content, changeNote: row.change_note });
      if (missing.length > 0) {
        throw invalid(missing[0]!, missing[0] === 'content' ? 'Write the content before submitting the version for review' : 'Describe the change before submitting the version for review');
      }
      const owner = await repo.findOwner(trx, document.owner_id);
      const snapshot: QmsVersionSnapshot = {
        kind: document.kind as QmsDocumentKind, title: document.title, ownerId: document.owner_id, ownerLabel: owner?.display_name ?? '',
        reviewMonths: Number(document.review_months), art17Elements: JSON.parse(document.art17_elements) as Art17Element[], isoClauses: JSON.parse(document.iso_clauses) as string[],
      };
      const values = { state: 'in-review', snapshot: json(snapshot), submitted_by_label: actor.label, submitted_at: now, version: Number(row.version) + 1 };
      if (!(await repo.updateVersion(trx, row.id, Number(row.version), values))) throw versionConflict();
      await repo.setDocumentMirror(trx, documentId, { ...mirrorOf(document), working_number: number, working_state: 'in-review', updated_at: now });
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'qms.version.submit', entityType: QMS_VERSION_ENTITY, entityId: row.id,
        changes: [{ field: 'state', before: 'draft', after: 'in-review' }, { field: 'snapshot', before: null, after: snapshot }],
      }, now);
    });
    return this.get(actor, documentId, number);
  }

  /** in-review → draft, with the reason (e.g. the reviewer's remarks). */
  async return(actor: Actor, documentId: string, number: number, input: QmsVersionReturn): Promise<QmsVersion> {
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const document = await this.lock(trx, actor, documentId, 'qms.edit');
      const row = await this.version(trx, documentId, number);
      this.assertStep(row, 'return');
      if (Number(row.version) !== input.version) throw versionConflict();
      const values = { state: 'draft', snapshot: null, submitted_by_label: null, submitted_at: null, version: Number(row.version) + 1, updated_by_label: actor.label, updated_at: now };
      if (!(await repo.updateVersion(trx, row.id, Number(row.version), values))) throw versionConflict();
      await repo.setDocumentMirror(trx, documentId, { ...mirrorOf(document), working_number: number, working_state: 'draft', updated_at: now });
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'qms.version.return', entityType: QMS_VERSION_ENTITY, entityId: row.id, changes: [{ field: 'state', before: 'in-review', after: 'draft' }], reason: input.note,
      }, now);
    });
    return this.get(actor, documentId, number);
  }

  /**
   * in-review → released by a signature (meaning `released`) with the approver's password; none of the version's
   * authors may sign. The version released before becomes superseded; the next review is the release date plus the
   * document's review cycle.
   */
  async approve(actor: Actor, documentId: string, number: number, input: QmsVersionApprove): Promise<QmsVersion> {
    await this.signatures.transaction(actor, async (trx) => {
      const document = await this.lock(trx, actor, documentId, 'qms.approve');
      const row = await this.version(trx, documentId, number);
      this.assertStep(row, 'approve');
      if (Number(row.version) !== input.version) throw versionConflict();
      const signature = await this.signatures.sign(trx, this.database.dialect, actor, {
        entityType: QMS_VERSION_ENTITY, entityId: row.id, meaning: 'released', state: signedState(row), credentials: { password: input.password, code: input.code }, comment: input.comment,
        fourEyes: { excludedSignerIds: JSON.parse(row.authors) as string[] },
      });
      const at = signature.signedAt;
      const nextReview = qmsNextReviewDate(at, Number(document.review_months));
      const previous = document.released_number === null ? null : Number(document.released_number);
      await repo.supersedeReleased(trx, documentId, at);
      const values = { state: 'released', signature_id: signature.id, released_by_label: actor.label, released_at: at, next_review: nextReview, version: Number(row.version) + 1 };
      if (!(await repo.updateVersion(trx, row.id, Number(row.version), values))) throw versionConflict();
      await repo.setDocumentMirror(trx, documentId, { released_number: number, released_at: at, next_review: nextReview, working_number: null, working_state: null, updated_at: at });
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'qms.version.release', entityType: QMS_VERSION_ENTITY, entityId: row.id,
        changes: [
          { field: 'state', before: 'in-review', after: 'released' },
          { field: 'signatureId', before: null, after: signature.id },
          { field: 'nextReview', before: document.next_review, after: nextReview },
          ...(previous === null ? [] : [{ field: 'supersedes', before: null, after: previous }]),
        ],
        reason: input.comment,
      }, at);
    });
    return this.get(actor, documentId, number);
  }

  /** A released (or since superseded) version with what the export prints about its release. */
  async releasedVersion(actor: Actor, documentId: string, number: number) {
    const version = await this.get(actor, documentId, number);
    if (version.state !== 'released' && version.state !== 'superseded') throw conflict('not-released', 'Only released versions are exported');
    const signature = version.signatureId ? await this.db.selectFrom('signature').selectAll().where('id', '=', version.signatureId).executeTakeFirst() : undefined;
    const document = await this.db.selectFrom('qms_document').selectAll().where('id', '=', documentId).executeTakeFirstOrThrow();
    const unit = await this.db.selectFrom('org_unit').select('name').where('id', '=', document.org_unit_id).executeTakeFirst();
    return { version, signature, document, unitName: unit?.name ?? '' };
  }

  private async lock(trx: Transaction<DB>, actor: Actor, documentId: string, permission: 'qms.edit' | 'qms.approve'): Promise<QmsDocumentTable> {
    const document = await repo.lockDocument(trx, this.database.dialect, documentId);
    if (!document) throw notFound('Document');
    await assertInScope(trx, actor, permission, document.org_unit_id);
    return document;
  }

  private async version(trx: Transaction<DB>, documentId: string, number: number): Promise<QmsDocumentVersionTable> {
    const row = await repo.findVersion(trx, documentId, number);
    if (!row) throw notFound(`Version ${number} of the document`);
    return row;
  }

  private assertStep(row: QmsDocumentVersionTable, step: 'submit' | 'return' | 'approve') {
    if (canTakeQmsStep(row.state as QmsVersionState, step)) return;
    if (step === 'approve') throw conflict('nothing-to-approve', `Version ${row.number} is ${row.state}; only a version in review is approved`);
    throw conflict('invalid-transition', `Version ${row.number} is ${row.state}; it cannot be ${step === 'submit' ? 'submitted' : 'returned'}`);
  }
}

function mirrorOf(d: QmsDocumentTable) {
  return { released_number: d.released_number, released_at: d.released_at, next_review: d.next_review, working_number: d.working_number, working_state: d.working_state };
}
