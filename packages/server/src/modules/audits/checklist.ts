import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { checklistItems, checklistWritable, type AuditScope, type AuditStatus, type ChecklistItem, type ChecklistItemUpdate } from '@konform/core';
import type { Database } from '../../db/database.js';
import type { AuditChecklistItemTable, AuditTable, DB } from '../../db/schema.js';
import type { DialectName } from '../../db/dialect.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope } from '../../access/scope.js';
import { hiddenSystemIds } from '../../access/clearance.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { conflict, invalid, notFound, versionConflict } from '../../http/errors.js';
import type { RequirementService } from '../requirements/service.js';
import { presentItem } from './presenter.js';
import { assertMayRecord } from './service.js';
import * as repo from './repository.js';

export const CHECKLIST_ENTITY = 'audit-checklist-item';

export interface ChecklistCandidate {
  systemId: string;
  requirementKey: string;
  ref: string;
  title: string;
}

/**
 * The applicable requirements of the systems in scope. Read before the write transaction opens: the matrix reads
 * through the service's own connection, which on SQLite would wait for the transaction.
 */
export async function checklistCandidates(db: Kysely<DB>, requirements: RequirementService, scope: AuditScope): Promise<ChecklistCandidate[]> {
  const candidates: ChecklistCandidate[] = [];
  for (const system of await repo.scopeSystems(db, scope)) {
    const state = await requirements.stateOf(system);
    for (const d of state.derived.derived) {
      if (d.applies) candidates.push({ systemId: system.id, requirementKey: d.entry.key, ref: d.entry.requirement.ref, title: JSON.stringify(d.entry.requirement.title) });
    }
  }
  return candidates;
}

/**
 * Builds the checklist from the requirements that apply to the systems in scope, narrowed by catalogues and prefixes:
 * one item per system × requirement. Items already recorded stay; unrecorded items no longer in scope go. Returns the
 * number of items.
 */
export async function generateChecklist(trx: Transaction<DB>, dialect: DialectName, candidates: readonly ChecklistCandidate[], actor: Actor, audit: AuditTable, now: string): Promise<number> {
  const scope = repo.parseScope(audit);
  const wanted = checklistItems(candidates, scope.catalogIds, scope.requirementPrefixes);
  const existing = await trx.selectFrom('audit_checklist_item').selectAll().where('audit_id', '=', audit.id).execute();
  const byKey = new Map(existing.map((i) => [`${i.system_id} ${i.requirement_key}`, i]));
  const wantedKeys = new Set(wanted.map((w) => `${w.systemId} ${w.requirementKey}`));
  const referenced = new Set((await trx.selectFrom('audit_finding').select('checklist_item_id').where('audit_id', '=', audit.id).execute()).map((f) => f.checklist_item_id));
  const removed = existing.filter((i) => !wantedKeys.has(`${i.system_id} ${i.requirement_key}`) && i.result === null && !referenced.has(i.id));
  if (removed.length > 0) await trx.deleteFrom('audit_checklist_item').where('id', 'in', removed.map((i) => i.id)).execute();
  let added = 0;
  for (const [position, w] of wanted.entries()) {
    const before = byKey.get(`${w.systemId} ${w.requirementKey}`);
    if (before) {
      if (Number(before.position) !== position) await trx.updateTable('audit_checklist_item').set({ position }).where('id', '=', before.id).execute();
      continue;
    }
    added++;
    await trx.insertInto('audit_checklist_item').values({
      id: randomUUID(), audit_id: audit.id, position, system_id: w.systemId, requirement_key: w.requirementKey, ref: w.ref, title: w.title,
      result: null, notes: '', evidence_ids: '[]', recorded_by_label: null, recorded_at: null, version: 1,
    }).execute();
  }
  const kept = existing.length - removed.length;
  await appendAuditEvent(trx, dialect, actor, {
    action: 'audit.checklist.generate', entityType: 'audit', entityId: audit.id,
    changes: [{ field: 'checklist', before: existing.length, after: kept + added }],
  }, now);
  return kept + added;
}

/** The checklist: the auditor records result, notes and sampled evidence per item. */
export class AuditChecklistService {
  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.db;
  }

  /** Items of systems above the reader's clearance are left out. */
  async list(actor: Actor, auditId: string): Promise<{ items: ChecklistItem[] }> {
    const audit = await repo.findAudit(this.db, auditId);
    if (!audit) throw notFound('Audit');
    await assertInScope(this.db, actor, 'auditing.read', audit.org_unit_id);
    const hidden = await hiddenSystemIds(this.db, actor);
    const rows = await this.db
      .selectFrom('audit_checklist_item as i')
      .innerJoin('ai_system as s', 's.id', 'i.system_id')
      .selectAll('i')
      .select('s.name as system_name')
      .where('i.audit_id', '=', auditId)
      .orderBy('i.position')
      .execute();
    return { items: rows.filter((r) => !hidden.has(r.system_id)).map(({ system_name, ...r }) => presentItem(r, system_name)) };
  }

  async record(actor: Actor, auditId: string, itemId: string, input: ChecklistItemUpdate): Promise<ChecklistItem> {
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const audit = await repo.findAudit(trx, auditId);
      if (!audit) throw notFound('Audit');
      await assertMayRecord(trx, actor, audit);
      const item = await trx.selectFrom('audit_checklist_item').selectAll().where('id', '=', itemId).where('audit_id', '=', auditId).executeTakeFirst();
      if (!item) throw notFound('Checklist item');
      await assertInScope(trx, actor, 'auditing.read', audit.org_unit_id, item.system_id);
      if (!checklistWritable(audit.status as AuditStatus)) throw conflict('audit-not-in-progress', 'Results are recorded while the audit is in progress');
      if (Number(item.version) !== input.version) throw versionConflict();
      if (input.evidenceIds !== undefined && input.evidenceIds.length > 0) {
        const ids = [...new Set(input.evidenceIds)];
        const found = new Set((await trx.selectFrom('evidence').select('id').where('id', 'in', ids).where('system_id', '=', item.system_id).execute()).map((e) => e.id));
        input.evidenceIds.forEach((id, i) => { if (!found.has(id)) throw invalid(`evidenceIds.${i}`, "Not an evidence file of this item's AI system"); });
      }
      const next: AuditChecklistItemTable = { ...item };
      if (input.result !== undefined) next.result = input.result;
      if (input.notes !== undefined) next.notes = input.notes;
      if (input.evidenceIds !== undefined) next.evidence_ids = JSON.stringify([...new Set(input.evidenceIds)]);
      const changes = (['result', 'notes', 'evidence_ids'] as const).filter((c) => item[c] !== next[c]).map((c) => ({
        field: c === 'evidence_ids' ? 'evidenceIds' : c,
        before: c === 'evidence_ids' ? (JSON.parse(item[c]) as unknown) : item[c],
        after: c === 'evidence_ids' ? (JSON.parse(next[c]) as unknown) : next[c],
      }));
      if (changes.length === 0) return;
      const result = await trx.updateTable('audit_checklist_item')
        .set({ result: next.result, notes: next.notes, evidence_ids: next.evidence_ids, recorded_by_label: actor.label, recorded_at: now, version: Number(item.version) + 1 })
        .where('id', '=', itemId).where('version', '=', Number(item.version)).executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw versionConflict();
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'audit.checklist.record', entityType: CHECKLIST_ENTITY, entityId: itemId, changes: [{ field: 'auditId', before: auditId, after: auditId }, ...changes],
      }, now);
    });
    const row = await this.db.selectFrom('audit_checklist_item as i').innerJoin('ai_system as s', 's.id', 'i.system_id').selectAll('i').select('s.name as system_name').where('i.id', '=', itemId).executeTakeFirstOrThrow();
    const { system_name, ...item } = row;
    return presentItem(item, system_name);
  }
}
