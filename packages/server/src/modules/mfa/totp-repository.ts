import type { Kysely } from 'kysely';
import type { DB, UserRecoveryCodeTable, UserTotpTable } from '../../db/schema.js';

type Db = Kysely<DB>;

// The TOTP secret is stored as base32 text, not encrypted. The only key material the server keeps in its data
// directory is the organisation's Ed25519 signing key, which is rotated (`konform keys rotate`): a symmetric key derived
// from it would lock every enrolled person out at the first rotation, and a second key file would need its own backup
// and multi-instance story. Protect the database like the password hashes beside it (file permissions, encrypted
// backups); the secret alone signs nothing without the password.

export function findTotp(db: Db, userId: string): Promise<UserTotpTable | undefined> {
  return db.selectFrom('user_totp').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/** Whether the user has a confirmed TOTP secret. */
export async function hasConfirmedTotp(db: Db, userId: string): Promise<boolean> {
  const row = await db.selectFrom('user_totp').select('user_id').where('user_id', '=', userId).where('confirmed_at', 'is not', null).executeTakeFirst();
  return row !== undefined;
}

/** Replaces a pending (unconfirmed) secret or stores the first one; a confirmed secret stays (false). */
export async function savePendingTotp(db: Db, userId: string, secret: string, at: string): Promise<boolean> {
  const result = await db
    .insertInto('user_totp')
    .values({ user_id: userId, secret, confirmed_at: null, last_step: null, created_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ secret, last_step: null, created_at: at }).where('user_totp.confirmed_at', 'is', null))
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function confirmTotp(db: Db, userId: string, step: number, at: string): Promise<void> {
  await db.updateTable('user_totp').set({ confirmed_at: at, last_step: step }).where('user_id', '=', userId).execute();
}

/** Records an accepted step; false when a concurrent request used this step (or a later one) first. */
export async function claimStep(db: Db, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('user_totp')
    .set({ last_step: step })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteTotp(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('user_recovery_code').where('user_id', '=', userId).execute();
  await db.deleteFrom('user_totp').where('user_id', '=', userId).execute();
}

export async function replaceRecoveryCodes(db: Db, userId: string, rows: UserRecoveryCodeTable[]): Promise<void> {
  await db.deleteFrom('user_recovery_code').where('user_id', '=', userId).execute();
  await db.insertInto('user_recovery_code').values(rows).execute();
}

/** Marks an unused recovery code used; false when there is none with that hash (or it was used). */
export async function useRecoveryCode(db: Db, userId: string, codeHash: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('user_recovery_code')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('user_recovery_code')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
