import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // The OpenID Connect single sign-on configuration: one row (id 'default'). `client_secret` is write-only in the
  // API; `scopes`, `mappings` ({ claimValue, role, orgUnitId }[]) and `break_glass_emails` are JSON text.
  await db.schema
    .createTable('sso_config')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('client_secret', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('groups_claim', 'text', (c) => c.notNull())
    .addColumn('mappings', 'text', (c) => c.notNull())
    .addColumn('local_login', 'text', (c) => c.notNull())
    .addColumn('break_glass_emails', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by_label', 'text', (c) => c.notNull())
    .execute();

  // One pending authorization request (sign-in or re-authentication): found by the SHA-256 of its `state`, used once,
  // valid for ten minutes. `session_id` names the session a re-authentication is for.
  await db.schema
    .createTable('sso_login_state')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('return_to', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  // The identity at the provider an account is linked to (issuer + subject, unique; null for local accounts).
  await db.schema.alterTable('app_user').addColumn('sso_issuer', 'text').execute();
  await db.schema.alterTable('app_user').addColumn('sso_subject', 'text').execute();
  await db.schema.createIndex('app_user_sso_uq').on('app_user').columns(['sso_issuer', 'sso_subject']).unique().execute();

  // How the session was opened (password | sso) and when its user last re-authenticated at the provider (for a
  // signature; consumed by it).
  await db.schema.alterTable('session').addColumn('sign_in', 'text').execute();
  await db.schema.alterTable('session').addColumn('reauth_at', 'text').execute();
}
