import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../db/database.js';
import type { Kysely } from 'kysely';
import type { DB, SigningKeyTable } from '../db/schema.js';
import { systemActor } from '../access/actor.js';
import { appendAuditEvent } from '../audit/audit-log.js';
import { keyIdOf } from './ed25519.js';

export interface ActiveKey {
  id: string;
  publicKeyPem: string;
  privateKey: KeyObject;
}

const ACTIVE_FILE = 'active';

/** Every public key, oldest first. */
export function listPublicKeys(db: Kysely<DB>): Promise<SigningKeyTable[]> {
  return db.selectFrom('signing_key').selectAll().orderBy('created_at').orderBy('id').execute();
}

/**
 * The organisation's Ed25519 signing keys. The private half of the active key is a PKCS#8 file in the key directory
 * (`<id>.pem`, mode 0600; the file `active` names it), never in the database, so a database dump cannot sign. Public
 * keys go to the database, where every instance and `konform audit verify` find them; a rotated key stays (retired),
 * so what it signed still verifies. Instances that share the key directory share the key; the first to start creates
 * it (the `active` file is created exclusively, so two starting together agree on one).
 */
export class OrganisationKeys {
  private cached: ActiveKey | null = null;

  constructor(
    private readonly database: Database,
    readonly keyDir: string,
  ) {}

  /** The active key, created on first use. */
  async active(): Promise<ActiveKey> {
    this.cached ??= await this.loadOrCreate();
    return this.cached;
  }

  /** Creates a new active key; the previous one is retired but kept for verification. */
  async rotate(): Promise<ActiveKey> {
    const previous = await this.active();
    const next = await this.generate();
    const tmp = path.join(this.keyDir, `${ACTIVE_FILE}.${next.id}.tmp`);
    await writeFile(tmp, next.id, { mode: 0o600 });
    await rename(tmp, path.join(this.keyDir, ACTIVE_FILE));
    const now = new Date().toISOString();
    await this.database.db.transaction().execute(async (trx) => {
      await trx.updateTable('signing_key').set({ retired_at: now }).where('id', '=', previous.id).where('retired_at', 'is', null).execute();
      await trx.insertInto('signing_key').values({ id: next.id, algorithm: 'Ed25519', public_key_pem: next.publicKeyPem, created_at: now, retired_at: null }).execute();
      await appendAuditEvent(trx, this.database.dialect, systemActor('key rotation'), {
        action: 'signing-key.rotate', entityType: 'signing-key', entityId: next.id,
        changes: [{ field: 'activeKey', before: previous.id, after: next.id }],
      }, now);
    });
    this.cached = next;
    return next;
  }

  /** The active key if one exists, without creating one (a backup signs with it but must not write). */
  existingActive(): Promise<ActiveKey | null> {
    return this.readActive();
  }

  private async loadOrCreate(): Promise<ActiveKey> {
    await mkdir(this.keyDir, { recursive: true, mode: 0o700 });
    let key = await this.readActive();
    if (!key) {
      const created = await this.generate();
      try {
        await writeFile(path.join(this.keyDir, ACTIVE_FILE), created.id, { flag: 'wx', mode: 0o600 });
        key = created;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        await unlink(path.join(this.keyDir, `${created.id}.pem`)).catch(() => undefined);
        key = await this.readActive();
        if (!key) throw new Error(`The key directory ${this.keyDir} names an active key that cannot be read`);
      }
    }
    await this.register(key);
    return key;
  }

  private async readActive(): Promise<ActiveKey | null> {
    let id: string;
    try {
      id = (await readFile(path.join(this.keyDir, ACTIVE_FILE), 'utf8')).trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const privateKey = createPrivateKey(await readFile(path.join(this.keyDir, `${id}.pem`), 'utf8'));
    const publicKey = createPublicKey(privateKey);
    if (keyIdOf(publicKey) !== id) throw new Error(`The key file ${id}.pem in ${this.keyDir} does not hold the key it is named after`);
    return { id, privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
  }

  private async generate(): Promise<ActiveKey> {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const id = keyIdOf(publicKey);
    await writeFile(path.join(this.keyDir, `${id}.pem`), privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { flag: 'wx', mode: 0o600 });
    return { id, privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
  }

  /** Records the public key once (another instance may have done so already). */
  private async register(key: ActiveKey): Promise<void> {
    const db = this.database.db;
    if (await db.selectFrom('signing_key').select('id').where('id', '=', key.id).executeTakeFirst()) return;
    const now = new Date().toISOString();
    try {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('signing_key').values({ id: key.id, algorithm: 'Ed25519', public_key_pem: key.publicKeyPem, created_at: now, retired_at: null }).execute();
        await appendAuditEvent(trx, this.database.dialect, systemActor('first start'), {
          action: 'signing-key.create', entityType: 'signing-key', entityId: key.id,
          changes: [{ field: 'publicKey', before: null, after: key.publicKeyPem }],
        }, now);
      });
    } catch (error) {
      if (!(await db.selectFrom('signing_key').select('id').where('id', '=', key.id).executeTakeFirst())) throw error;
    }
  }
}
