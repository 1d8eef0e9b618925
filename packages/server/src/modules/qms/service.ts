import { randomUUID } from 'node:crypto';
import { officeToday, ART_17_ELEMENT_IDS, computeQmsCoverage, expandUnitScope, permissionScope, qmsNextReviewDate, QmsVersionSnapshot, type Art17Element, type ListPage, type QmsCoverage, type QmsCoverageQuery, type QmsDocument, type QmsDocumentCreate, type QmsDocumentDetail, type QmsDocumentListQuery, type QmsDocumentUpdate, type Role } from '@konform/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB, QmsDocumentTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope, subtreeOf, unitScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { invalid, notFound, versionConflict } from '../../http/errors.js';
import type { CatalogService } from '../catalogs/service.js';
import { isoClauseNodes } from './clauses.js';
import { presentDocument, presentVersionSummary } from './presenter.js';
import * as repo from './repository.js';

export const QMS_DOCUMENT_ENTITY = 'qms_document';
export const QMS_VERSION_ENTITY = 'qms_document_version';

/** Today's date in UTC, as the reminder sweep counts it. */
/** Review dates are days in the office's time zone. */
export const officeDay = () => officeToday();

const json = (value: unknown) => JSON.stringify(value);

/** The elements in their legal order, each once. */
const orderedElements = (elements: readonly Art17Element[]) => ART_17_ELEMENT_IDS.filter((e) => elements.includes(e));
const unique = (values: readonly string[]) => [...new Set(values)];

/** The document's own fields, in the order the audit trail lists them. */
const FIELDS = [
  ['kind', 'kind'], ['title', 'title'], ['ownerId', 'owner_id'], ['orgUnitId', 'org_unit_id'], ['reviewMonths', 'review_months'],
  ['art17Elements', 'art17_elements'], ['isoClauses', 'iso_clauses'],
] as const;
const JSON_COLUMNS = new Set<string>(['art17_elements', 'iso_clauses']);

/**
 * The documents of the AI management system (ISO/IEC 42001 7.5; the written policies and procedures of Art. 17(1)):
 * their data, the list with filters, and the coverage of Art. 17(1)(a)–(m) and the 42001 clauses 4–10.
 */
export class QmsDocumentService {
  constructor(
    private readonly database: Database,
    private readonly catalogs: CatalogService,
  ) {}

  private get db() {
    return this.database.db;
  }

  async list(actor: Actor, query: QmsDocumentListQuery): Promise<ListPage<QmsDocument>> {
    const scope = await unitScope(this.db, actor, 'qms.read');
    const units = query.orgUnitId ? await subtreeOf(this.db, query.orgUnitId) : null;
    const today = officeDay();
    const { rows, total } = await repo.listDocuments(this.db, scope, units, query, today);
    return { items: rows.map((r) => presentDocument(r, today)), total, limit: query.limit, offset: query.offset };
  }

  async get(actor: Actor, id: string): Promise<QmsDocumentDetail> {
    const row = await repo.findDocument(this.db, id);
    if (!row) throw notFound('Document');
    await assertInScope(this.db, actor, 'qms.read', row.org_unit_id);
    const versions = await repo.versionSummaries(this.db, id);
    return { ...presentDocument(row, officeDay()), versions: versions.map(presentVersionSummary) };
  }

  async create(actor: Actor, input: QmsDocumentCreate): Promise<QmsDocumentDetail> {
    const now = new Date().toISOString();
    const id = randomUUID();
    const clauses = await this.validClauses();
    await this.db.transaction().execute(async (trx) => {
      const orgUnitId = input.orgUnitId ?? (await repo.rootUnit(trx))?.id;
      if (!orgUnitId) throw invalid('orgUnitId', 'There is no organisational unit to hold the document');
      await this.checkUnit(trx, orgUnitId);
      await assertInScope(trx, actor, 'qms.edit', orgUnitId);
      await this.checkOwner(trx, input.ownerId, orgUnitId);
      checkClauses(input.isoClauses ?? [], clauses);
      const isoClauses = unique(input.isoClauses ?? []);
      const row: QmsDocumentTable = {
        id, org_unit_id: orgUnitId, kind: input.kind, title: input.title, search_text: input.title.toLocaleLowerCase('de'), owner_id: input.ownerId,
        review_months: input.reviewMonths ?? 12, art17_elements: json(orderedElements(input.art17Elements ?? [])), iso_clauses: json(isoClauses),
        released_number: null, released_at: null, next_review: null, working_number: 1, working_state: 'draft',
        version: 1, created_at: now, updated_at: now, created_by_label: actor.label,
      };
      await repo.insertDocument(trx, row);
      const versionId = randomUUID();
      await repo.insertVersion(trx, {
        id: versionId, document_id: id, number: 1, state: 'draft', content: input.content ?? '', change_note: input.changeNote ?? '', snapshot: null,
        authors: json([actor.userId ?? actor.label]), version: 1, created_by_label: actor.label, created_at: now, updated_by_label: actor.label, updated_at: now,
        submitted_by_label: null, submitted_at: null, signature_id: null, released_by_label: null, released_at: null, next_review: null, superseded_at: null,
      });
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'qms.document.create',
        entityType: QMS_DOCUMENT_ENTITY,
        entityId: id,
        changes: FIELDS.map(([field, column]) => ({ field, before: null, after: JSON_COLUMNS.has(column) ? (JSON.parse(row[column] as string) as unknown) : row[column] })),
      }, now);
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'qms.version.create',
        entityType: QMS_VERSION_ENTITY,
        entityId: versionId,
        changes: [{ field: 'documentId', before: null, after: id }, { field: 'number', before: null, after: 1 }, { field: 'state', before: null, after: 'draft' }],
      }, now);
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, input: QmsDocumentUpdate): Promise<QmsDocumentDetail> {
    const now = new Date().toISOString();
    const clauses = input.isoClauses ? await this.validClauses() : null;
    await this.db.transaction().execute(async (trx) => {
      const row = await repo.lockDocument(trx, this.database.dialect, id);
      if (!row) throw notFound('Document');
      await assertInScope(trx, actor, 'qms.edit', row.org_unit_id);
      if (Number(row.version) !== input.version) throw versionConflict();
      const next: QmsDocumentTable = { ...row };
      if (input.kind !== undefined) next.kind = input.kind;
      if (input.title !== undefined) {
        next.title = input.title;
        next.search_text = input.title.toLocaleLowerCase('de');
      }
      if (input.ownerId !== undefined) next.owner_id = input.ownerId;
      if (input.orgUnitId !== undefined) next.org_unit_id = input.orgUnitId;
      if (input.reviewMonths !== undefined) next.review_months = input.reviewMonths;
      if (input.art17Elements !== undefined) next.art17_elements = json(orderedElements(input.art17Elements));
      if (input.isoClauses !== undefined) {
        checkClauses(input.isoClauses, clauses!);
        next.iso_clauses = json(unique(input.isoClauses));
      }
      if (next.org_unit_id !== row.org_unit_id) {
        await this.checkUnit(trx, next.org_unit_id);
        await assertInScope(trx, actor, 'qms.edit', next.org_unit_id);
      }
      if (next.owner_id !== row.owner_id || next.org_unit_id !== row.org_unit_id) await this.checkOwner(trx, next.owner_id, next.org_unit_id);
      // A new review cycle moves the next review of the released version in force.
      if (next.review_months !== row.review_months && row.released_at !== null) next.next_review = qmsNextReviewDate(row.released_at, next.review_months);
      const changes: { field: string; before: unknown; after: unknown }[] = FIELDS.filter(([, c]) => row[c] !== next[c]).map(([field, c]) => ({
        field,
        before: JSON_COLUMNS.has(c) ? (JSON.parse(row[c] as string) as unknown) : row[c],
        after: JSON_COLUMNS.has(c) ? (JSON.parse(next[c] as string) as unknown) : next[c],
      }));
      if (next.next_review !== row.next_review) changes.push({ field: 'nextReview', before: row.next_review, after: next.next_review });
      if (changes.length === 0) return;
      if (!(await repo.updateDocument(trx, id, Number(row.version), { ...next, version: Number(row.version) + 1, updated_at: now }))) throw versionConflict();
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'qms.document.update', entityType: QMS_DOCUMENT_ENTITY, entityId: id, changes, reason: input.reason }, now);
    });
    return this.get(actor, id);
  }

  /** Which document covers which Art. 17(1) element and 42001 clause (of the units in scope, or of one unit and its sub-units). */
  async coverage(actor: Actor, query: QmsCoverageQuery): Promise<QmsCoverage> {
    const scope = await unitScope(this.db, actor, 'qms.read');
    let units: ReadonlySet<string> | null = null;
    if (query.orgUnitId) {
      if (!(await repo.findUnit(this.db, query.orgUnitId))) throw invalid('orgUnitId', 'Unknown organisational unit');
      units = await subtreeOf(this.db, query.orgUnitId);
    }
    const rows = await repo.coverageDocuments(this.db, scope, units);
    return computeQmsCoverage({
      clauses: await isoClauseNodes(this.catalogs),
      today: officeDay(),
      documents: rows.map((r) => {
        const snapshot = r.snapshot === null ? null : QmsVersionSnapshot.parse(JSON.parse(r.snapshot));
        return {
          id: r.id,
          title: r.title,
          kind: r.kind as QmsDocument['kind'],
          releasedNumber: r.released_number === null ? null : Number(r.released_number),
          nextReview: r.next_review,
          released: r.released_number !== null && snapshot ? { art17Elements: snapshot.art17Elements, isoClauses: snapshot.isoClauses } : null,
          current: { art17Elements: JSON.parse(r.art17_elements) as Art17Element[], isoClauses: JSON.parse(r.iso_clauses) as string[] },
        };
      }),
    });
  }

  private async validClauses(): Promise<ReadonlySet<string>> {
    return new Set((await isoClauseNodes(this.catalogs)).map((n) => n.key));
  }

  private async checkUnit(db: Kysely<DB>, orgUnitId: string) {
    const unit = await repo.findUnit(db, orgUnitId);
    if (!unit) throw invalid('orgUnitId', 'Unknown organisational unit');
    if (unit.archived_at !== null) throw invalid('orgUnitId', 'The organisational unit is archived');
  }

  /** The owner is an active user who can read the document (qms.read in its unit), so reminders lead somewhere. */
  private async checkOwner(db: Kysely<DB>, ownerId: string, orgUnitId: string) {
    const owner = await repo.findOwner(db, ownerId);
    if (!owner) throw invalid('ownerId', 'Unknown user');
    if (Number(owner.active) !== 1) throw invalid('ownerId', 'The user is deactivated');
    const assignments = (await repo.assignmentsOf(db, ownerId)).map((a) => ({ orgUnitId: a.org_unit_id, role: a.role as Role }));
    const scope = permissionScope(assignments, 'qms.read');
    if (scope.all) return;
    const units = await db.selectFrom('org_unit').select(['id', 'parent_id as parentId']).execute();
    if (!expandUnitScope(scope.roots, units).has(orgUnitId)) throw invalid('ownerId', "The owner cannot read documents of this organisational unit (qms.read)");
  }
}

function checkClauses(keys: readonly string[], valid: ReadonlySet<string>) {
  keys.forEach((key, i) => {
    if (!valid.has(key)) throw invalid(`isoClauses.${i}`, 'Not a clause 4–10 of the ISO/IEC 42001 catalogue');
  });
}
