import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import {
  addCalendarDays,
  changeFollowUps,
  officeToday,
  type FollowUp,
  type FollowUpTask,
  type SystemChange,
  type SystemChangeAssess,
  type SystemChangeCreate,
} from '@konform/core';
import type { Database } from '../../db/database.js';
import type { AiSystemTable, DB, SystemChangeTable, TaskTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { conflict, notFound, versionConflict } from '../../http/errors.js';
import { findSystem, findSystemForUpdate } from '../systems/repository.js';
import { markClassificationForReview } from '../classification/review.js';
import { releasedGatesOfSystem } from '../lab/gate-repository.js';
import { insertTask } from '../tasks/repository.js';
import { TASK_ENTITY } from '../tasks/service.js';
import type { SignatureService } from '../signatures/service.js';
import { presentChange } from './presenter.js';
import { ASSESSMENT_ENTITY } from './assessment-service.js';

export const CHANGE_ENTITY = 'system_change';

/** What a decision on a change signs. */
const signedChangeState = (row: SystemChangeTable, substantial: boolean, rationale: string) => ({
  systemId: row.system_id, number: Number(row.number), kind: row.kind, description: row.description, date: row.change_date, substantial, rationale,
});

/**
 * Change control (Art. 3(23), 43(4)): changes to a system are recorded, then decided — substantial modification or
 * not — with a signature. A substantial one reopens the classification review, the released lab gates and the
 * conformity assessment as tasks, all in the transaction of the decision.
 */
export class SystemChangeService {
  constructor(
    private readonly database: Database,
    private readonly signatures: SignatureService,
  ) {
    signatures.register(CHANGE_ENTITY, {
      readPermission: 'assessment.read',
      unitOf: async (db, id) => (await db.selectFrom('system_change').select('org_unit_id').where('id', '=', id).executeTakeFirst())?.org_unit_id,
      currentState: async (db, id) => {
        const row = await db.selectFrom('system_change').selectAll().where('id', '=', id).executeTakeFirst();
        return row && row.substantial !== null ? signedChangeState(row, Number(row.substantial) === 1, row.rationale ?? '') : undefined;
      },
    });
  }

  private get db() {
    return this.database.db;
  }

  private async system(actor: Actor, systemId: string, permission: 'assessment.read' | 'assessment.edit' | 'assessment.approve'): Promise<AiSystemTable> {
    const system = await findSystem(this.db, systemId);
    if (!system) throw notFound('AI system');
    await assertInScope(this.db, actor, permission, system.org_unit_id, system.id);
    return system;
  }

  async list(actor: Actor, systemId: string): Promise<SystemChange[]> {
    await this.system(actor, systemId, 'assessment.read');
    const rows = await this.db.selectFrom('system_change').selectAll().where('system_id', '=', systemId).orderBy('number', 'desc').execute();
    return rows.map(presentChange);
  }

  async create(actor: Actor, systemId: string, input: SystemChangeCreate): Promise<SystemChange> {
    const system = await this.system(actor, systemId, 'assessment.edit');
    if (system.archived_at !== null) throw conflict('archived', 'The AI system is archived');
    const now = new Date().toISOString();
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      await findSystemForUpdate(trx, this.database.dialect, systemId);
      const last = await trx.selectFrom('system_change').select((eb) => eb.fn.max('number').as('n')).where('system_id', '=', systemId).executeTakeFirst();
      const number = Number(last?.n ?? 0) + 1;
      await trx.insertInto('system_change').values({
        id, system_id: systemId, org_unit_id: system.org_unit_id, number, kind: input.kind, description: input.description, change_date: input.date,
        substantial: null, rationale: null, signature_id: null, assessed_by_label: null, assessed_at: null, follow_ups: '[]', version: 1,
        created_at: now, created_by_id: actor.userId, created_by_label: actor.label,
      }).execute();
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'system-change.create', entityType: CHANGE_ENTITY, entityId: id,
        changes: [{ field: 'systemId', before: null, after: systemId }, { field: 'kind', before: null, after: input.kind }, { field: 'description', before: null, after: input.description }, { field: 'date', before: null, after: input.date }],
      }, now);
    });
    return presentChange((await this.db.selectFrom('system_change').selectAll().where('id', '=', id).executeTakeFirst())!);
  }

  /** The signed decision; a substantial modification opens its follow-ups in the same transaction. */
  async assess(actor: Actor, systemId: string, changeId: string, input: SystemChangeAssess): Promise<SystemChange> {
    const system = await this.system(actor, systemId, 'assessment.approve');
    await this.signatures.transaction(actor, async (trx) => {
      await findSystemForUpdate(trx, this.database.dialect, systemId);
      const row = await trx.selectFrom('system_change').selectAll().where('id', '=', changeId).where('system_id', '=', systemId).executeTakeFirst();
      if (!row) throw notFound('Change');
      if (row.substantial !== null) throw conflict('already-assessed', 'The change is assessed already');
      if (Number(row.version) !== input.version) throw versionConflict();
      const signature = await this.signatures.sign(trx, this.database.dialect, actor, {
        entityType: CHANGE_ENTITY, entityId: row.id, meaning: 'decided', state: signedChangeState(row, input.substantial, input.rationale), credentials: { password: input.password, code: input.code },
      });
      const now = signature.signedAt;
      const followUps = input.substantial ? await this.openFollowUps(trx, actor, system, row, now) : [];
      await trx.updateTable('system_change').set({
        substantial: input.substantial ? 1 : 0, rationale: input.rationale, signature_id: signature.id, assessed_by_label: actor.label, assessed_at: now,
        follow_ups: JSON.stringify(followUps), version: Number(row.version) + 1,
      }).where('id', '=', row.id).execute();
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'system-change.assess', entityType: CHANGE_ENTITY, entityId: row.id,
        changes: [
          { field: 'substantial', before: null, after: input.substantial },
          { field: 'rationale', before: null, after: input.rationale },
          { field: 'signatureId', before: null, after: signature.id },
          ...(followUps.length ? [{ field: 'followUps', before: null, after: followUps.map((f) => f.taskId) }] : []),
        ],
      }, now);
    });
    return presentChange((await this.db.selectFrom('system_change').selectAll().where('id', '=', changeId).executeTakeFirst())!);
  }

  /**
   * Classification to `needs-review` (as the classification module marks it), a task per released gate to re-run
   * (gate rows stay: the lab invalidates a gate only when its released items changed), and the conformity
   * assessment: a completed one becomes `reopened`, and a task asks for the new assessment (Art. 43(4)).
   */
  private async openFollowUps(trx: Transaction<DB>, actor: Actor, system: AiSystemTable, change: SystemChangeTable, now: string): Promise<FollowUpTask[]> {
    const dialect = this.database.dialect;
    const gates = await releasedGatesOfSystem(trx, system.id);
    const assessments = await trx.selectFrom('conformity_assessment').select(['id', 'status']).where('system_id', '=', system.id).where('status', '!=', 'reopened').execute();
    const current = await trx.selectFrom('ai_system').select('classification_status').where('id', '=', system.id).executeTakeFirstOrThrow();
    const plan = changeFollowUps(true, { releasedGateIds: gates.map((g) => g.id), classified: current.classification_status !== 'none' });
    const today = officeToday();
    const ref = `Ä-${Number(change.number)}`;
    const out: FollowUpTask[] = [];
    for (const item of plan) {
      if (item.kind === 'classification-review') await markClassificationForReview(trx, dialect, actor, system.id, now);
      if (item.kind === 'conformity-reassessment') {
        for (const a of assessments.filter((x) => x.status === 'completed')) {
          const reason = `Substantial modification ${ref} (Art. 43(4))`;
          await trx.updateTable('conformity_assessment').set({ status: 'reopened', reopened_at: now, reopen_reason: reason, updated_at: now }).where('id', '=', a.id).execute();
          await appendAuditEvent(trx, dialect, actor, { action: 'conformity-assessment.reopen', entityType: ASSESSMENT_ENTITY, entityId: a.id, changes: [{ field: 'status', before: 'completed', after: 'reopened' }], reason }, now);
        }
      }
      const gate = item.ref ? gates.find((g) => g.id === item.ref) : undefined;
      const taskId = await this.task(trx, actor, system, taskText(item, ref, gate ? `G-${Number(gate.number)} ${gate.title}` : ''), addCalendarDays(today, item.dueInDays), now);
      out.push({ kind: item.kind, taskId, ...(item.ref ? { ref: item.ref } : {}) });
    }
    return out;
  }

  private async task(trx: Transaction<DB>, actor: Actor, system: AiSystemTable, text: { title: string; description: string }, dueDate: string, now: string): Promise<string> {
    const row: TaskTable = {
      id: randomUUID(), record_type: 'system', record_id: system.id, system_id: system.id, org_unit_id: system.org_unit_id,
      title: text.title, description: text.description, owner_id: null, due_date: dueDate, priority: 'high', status: 'open',
      completed_at: null, completed_by: null, version: 1, created_at: now, updated_at: now, created_by: actor.userId, created_by_label: actor.label,
    };
    await insertTask(trx, row);
    await appendAuditEvent(trx, this.database.dialect, actor, {
      action: 'task.create', entityType: TASK_ENTITY, entityId: row.id,
      changes: [
        { field: 'recordType', before: null, after: 'system' }, { field: 'recordId', before: null, after: system.id }, { field: 'systemId', before: null, after: system.id },
        { field: 'orgUnitId', before: null, after: system.org_unit_id }, { field: 'title', before: null, after: row.title }, { field: 'dueDate', before: null, after: dueDate },
        { field: 'priority', before: null, after: 'high' }, { field: 'status', before: null, after: 'open' },
      ],
    }, now);
    return row.id;
  }
}

/** Task texts are data and stay in the office language (German), naming the change. */
function taskText(item: FollowUp, ref: string, gate: string): { title: string; description: string } {
  switch (item.kind) {
    case 'classification-review':
      return { title: `Klassifizierung überprüfen (wesentliche Veränderung ${ref})`, description: 'Die wesentliche Veränderung kann die Risikoeinstufung ändern (Art. 3 Nr. 23 KI-VO). Bitte die Klassifizierung neu entscheiden.' };
    case 'lab-gate-rerun':
      return { title: `Prüfung wiederholen: ${gate} (wesentliche Veränderung ${ref})`, description: 'Die freigegebene Prüfung deckt das geänderte System nicht mehr ab. Bitte den Prüfplan erneut ausführen und neu freigeben.' };
    case 'conformity-reassessment':
      return { title: `Konformitätsbewertung neu durchführen (wesentliche Veränderung ${ref})`, description: 'Eine wesentliche Veränderung erfordert eine neue Konformitätsbewertung (Art. 43 Abs. 4 KI-VO).' };
  }
}
