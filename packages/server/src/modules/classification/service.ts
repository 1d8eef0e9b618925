import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  classify,
  diffRecords,
  type ClassificationApprove,
  type ClassificationDecide,
  type ClassificationDecided,
  type ClassificationFacts,
  type ClassificationResult,
  type ClassificationRevision,
  type ClassificationRevisionListQuery,
  type ClassificationTimeline,
  type ListPage,
  type Questionnaire,
  type Timeline,
} from '@konform/core';
import type { Database } from '../../db/database.js';
import type { AiSystemTable, ClassificationRevisionTable, DB } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { conflict, notFound } from '../../http/errors.js';
import { findSystem, findSystemForUpdate, setSystemClassification } from '../systems/repository.js';
import { findSignaturesByIds, presentSignature } from '../signatures/repository.js';
import { stateHash, type SignatureService } from '../signatures/service.js';
import * as repo from './repository.js';

/** The entity type under which classification revisions are signed. */
export const REVISION_ENTITY = 'classification_revision';

export interface ClassificationCatalogs {
  timeline: Timeline;
  questionnaire: Questionnaire;
}

/** EU AI Act classification: evaluate facts, store revisions with their result, approve them with a signature. */
export class ClassificationService {
  constructor(
    private readonly database: Database,
    private readonly signatures: SignatureService,
    private readonly catalogs: ClassificationCatalogs,
    /** The act whose dates apply now (decided in the catalogue updates; KONFORM_AI_ACT_TIMELINE sets the default). */
    private readonly act: () => string,
  ) {
    signatures.register(REVISION_ENTITY, {
      readPermission: 'classification.read',
      unitOf: async (db, id) => {
        const revision = await repo.findRevisionById(db, id);
        return revision ? (await findSystem(db, revision.system_id))?.org_unit_id : undefined;
      },
      currentState: async (db, id) => {
        const revision = await repo.findRevisionById(db, id);
        return revision ? repo.revisionState(revision) : undefined;
      },
    });
  }

  private get db() {
    return this.database.db;
  }

  get actInForce(): string {
    return this.act();
  }

  /** Pure evaluation with the act in force; nothing is stored. */
  evaluate(_actor: Actor, facts: ClassificationFacts, locale: 'de' | 'en'): ClassificationResult {
    return classify(facts, { timeline: this.catalogs.timeline, act: this.actInForce, locale });
  }

  timeline(_actor: Actor): ClassificationTimeline {
    return { timeline: this.catalogs.timeline, actInForce: this.actInForce };
  }

  questionnaire(_actor: Actor): Questionnaire {
    return this.catalogs.questionnaire;
  }

  async get(actor: Actor, systemId: string) {
    await this.systemInScope(this.db, actor, 'classification.read', systemId);
    const [latest, approved] = await Promise.all([repo.latestRevision(this.db, systemId), repo.lastApprovedRevision(this.db, systemId)]);
    const [latestView, approvedView] = await this.present(this.db, [latest, approved]);
    return { status: latest ? latestView!.status : ('none' as const), latest: latestView ?? null, approved: approvedView ?? null };
  }

  async revisions(actor: Actor, systemId: string, query: ClassificationRevisionListQuery): Promise<ListPage<ClassificationRevision>> {
    await this.systemInScope(this.db, actor, 'classification.read', systemId);
    const { rows, total } = await repo.listRevisions(this.db, systemId, query.limit, query.offset);
    const items = (await this.present(this.db, rows)).filter((r): r is ClassificationRevision => r !== undefined);
    return { items, total, limit: query.limit, offset: query.offset };
  }

  /** Stores a new draft revision: the facts (roles default to the system's), the answers, the result and who decided it. */
  async decide(actor: Actor, systemId: string, input: ClassificationDecide, locale: 'de' | 'en' = 'de'): Promise<ClassificationDecided> {
    const now = new Date().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const system = await this.lockSystem(trx, actor, 'classification.edit', systemId);
      const facts: ClassificationFacts = input.facts.roles.length > 0 ? input.facts : { ...input.facts, roles: JSON.parse(system.roles) as ClassificationFacts['roles'] };
      const result = this.evaluate(actor, facts, locale);
      const previous = await repo.latestRevision(trx, systemId);
      const number = previous ? Number(previous.number) + 1 : 1;
      const state = { systemId, number, facts, answers: input.answers, result, note: input.note };
      const row: ClassificationRevisionTable = {
        id: randomUUID(),
        system_id: systemId,
        number,
        status: 'draft',
        facts: JSON.stringify(facts),
        answers: JSON.stringify(input.answers),
        note: input.note,
        result: JSON.stringify(result),
        risk_class: result.riskClass,
        decided_by_id: actor.userId,
        decided_by_label: actor.label,
        decided_at: now,
        state_hash: stateHash(state),
        approval_signature_id: null,
      };
      await repo.insertRevision(trx, row);
      await setSystemClassification(trx, systemId, { risk_class: result.riskClass, classification_status: 'draft' });
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'classification.decide',
        entityType: 'system',
        entityId: systemId,
        changes: diffRecords(
          { classificationRevision: previous ? Number(previous.number) : null, riskClass: system.risk_class, classificationStatus: system.classification_status },
          { classificationRevision: number, riskClass: result.riskClass, classificationStatus: 'draft', stateHash: row.state_hash, note: input.note || null },
        ),
      }, now);
      return { result, revision: repo.presentRevision(row, null) };
    });
  }

  /** A second person approves the latest revision with a signature over its exact state. */
  async approve(actor: Actor, systemId: string, input: ClassificationApprove): Promise<ClassificationRevision> {
    return this.signatures.transaction(actor, async (trx) => {
      const system = await this.lockSystem(trx, actor, 'classification.approve', systemId);
      const revision = await repo.findRevision(trx, systemId, input.revision);
      if (!revision) throw notFound('Classification revision');
      const latest = await repo.latestRevision(trx, systemId);
      if (latest && Number(latest.number) !== Number(revision.number)) {
        throw conflict('not-latest', `Only the latest classification revision (${Number(latest.number)}) can be approved`);
      }
      if (revision.approval_signature_id !== null) throw conflict('already-approved', 'This classification revision is approved already');
      if (revision.status === 'needs-review') {
        throw conflict('needs-review', 'The system changed since this classification was decided; decide a new revision first');
      }
      const signature = await this.signatures.sign(trx, this.database.dialect, actor, {
        entityType: REVISION_ENTITY,
        entityId: revision.id,
        meaning: 'approved',
        state: repo.revisionState(revision),
        credentials: { password: input.password, code: input.code },
        comment: input.comment,
        fourEyes: { excludedSignerIds: [revision.decided_by_id] },
      });
      const now = signature.signedAt;
      await repo.updateRevision(trx, revision.id, { status: 'approved', approval_signature_id: signature.id });
      await setSystemClassification(trx, systemId, { classification_status: 'approved' });
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'classification.approve',
        entityType: 'system',
        entityId: systemId,
        changes: [
          { field: 'classificationStatus', before: system.classification_status, after: 'approved' },
          { field: 'approvedRevision', before: null, after: Number(revision.number) },
          { field: 'signatureId', before: null, after: signature.id },
        ],
        reason: input.comment,
      }, now);
      return repo.presentRevision({ ...revision, status: 'approved', approval_signature_id: signature.id }, signature);
    });
  }

  private async systemInScope(db: Kysely<DB>, actor: Actor, permission: 'classification.read', systemId: string): Promise<AiSystemTable> {
    const system = await findSystem(db, systemId);
    if (!system) throw notFound('AI system');
    await assertInScope(db, actor, permission, system.org_unit_id);
    return system;
  }

  /** Loads and locks the system (PostgreSQL), checks the actor's scope and that it is not archived. */
  private async lockSystem(trx: Kysely<DB>, actor: Actor, permission: 'classification.edit' | 'classification.approve', systemId: string): Promise<AiSystemTable> {
    const system = await findSystemForUpdate(trx, this.database.dialect, systemId);
    if (!system) throw notFound('AI system');
    await assertInScope(trx, actor, permission, system.org_unit_id);
    if (system.archived_at !== null) throw conflict('archived', 'An archived AI system cannot be classified');
    return system;
  }

  /** Presents revisions with their approval signatures (one query for all). */
  private async present(db: Kysely<DB>, rows: readonly (ClassificationRevisionTable | undefined)[]): Promise<(ClassificationRevision | undefined)[]> {
    const ids = rows.flatMap((r) => (r?.approval_signature_id ? [r.approval_signature_id] : []));
    const signatures = new Map((await findSignaturesByIds(db, ids)).map((s) => [s.id, presentSignature(s)]));
    return rows.map((r) => (r ? repo.presentRevision(r, r.approval_signature_id ? signatures.get(r.approval_signature_id) ?? null : null) : undefined));
  }
}
