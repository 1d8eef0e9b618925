import { officeToday } from '@konform/core';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import {
  completionValidUntil,
  diffRecords,
  type ListPage,
  type TrainingRecord,
  type TrainingRecordFields,
  type TrainingRecordListQuery,
  type TrainingRecordWithdraw,
} from '@konform/core';
import type { Database } from '../../db/database.js';
import type { DB, TrainingRecordTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { inScope, unitScope, type UnitScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { conflict, forbidden, invalid, notFound, versionConflict } from '../../http/errors.js';
import type { ObjectStorage } from '../../storage/storage.js';
import type { ReceivedFile } from '../evidence/multipart.js';
import { tooLarge } from '../evidence/multipart.js';
import { unsupportedFile } from '../evidence/content-check.js';
import { presentRecord } from './presenter.js';
import * as repo from './repository.js';

export const RECORD_ENTITY = 'training_record';

/** Certificates: PDF or an image of the paper, at most 10 MB (content checked against the extension by magic bytes). */
export const CERTIFICATE_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export const CERTIFICATE_LIMIT_BYTES = 10 * 1024 * 1024;

export interface CertificateContent {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  stream: Readable;
}

/** What the audit trail keeps of a record (the certificate by name and hash). */
function auditView(record: TrainingRecord) {
  const { id: _id, userName: _n, courseTitle: _t, recordedBy: _b, recordedByLabel: _l, recordedAt: _a, version: _v, ...rest } = record;
  return rest;
}

/**
 * Who completed which course when. Recording needs training.record in a unit where the person holds a role; reading
 * needs training.read there (everyone reads their own records).
 */
export class TrainingRecordService {
  constructor(
    private readonly database: Database,
    /** The content-addressed object storage that also holds evidence files. */
    readonly storage: ObjectStorage,
  ) {}

  private get db() {
    return this.database.db;
  }

  async list(actor: Actor, query: TrainingRecordListQuery): Promise<ListPage<TrainingRecord>> {
    const visible = await this.visibleUsers(this.db, actor);
    const rows = await repo.listRecords(this.db, visible, { userId: query.userId, courseId: query.courseId, withdrawn: query.withdrawn === 'true' });
    return { items: rows.slice(query.offset, query.offset + query.limit).map(presentRecord), total: rows.length, limit: query.limit, offset: query.offset };
  }

  async get(actor: Actor, id: string): Promise<TrainingRecord> {
    const row = await repo.findRecord(this.db, id);
    if (!row) throw notFound('Training record');
    await this.assertMayRead(actor, row.user_id);
    return presentRecord(row);
  }

  /** Records a completion; the certificate (if any) is committed to storage as the last step of the transaction. */
  async create(actor: Actor, input: TrainingRecordFields, certificate: ReceivedFile | null): Promise<TrainingRecord> {
    if (certificate !== null) assertCertificate(certificate);
    const now = new Date().toISOString();
    const id = randomUUID();
    if (input.completedOn > officeToday()) throw invalid('completedOn', 'A completion cannot lie in the future');
    await this.db.transaction().execute(async (trx) => {
      const user = await repo.findActiveUser(trx, input.userId);
      if (!user) throw invalid('userId', 'Unknown or deactivated user');
      await this.assertMayRecord(trx, actor, input.userId);
      const course = await repo.findCourse(trx, input.courseId);
      if (!course) throw invalid('courseId', 'Unknown course');
      const row: TrainingRecordTable = {
        id,
        user_id: input.userId,
        course_id: input.courseId,
        completed_on: input.completedOn,
        result: input.result,
        valid_until: completionValidUntil(input.completedOn, course.validity_months === null ? null : Number(course.validity_months)),
        note: input.note ?? '',
        certificate_sha256: certificate?.staged.sha256 ?? null,
        certificate_filename: certificate?.filename ?? null,
        certificate_content_type: certificate?.contentType ?? null,
        certificate_size: certificate?.staged.size ?? null,
        recorded_by: actor.userId,
        recorded_by_label: actor.label,
        recorded_at: now,
        withdrawn_at: null,
        withdrawn_by_label: null,
        withdrawn_reason: null,
        version: 1,
      };
      await repo.insertRecord(trx, row);
      const record = presentRecord({ ...row, user_name: user.display_name, course_title: course.title });
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'training.record.create', entityType: RECORD_ENTITY, entityId: id, changes: diffRecords(null, auditView(record)) }, now);
      // The certificate becomes visible last: if the transaction fails before, nothing refers to it.
      await certificate?.staged.commit();
    });
    return this.get(actor, id);
  }

  /** Takes back a record entered in error: it stays, marked withdrawn, and no longer counts. */
  async withdraw(actor: Actor, id: string, input: TrainingRecordWithdraw): Promise<TrainingRecord> {
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const row = await repo.findRecordForUpdate(trx, this.database.dialect, id);
      if (!row) throw notFound('Training record');
      await this.assertMayRecord(trx, actor, row.user_id);
      if (Number(row.version) !== input.version) throw versionConflict();
      if (row.withdrawn_at !== null) throw conflict('withdrawn', 'The record is withdrawn already');
      const values = { withdrawn_at: now, withdrawn_by_label: actor.label, withdrawn_reason: input.reason, version: Number(row.version) + 1 };
      if (!(await repo.updateRecord(trx, id, Number(row.version), values))) throw versionConflict();
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'training.record.withdraw', entityType: RECORD_ENTITY, entityId: id, changes: [{ field: 'withdrawnAt', before: null, after: now }], reason: input.reason,
      }, now);
    });
    return this.get(actor, id);
  }

  async certificate(actor: Actor, id: string): Promise<CertificateContent> {
    const row = await repo.findRecord(this.db, id);
    if (!row) throw notFound('Training record');
    await this.assertMayRead(actor, row.user_id);
    if (row.certificate_sha256 === null) throw notFound('Certificate');
    const stream = await this.storage.get(row.certificate_sha256);
    if (!stream) throw notFound('Stored certificate');
    return {
      filename: row.certificate_filename ?? 'certificate',
      contentType: row.certificate_content_type ?? 'application/octet-stream',
      size: Number(row.certificate_size ?? 0),
      sha256: row.certificate_sha256,
      stream,
    };
  }

  /** The users whose records the actor may read (null: everyone): role holders in the training.read scope, and oneself. */
  private async visibleUsers(db: Kysely<DB>, actor: Actor): Promise<string[] | null> {
    const scope = await unitScope(db, actor, 'training.read');
    if (scope === 'all') return null;
    const users = await repo.usersWithRoleIn(db, [...scope]);
    return actor.userId !== null && !users.includes(actor.userId) ? [...users, actor.userId] : users;
  }

  private async assertMayRead(actor: Actor, userId: string) {
    if (actor.userId === userId) return;
    if (!(await this.holdsFor(this.db, actor, 'training.read', userId))) throw forbidden('Your roles do not grant training.read where this person works');
  }

  private async assertMayRecord(db: Kysely<DB>, actor: Actor, userId: string) {
    if (!(await this.holdsFor(db, actor, 'training.record', userId))) throw forbidden('Your roles do not grant training.record where this person works');
  }

  /** Whether the actor holds the permission in a unit where the user holds a role. */
  private async holdsFor(db: Kysely<DB>, actor: Actor, permission: 'training.read' | 'training.record', userId: string): Promise<boolean> {
    const scope: UnitScope = await unitScope(db, actor, permission);
    if (scope === 'all') return true;
    const units = await db.selectFrom('role_assignment').select('org_unit_id').where('user_id', '=', userId).execute();
    return units.some((u) => inScope(scope, u.org_unit_id));
  }
}

/** Only PDF, PNG and JPEG (their content already checked against the extension), and at most 10 MB. */
export function assertCertificate(file: ReceivedFile): void {
  if (!(CERTIFICATE_TYPES as readonly string[]).includes(file.contentType)) throw unsupportedFile('A certificate must be a PDF, PNG or JPEG file');
  if (file.staged.size > CERTIFICATE_LIMIT_BYTES) throw tooLarge(CERTIFICATE_LIMIT_BYTES);
}

