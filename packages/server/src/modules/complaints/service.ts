import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { addCalendarDays, officeToday, type Complaint, type ComplaintCreate, type ComplaintListQuery, type ComplaintStatus, type ComplaintUpdate, type ListPage } from '@konform/core';
import type { Database } from '../../db/database.js';
import type { ComplaintTable, DB } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope, tokenSystemIds, unitScope } from '../../access/scope.js';
import { visibleLevels } from '../../access/clearance.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { invalid, notFound, versionConflict } from '../../http/errors.js';
import { findSystem } from '../systems/repository.js';
import { readIncidentSettings } from '../incidents/settings.js';

export const COMPLAINT_ENTITY = 'complaint';
type Row = ComplaintTable & { system_name: string };

const FIELDS = [
  ['kind', 'kind'], ['receivedOn', 'received_on'], ['from', 'from_text'], ['subject', 'subject'], ['details', 'details'], ['dueDate', 'due_date'],
  ['answer', 'answer'], ['answeredOn', 'answered_on'], ['status', 'status'],
] as const;

function withSystem(db: Kysely<DB>) {
  return db.selectFrom('complaint').innerJoin('ai_system', 'ai_system.id', 'complaint.system_id').selectAll('complaint').select('ai_system.name as system_name');
}

function present(row: Row, today: string, documents: Complaint['documents']): Complaint {
  return {
    id: row.id, number: Number(row.number), kind: row.kind as Complaint['kind'], systemId: row.system_id, systemName: row.system_name, orgUnitId: row.org_unit_id,
    receivedOn: row.received_on, from: row.from_text, subject: row.subject, details: row.details, dueDate: row.due_date, answer: row.answer, answeredOn: row.answered_on,
    status: row.status as ComplaintStatus, overdue: row.status === 'open' && row.due_date < today, documents,
    version: Number(row.version), createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

/** An answered or closed entry needs the answer and its date; answering cannot precede receipt. */
function checkAnswer(row: Pick<ComplaintTable, 'status' | 'answer' | 'answered_on' | 'received_on' | 'due_date'>) {
  if (row.due_date < row.received_on) throw invalid('dueDate', 'The due date cannot lie before the day of receipt');
  if (row.answered_on !== null && row.answered_on < row.received_on) throw invalid('answeredOn', 'An answer cannot precede the receipt');
  if (row.status === 'answered' && row.answer.trim() === '') throw invalid('answer', 'Record the answer before marking it answered');
  if (row.status === 'answered' && row.answered_on === null) throw invalid('answeredOn', 'Record the day of the answer');
}

/** Complaints about AI systems (Art. 85) and requests for an explanation of an individual decision (Art. 86). */
export class ComplaintService {
  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.db;
  }

  async list(actor: Actor, query: ComplaintListQuery): Promise<ListPage<Complaint>> {
    const scope = await unitScope(this.db, actor, 'complaint.read');
    const systemIds = tokenSystemIds(actor);
    const levels = visibleLevels(actor);
    const page = { limit: query.limit, offset: query.offset };
    if ((scope !== 'all' && scope.size === 0) || (systemIds !== null && systemIds.length === 0)) return { items: [], total: 0, ...page };
    const today = officeToday();
    let q = withSystem(this.db);
    if (scope !== 'all') q = q.where('complaint.org_unit_id', 'in', [...scope]);
    if (systemIds !== null) q = q.where('complaint.system_id', 'in', [...systemIds]);
    if (levels !== null) q = q.where('ai_system.classification', 'in', [...levels]);
    if (query.systemId) q = q.where('complaint.system_id', '=', query.systemId);
    if (query.status) q = q.where('complaint.status', '=', query.status);
    if (query.kind) q = q.where('complaint.kind', '=', query.kind);
    if (query.overdue !== undefined) {
      q = query.overdue
        ? q.where('complaint.status', '=', 'open').where('complaint.due_date', '<', today)
        : q.where((eb) => eb.or([eb('complaint.status', '!=', 'open'), eb('complaint.due_date', '>=', today)]));
    }
    const rows = await q.orderBy('complaint.due_date').orderBy('complaint.number').execute();
    return { items: rows.slice(query.offset, query.offset + query.limit).map((r) => present(r, today, [])), total: rows.length, ...page };
  }

  async get(actor: Actor, id: string): Promise<Complaint> {
    const row = await withSystem(this.db).where('complaint.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Complaint');
    await assertInScope(this.db, actor, 'complaint.read', row.org_unit_id, row.system_id);
    // The system's documentation, to answer from (its generated documents).
    const documents = await this.db.selectFrom('document').select(['id', 'type', 'title']).where('system_id', '=', row.system_id).orderBy('type').orderBy('title').execute();
    return present(row, officeToday(), documents);
  }

  async create(actor: Actor, input: ComplaintCreate): Promise<Complaint> {
    const now = new Date().toISOString();
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      const system = await findSystem(trx, input.systemId);
      if (!system) throw invalid('systemId', 'Unknown AI system');
      await assertInScope(trx, actor, 'complaint.edit', system.org_unit_id, system.id);
      const settings = await readIncidentSettings(trx);
      const answeredOn = input.answeredOn ?? null;
      const row: ComplaintTable = {
        id, number: 0, kind: input.kind, system_id: system.id, org_unit_id: system.org_unit_id, received_on: input.receivedOn, from_text: input.from ?? '',
        subject: input.subject, details: input.details ?? '', due_date: input.dueDate ?? addCalendarDays(input.receivedOn, settings.complaintDueDays),
        answer: input.answer ?? '', answered_on: answeredOn, status: input.status ?? (answeredOn !== null ? 'answered' : 'open'),
        version: 1, created_at: now, updated_at: now, created_by_label: actor.label,
      };
      checkAnswer(row);
      // The audit event first: on PostgreSQL it locks the chain head, which serialises the numbering.
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'complaint.create', entityType: COMPLAINT_ENTITY, entityId: id,
        changes: [{ field: 'systemId', before: null, after: system.id }, { field: 'kind', before: null, after: row.kind }, { field: 'subject', before: null, after: row.subject }, { field: 'dueDate', before: null, after: row.due_date }],
      }, now);
      const max = await trx.selectFrom('complaint').select((eb) => eb.fn.max('number').as('n')).executeTakeFirst();
      await trx.insertInto('complaint').values({ ...row, number: Number(max?.n ?? 0) + 1 }).execute();
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, input: ComplaintUpdate): Promise<Complaint> {
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('complaint').selectAll().where('id', '=', id).$if(this.database.dialect === 'postgres', (q) => q.forUpdate()).executeTakeFirst();
      if (!row) throw notFound('Complaint');
      await assertInScope(trx, actor, 'complaint.edit', row.org_unit_id, row.system_id);
      if (Number(row.version) !== input.version) throw versionConflict();
      const next: ComplaintTable = { ...row };
      for (const [key, column] of FIELDS) {
        const value = input[key];
        if (value !== undefined) (next as unknown as Record<string, unknown>)[column] = value;
      }
      // Recording the answer's date marks an open entry answered, unless the status is set explicitly.
      if (input.status === undefined && row.status === 'open' && row.answered_on === null && next.answered_on !== null) next.status = 'answered';
      checkAnswer(next);
      const changes = FIELDS.filter(([, c]) => row[c] !== next[c]).map(([field, c]) => ({ field, before: row[c], after: next[c] }));
      if (changes.length === 0) return;
      const result = await trx.updateTable('complaint').set({ ...next, version: Number(row.version) + 1, updated_at: now }).where('id', '=', id).where('version', '=', input.version).executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw versionConflict();
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'complaint.update', entityType: COMPLAINT_ENTITY, entityId: id, changes }, now);
    });
    return this.get(actor, id);
  }
}
