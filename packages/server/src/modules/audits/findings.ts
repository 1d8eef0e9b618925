import { randomUUID } from 'node:crypto';
import { findingOpensNonconformity, findingsWritable, severityOfResult, type AuditStatus, type ChecklistResult, type Finding, type FindingAccept, type FindingCreate } from '@konform/core';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { AuditFindingTable, DB } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope } from '../../access/scope.js';
import { hiddenSystemIds } from '../../access/clearance.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { conflict, invalid, notFound, versionConflict } from '../../http/errors.js';
import type { NonconformityService } from '../nonconformities/service.js';
import { presentFinding } from './presenter.js';
import { assertMayRecord } from './service.js';
import * as repo from './repository.js';

export const FINDING_ENTITY = 'audit-finding';

/** Findings of an audit; minor and major non-conformities go into CAPA with the finding. */
export class AuditFindingService {
  constructor(
    private readonly database: Database,
    private readonly nonconformities: NonconformityService,
  ) {}

  private get db() {
    return this.database.db;
  }

  private rows(auditId: string, findingId?: string) {
    return this.db
      .selectFrom('audit_finding as f')
      .leftJoin('nonconformity as n', 'n.id', 'f.nonconformity_id')
      .selectAll('f')
      .select('n.status as nonconformity_status')
      .where('f.audit_id', '=', auditId)
      .$if(findingId !== undefined, (q) => q.where('f.id', '=', findingId!))
      .orderBy('f.created_at')
      .orderBy('f.id')
      .execute();
  }

  async list(actor: Actor, auditId: string): Promise<{ items: Finding[] }> {
    const audit = await repo.findAudit(this.db, auditId);
    if (!audit) throw notFound('Audit');
    await assertInScope(this.db, actor, 'auditing.read', audit.org_unit_id);
    const hidden = await hiddenSystemIds(this.db, actor);
    return { items: (await this.rows(auditId)).filter((r) => r.system_id === null || !hidden.has(r.system_id)).map(presentFinding) };
  }

  private async one(auditId: string, findingId: string): Promise<Finding> {
    const [row] = await this.rows(auditId, findingId);
    if (!row) throw notFound('Finding');
    return presentFinding(row);
  }

  /**
   * A finding from a checklist item recorded as a non-conformity or observation, or free-standing. A minor or major
   * one opens a non-conformity (source audit-finding, with a corrective action to plan) in the same transaction.
   */
  async create(actor: Actor, auditId: string, input: FindingCreate): Promise<Finding> {
    const now = new Date().toISOString();
    const id = await this.db.transaction().execute((trx) => this.createWithin(trx, actor, auditId, input, now));
    return this.one(auditId, id);
  }

  /** `create` inside the caller's transaction (the OSCAL import writes all findings of a file in one); returns the id. */
  async createWithin(trx: Transaction<DB>, actor: Actor, auditId: string, input: FindingCreate, now: string): Promise<string> {
    const id = randomUUID();
    const audit = await repo.findAudit(trx, auditId);
    if (!audit) throw notFound('Audit');
    await assertMayRecord(trx, actor, audit);
    if (!findingsWritable(audit.status as AuditStatus)) throw conflict('audit-not-in-progress', 'Findings are written while the audit is in progress or reporting');
    let systemId = input.systemId ?? null;
    let requirementKeys = input.requirementKeys ?? [];
    let severity = input.severity ?? null;
    if (input.checklistItemId) {
      const item = await trx.selectFrom('audit_checklist_item').selectAll().where('id', '=', input.checklistItemId).where('audit_id', '=', auditId).executeTakeFirst();
      if (!item) throw invalid('checklistItemId', 'Not an item of this audit');
      const fromResult = severityOfResult(item.result as ChecklistResult | null);
      if (fromResult === null) throw invalid('checklistItemId', 'Only an item recorded as a non-conformity or observation leads to a finding');
      const taken = await trx.selectFrom('audit_finding').select('id').where('checklist_item_id', '=', item.id).executeTakeFirst();
      if (taken) throw conflict('finding-exists', 'This checklist item already has a finding');
      if (input.systemId !== undefined && input.systemId !== item.system_id) throw invalid('systemId', "A finding from a checklist item is about the item's system");
      systemId = item.system_id;
      requirementKeys = input.requirementKeys ?? [item.requirement_key];
      severity ??= fromResult;
    } else {
      if (severity === null) throw invalid('severity', 'A free-standing finding needs a severity');
      if (systemId !== null) {
        const inScope = (await repo.scopeSystems(trx, repo.parseScope(audit))).some((s) => s.id === systemId);
        if (!inScope) throw invalid('systemId', 'The AI system is not in the scope of this audit');
      }
    }
    // Need-to-know: a finding about a classified system is written only by those cleared for it.
    await assertInScope(trx, actor, 'auditing.read', audit.org_unit_id, systemId);
    let nonconformityId: string | null = null;
    if (findingOpensNonconformity(severity)) {
      nonconformityId = await this.nonconformities.createWithin(trx, actor, {
        ...(systemId ? { systemId } : { orgUnitId: audit.org_unit_id }),
        title: input.title,
        description: `${input.description}${input.description ? '\n\n' : ''}Audit: ${audit.title}`,
        source: 'audit-finding',
        severity: severity === 'major' ? 'major' : 'minor',
        requirementKeys,
        actions: [{ kind: 'corrective', description: `Korrekturmaßnahme zum Auditbefund festlegen / Define the corrective action for the audit finding`, owner: '', dueDate: null, done: false }],
      }, now, { scopeChecked: true });
    }
    const row: AuditFindingTable = {
      id, audit_id: auditId, checklist_item_id: input.checklistItemId ?? null, system_id: systemId, requirement_keys: JSON.stringify(requirementKeys),
      title: input.title, description: input.description, severity, nonconformity_id: nonconformityId, acceptance: null, version: 1,
      created_at: now, created_by_label: actor.label,
    };
    await trx.insertInto('audit_finding').values(row).execute();
    await appendAuditEvent(trx, this.database.dialect, actor, {
      action: 'audit.finding.create', entityType: FINDING_ENTITY, entityId: id,
      changes: [
        { field: 'auditId', before: null, after: auditId }, { field: 'title', before: null, after: row.title },
        { field: 'severity', before: null, after: severity }, { field: 'systemId', before: null, after: systemId },
        { field: 'nonconformityId', before: null, after: nonconformityId },
      ],
    }, now);
    return id;
  }

  /** Formal acceptance of a finding that stays as it is (auditing.manage, with a reason; audited). */
  async accept(actor: Actor, auditId: string, findingId: string, input: FindingAccept): Promise<Finding> {
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const audit = await repo.findAudit(trx, auditId);
      if (!audit) throw notFound('Audit');
      await assertInScope(trx, actor, 'auditing.manage', audit.org_unit_id);
      const [row] = await trx
        .selectFrom('audit_finding as f')
        .leftJoin('nonconformity as n', 'n.id', 'f.nonconformity_id')
        .selectAll('f')
        .select('n.status as nonconformity_status')
        .where('f.id', '=', findingId)
        .where('f.audit_id', '=', auditId)
        .execute();
      if (!row) throw notFound('Finding');
      await assertInScope(trx, actor, 'auditing.manage', audit.org_unit_id, row.system_id);
      if (audit.status === 'closed' || audit.status === 'cancelled') throw conflict('audit-final', 'The findings of a closed or cancelled audit are not changed');
      if (Number(row.version) !== input.version) throw versionConflict();
      if (repo.statusOf(row) !== 'open') throw conflict('finding-not-open', 'Only an open finding is accepted');
      const acceptance = { by: actor.label, at: now, reason: input.reason };
      const result = await trx.updateTable('audit_finding').set({ acceptance: JSON.stringify(acceptance), version: Number(row.version) + 1 })
        .where('id', '=', findingId).where('version', '=', Number(row.version)).executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw versionConflict();
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'audit.finding.accept', entityType: FINDING_ENTITY, entityId: findingId, changes: [{ field: 'status', before: 'open', after: 'accepted' }], reason: input.reason,
      }, now);
    });
    return this.one(auditId, findingId);
  }
}
