import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // The audit programme (#10): audits of a year with their scope (JSON {systemIds, orgUnitIds, catalogIds,
  // requirementPrefixes}), auditors (JSON user ids) and status planned → in-progress → reporting → closed | cancelled.
  // A follow-up audit names the audit whose open findings it checks.
  await db.schema
    .createTable('audit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('objective', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('auditor_ids', 'text', (c) => c.notNull())
    .addColumn('planned_start', 'text', (c) => c.notNull())
    .addColumn('planned_end', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('parent_audit_id', 'text', (c) => c.references('audit.id'))
    .addColumn('closed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_year_idx').on('audit').columns(['year', 'planned_start']).execute();
  await db.schema.createIndex('audit_unit_idx').on('audit').columns(['org_unit_id']).execute();

  // One item per system × requirement in scope; the auditor records result, notes and sampled evidence (JSON ids).
  await db.schema
    .createTable('audit_checklist_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('audit_id', 'text', (c) => c.notNull().references('audit.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('system_id', 'text', (c) => c.notNull().references('ai_system.id'))
    .addColumn('requirement_key', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('evidence_ids', 'text', (c) => c.notNull())
    .addColumn('recorded_by_label', 'text')
    .addColumn('recorded_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('audit_checklist_item_uq', ['audit_id', 'system_id', 'requirement_key'])
    .execute();

  // Findings; minor and major ones open a non-conformity (CAPA) and follow it, or are formally accepted (JSON).
  await db.schema
    .createTable('audit_finding')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('audit_id', 'text', (c) => c.notNull().references('audit.id'))
    .addColumn('checklist_item_id', 'text', (c) => c.references('audit_checklist_item.id'))
    .addColumn('system_id', 'text', (c) => c.references('ai_system.id'))
    .addColumn('requirement_keys', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('nonconformity_id', 'text', (c) => c.references('nonconformity.id'))
    .addColumn('acceptance', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_finding_audit_idx').on('audit_finding').columns(['audit_id']).execute();
  await db.schema.createIndex('audit_finding_nc_idx').on('audit_finding').columns(['nonconformity_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted');
}
