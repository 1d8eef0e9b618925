import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { ListPage, Permission, SignerCredentials, Signature, SignatureListQuery, SignatureMeaning, SignatureVerification } from '@konform/core';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { DialectName } from '../../db/dialect.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope, unitScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { canonicalJson } from '../../audit/canonical-json.js';
import { sha256Hex } from '../../audit/hash-chain.js';
import { HttpProblem, conflict, forbidden, notFound } from '../../http/errors.js';
import { findUserById } from '../users/repository.js';
import { recordLoginFailure } from '../auth/session-repository.js';
import { SignerCredentialWrong, verifySigner } from './signer-check.js';
import * as repo from './repository.js';

/** The hash a signature covers: SHA-256 of the state's canonical JSON. */
export function stateHash(state: unknown): string {
  return sha256Hex(canonicalJson(state));
}

export interface SignRequest {
  entityType: string;
  entityId: string;
  meaning: SignatureMeaning;
  /** The exact state signed (any JSON); only its hash is stored. */
  state: unknown;
  /** What the signer gave again now: the password and, with TOTP, a code (see `verifySigner`). */
  credentials: SignerCredentials;
  comment?: string | undefined;
  /** Four eyes: these people may not sign (e.g. whoever decided the record). */
  fourEyes?: { excludedSignerIds: readonly (string | null)[] };
}

/**
 * How the service finds the record a signature names: its organisational unit (for the scope check) and its
 * current state (for verification). Each signed entity type registers one.
 */
export interface SignedEntityResolver {
  /** The permission that reads the entity's signatures in its unit. */
  readPermission: Permission;
  /** The unit whose permission guards the entity, or undefined when the entity does not exist. */
  unitOf(db: Kysely<DB>, entityId: string): Promise<string | undefined>;
  /** The entity's current state, hashed like the state it was signed in; undefined when it cannot be resolved. */
  currentState(db: Kysely<DB>, entityId: string): Promise<unknown>;
}

/** Electronic signatures over exact record states, shared by every area that needs one (classification, risk, gates, releases). */
export class SignatureService {
  private readonly resolvers = new Map<string, SignedEntityResolver>();

  constructor(private readonly database: Database) {}

  register(entityType: string, resolver: SignedEntityResolver): void {
    this.resolvers.set(entityType, resolver);
  }

  /**
   * Runs work that signs inside one transaction. A wrong password rolls everything back and is then recorded as a
   * failed sign-in attempt (outside the transaction, or the record would roll back too).
   */
  async transaction<T>(actor: Actor, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
    try {
      return await this.database.db.transaction().execute(work);
    } catch (error) {
      if (error instanceof SignerCredentialWrong) {
        await recordLoginFailure(this.database.db, error.email, actor.clientAddress ?? '', new Date().toISOString());
      }
      throw error;
    }
  }

  /**
   * Signs within the caller's transaction: re-verifies the signer's credentials now (`verifySigner`), enforces four eyes, stores the
   * signature with the hash of the state and appends `signature.create`. Call it through `transaction()`, so that a
   * wrong password counts as a failed sign-in attempt.
   */
  async sign(trx: Transaction<DB>, dialect: DialectName, actor: Actor, request: SignRequest): Promise<Signature> {
    if (actor.via !== 'session' || !actor.userId) {
      throw new HttpProblem(403, 'reauth-required', 'Signing needs a person who re-enters their password; API tokens cannot sign');
    }
    const signerId = actor.userId;
    if (request.fourEyes?.excludedSignerIds.includes(signerId)) {
      throw conflict('four-eyes', 'Four eyes: a second person must sign this, not the one who decided it');
    }
    const user = await findUserById(trx, signerId);
    if (!user || user.active !== 1) throw forbidden('Your account cannot sign');
    await verifySigner(trx, actor, user, request.credentials);
    const hash = stateHash(request.state);
    if (await repo.findSameSignature(trx, request.entityType, request.entityId, request.meaning, signerId, hash)) {
      throw conflict('four-eyes', 'You have signed this record in this state already');
    }
    const now = new Date().toISOString();
    const row = {
      id: randomUUID(),
      entity_type: request.entityType,
      entity_id: request.entityId,
      meaning: request.meaning,
      signer_id: signerId,
      signer_label: actor.label,
      signed_at: now,
      state_hash: hash,
      comment: request.comment?.trim() ? request.comment.trim() : null,
    };
    await repo.insertSignature(trx, row);
    await appendAuditEvent(trx, dialect, actor, {
      action: 'signature.create',
      entityType: 'signature',
      entityId: row.id,
      changes: [
        { field: 'entityType', before: null, after: row.entity_type },
        { field: 'entityId', before: null, after: row.entity_id },
        { field: 'meaning', before: null, after: row.meaning },
        { field: 'stateHash', before: null, after: row.state_hash },
        ...(row.comment ? [{ field: 'comment', before: null, after: row.comment }] : []),
      ],
    }, now);
    return repo.presentSignature(row);
  }

  async list(actor: Actor, query: SignatureListQuery): Promise<ListPage<Signature>> {
    await this.assertMayRead(actor, query.entityType, query.entityId);
    const { rows, total } = await repo.listSignatures(this.database.db, query.entityType, query.entityId, query.limit, query.offset);
    return { items: rows.map(repo.presentSignature), total, limit: query.limit, offset: query.offset };
  }

  /** Compares the stored hash with the hash of the signed record as it is now. */
  async verify(actor: Actor, id: string): Promise<SignatureVerification> {
    const row = await repo.findSignature(this.database.db, id);
    if (!row) throw notFound('Signature');
    await this.assertMayRead(actor, row.entity_type, row.entity_id);
    const state = await this.resolvers.get(row.entity_type)?.currentState(this.database.db, row.entity_id);
    const currentHash = state === undefined ? null : stateHash(state);
    return { ok: currentHash === row.state_hash, storedHash: row.state_hash, currentHash };
  }

  /** Signatures are read with the signed record's unit scope; records of unknown type only with a global role. */
  private async assertMayRead(actor: Actor, entityType: string, entityId: string): Promise<void> {
    const db = this.database.db;
    const resolver = this.resolvers.get(entityType);
    if (resolver) {
      const unit = await resolver.unitOf(db, entityId);
      if (unit === undefined) throw notFound('Signed record');
      await assertInScope(db, actor, resolver.readPermission, unit);
      return;
    }
    if ((await unitScope(db, actor, 'classification.read')) !== 'all') throw forbidden('Your roles do not reach this record');
  }
}
