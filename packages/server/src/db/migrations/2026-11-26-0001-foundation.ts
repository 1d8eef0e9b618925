import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter.constructor.name.toLowerCase().includes('postgres');
  const autoId = pg ? sql`bigserial primary key` : sql`integer primary key autoincrement`;

  await db.schema
    .createTable('org_unit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('parent_id', 'text', (c) => c.references('org_unit.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .execute();

  await db.schema
    .createTable('app_user')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('de'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('last_login_at', 'text')
    .execute();

  await db.schema
    .createTable('role_assignment')
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('role_assignment_pk', ['user_id', 'org_unit_id', 'role'])
    .execute();

  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('client_address', 'text')
    .execute();
  await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute();

  await db.schema
    .createTable('api_token')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('login_failure')
    .addColumn('id', autoId)
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('client_address', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_failure_email_idx').on('login_failure').columns(['email', 'at']).execute();
  await db.schema.createIndex('login_failure_addr_idx').on('login_failure').columns(['client_address', 'at']).execute();

  await db.schema
    .createTable('ai_system')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('responsible', 'text', (c) => c.notNull())
    .addColumn('lifecycle_stage', 'text', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('sourcing', 'text', (c) => c.notNull())
    .addColumn('vendor', 'text', (c) => c.notNull())
    .addColumn('deployment_context', 'text', (c) => c.notNull())
    .addColumn('affected_persons', 'text', (c) => c.notNull())
    .addColumn('autonomy', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .execute();
  await db.schema.createIndex('ai_system_unit_idx').on('ai_system').columns(['org_unit_id', 'archived_at']).execute();
  // The inventory list sorts live systems by one column with id as tie-breaker. Partial indexes over exactly
  // those rows serve every sort key on both engines (PostgreSQL does not treat `is null` as an equality,
  // so an (archived_at, name) index could not deliver name order there).
  for (const column of ['name', 'short_name', 'lifecycle_stage', 'created_at', 'updated_at']) {
    await db.schema
      .createIndex(`ai_system_live_${column}_idx`)
      .on('ai_system')
      .columns([column, 'id'])
      .where(sql.ref('archived_at'), 'is', null)
      .execute();
  }

  await db.schema
    .createTable('audit_event')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('client_address', 'text')
    .addColumn('payload_hash', 'text', (c) => c.notNull())
    .addColumn('chain_hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_event_entity_idx').on('audit_event').columns(['entity_type', 'entity_id', 'seq']).execute();

  // A single row holding the chain's head; writers lock it to append one at a time.
  await db.schema
    .createTable('audit_chain_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('chain_hash', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('audit_chain_head').values({ id: 1, seq: 0, chain_hash: '0'.repeat(64) }).execute();
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration cannot be reverted');
}
