import type { AuditCheckpoint, AuditEvent, AuditEventListQuery, ChainVerification, ListPage, SigningKey } from '@konform/core';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope, unitScope } from '../../access/scope.js';
import { toAuditEvent, verifyAuditChain } from '../../audit/audit-log.js';
import { listCheckpoints } from '../../audit/checkpoints.js';
import { listPublicKeys } from '../../signing/organisation-keys.js';
import { toCount } from '../../db/dialect.js';
import { forbidden, notFound } from '../../http/errors.js';
import { findSystem } from '../systems/repository.js';
import { auditEventVisible } from './hidden-events.js';

export class AuditService {
  constructor(private readonly database: Database) {}

  /**
   * Unit-wide roles read the history of the records in their units; the whole log needs audit.read in every unit.
   * The history of a system classified above the reader's clearance is refused (403 `clearance`); in the whole log
   * its events, and those of its records, are left out (see hidden-events.ts).
   */
  async list(actor: Actor, query: AuditEventListQuery): Promise<ListPage<AuditEvent>> {
    const db = this.database.db;
    if ((await unitScope(db, actor, 'audit.read')) !== 'all') {
      if (query.entityType !== 'system' || !query.entityId) {
        throw forbidden('Your roles allow reading the history of single AI systems in your units only');
      }
      const system = await findSystem(db, query.entityId);
      if (!system) throw notFound('AI system');
      await assertInScope(db, actor, 'audit.read', system.org_unit_id, system.id);
    }
    let base = db.selectFrom('audit_event').where(auditEventVisible(actor));
    if (query.entityType) base = base.where('entity_type', '=', query.entityType);
    if (query.entityId) base = base.where('entity_id', '=', query.entityId);
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy('seq', 'desc').limit(query.limit).offset(query.offset).execute(),
      base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toAuditEvent), total: toCount(count.n), limit: query.limit, offset: query.offset };
  }

  async checkpoints(): Promise<AuditCheckpoint[]> {
    const rows = await listCheckpoints(this.database.db);
    return rows.map((r) => ({ seq: Number(r.seq), chainHash: r.chain_hash, signedAt: r.signed_at, keyId: r.key_id, signature: r.signature }));
  }

  async publicKeys(): Promise<SigningKey[]> {
    const rows = await listPublicKeys(this.database.db);
    return rows.map((r) => ({ id: r.id, algorithm: 'Ed25519' as const, publicKeyPem: r.public_key_pem, createdAt: r.created_at, retiredAt: r.retired_at }));
  }

  verify(_actor: Actor): Promise<ChainVerification> {
    return verifyAuditChain(this.database.db);
  }
}
