import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../access/actor.js';
import { visibleLevels } from '../../access/clearance.js';

/** Entity types whose entity id IS the AI system's id (its own events, its matrix, supplier documents, items). */
const SYSTEM_ENTITIES = ['system', 'supplier-documents', 'system-items'];

/** Entity types of records that belong to one AI system, with the table whose `system_id` names it. */
const SYSTEM_RECORDS: readonly (readonly [entityType: string, table: string])[] = [
  ['risk', 'risk'],
  ['task', 'task'],
  ['nonconformity', 'nonconformity'],
  ['evidence', 'evidence'],
  ['fria_version', 'fria_version'],
  ['document', 'document'],
  ['lab-plan', 'lab_plan'],
  ['lab-run', 'lab_run'],
  ['lab-gate', 'lab_gate'],
  ['incident', 'incident'],
  ['complaint', 'complaint'],
];

/**
 * The audit log for an actor not cleared for every level: events of an AI system classified above the clearance,
 * and of the records that belong to such a system (risks, tasks, non-conformities, evidence, FRIA, documents and their
 * versions, lab plans, runs and gates), are left out. Other events (users, catalogues, vendors …) stay.
 */
export function auditEventVisible(actor: Pick<Actor, 'clearance'>): RawBuilder<SqlBool> {
  const levels = visibleLevels(actor);
  if (levels === null) return sql<SqlBool>`1 = 1`;
  const above = sql`hs.classification not in (${sql.join(levels)})`;
  const hiddenSystems = sql`select hs.id from ai_system hs where ${above}`;
  const hidden = [
    sql`(entity_type in (${sql.join(SYSTEM_ENTITIES)}) and entity_id in (${hiddenSystems}))`,
    ...SYSTEM_RECORDS.map(([type, table]) => sql`(entity_type = ${type} and entity_id in (select t.id from ${sql.table(table)} t join ai_system hs on hs.id = t.system_id where ${above}))`),
    sql`(entity_type = 'document-version' and entity_id in (select v.id from document_version v join document d on d.id = v.document_id join ai_system hs on hs.id = d.system_id where ${above}))`,
  ];
  return sql<SqlBool>`not (${sql.join(hidden, sql` or `)})`;
}
