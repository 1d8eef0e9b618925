import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import {
  ANNEX_VI_STEPS,
  assessmentComplete,
  assessmentStartRefusal,
  officeToday,
  stepSignRefusal,
  validityPeriodError,
  type AnnexViStep,
  type AssessmentStatus,
  type ConformityAnnexViiUpdate,
  type ConformityAssessment,
  type ConformityAssessmentCreate,
  type ConformityAssessmentListQuery,
  type ConformityAssessmentSummary,
  type ConformityChecks,
  type ConformityEntryCreate,
  type ConformityMarkingUpdate,
  type ConformitySign,
  type ConformityStepPrepare,
  type DocumentLocale,
} from '@konform/core';
import type { Database } from '../../db/database.js';
import type { AiSystemTable, ConformityAssessmentTable, DB } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope, tokenSystemIds, unitScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { conflict, invalid, notFound, versionConflict } from '../../http/errors.js';
import { findSystem } from '../systems/repository.js';
import type { SignatureService } from '../signatures/service.js';
import type { DocumentService } from '../documents/service.js';
import type { QmsDocumentService } from '../qms/service.js';
import { certificateOf, presentAssessment, presentSummary, stepStates } from './presenter.js';

export const ASSESSMENT_ENTITY = 'conformity_assessment';
export const STEP_ENTITY = 'conformity_step';

type Db = Kysely<DB>;

/** What a step signature covers: the assessment, the step, its evidence and notes. */
const signedStepState = (step: { assessment_id: string; step_key: string; evidence_ids: string; notes: string }) => ({
  assessmentId: step.assessment_id, step: step.step_key, evidenceIds: JSON.parse(step.evidence_ids) as unknown, notes: step.notes,
});

function findAssessment(db: Db, id: string) {
  return db.selectFrom('conformity_assessment').selectAll().where('id', '=', id).executeTakeFirst();
}
function stepsOf(db: Db, assessmentId: string) {
  return db.selectFrom('conformity_step').selectAll().where('assessment_id', '=', assessmentId).execute();
}

/** Optimistic locking on the assessment: every write moves its version on. */
async function bump(trx: Transaction<DB>, row: ConformityAssessmentTable, expected: number, values: Partial<ConformityAssessmentTable>, now: string) {
  const result = await trx.updateTable('conformity_assessment').set({ ...values, version: Number(row.version) + 1, updated_at: now }).where('id', '=', row.id).where('version', '=', expected).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw versionConflict();
}

/** The newest released technical documentation (Annex IV) of a system. */
export async function releasedAnnexIv(db: Db, systemId: string) {
  const row = await db
    .selectFrom('document_version')
    .innerJoin('document', 'document.id', 'document_version.document_id')
    .select(['document.id as documentId', 'document_version.number', 'document_version.released_at'])
    .where('document.system_id', '=', systemId)
    .where('document.type', '=', 'annex-iv')
    .where('document_version.status', '=', 'released')
    .orderBy('document_version.released_at', 'desc')
    .executeTakeFirst();
  return row ? { documentId: row.documentId, number: Number(row.number), releasedAt: row.released_at } : null;
}

/**
 * Conformity assessment of a high-risk AI system (Art. 43): internal control (Annex VI) as three steps, each prepared
 * with evidence by one person and signed by another; or the tracking of an Annex VII assessment up to the certificate.
 * Completion opens the EU declaration of conformity (documents engine), CE marking and registration.
 */
export class ConformityAssessmentService {
  constructor(
    private readonly database: Database,
    private readonly signatures: SignatureService,
    private readonly documents: DocumentService,
    private readonly qms: QmsDocumentService,
  ) {
    signatures.register(STEP_ENTITY, {
      readPermission: 'assessment.read',
      unitOf: async (db, id) => {
        const row = await db.selectFrom('conformity_step').innerJoin('conformity_assessment', 'conformity_assessment.id', 'conformity_step.assessment_id').select('conformity_assessment.org_unit_id').where('conformity_step.id', '=', id).executeTakeFirst();
        return row?.org_unit_id;
      },
      currentState: async (db, id) => {
        const row = await db.selectFrom('conformity_step').selectAll().where('id', '=', id).executeTakeFirst();
        return row ? signedStepState(row) : undefined;
      },
    });
  }

  private get db() {
    return this.database.db;
  }

  private async system(actor: Actor, systemId: string, permission: 'assessment.read' | 'assessment.edit' | 'assessment.approve', field?: string): Promise<AiSystemTable> {
    const system = await findSystem(this.db, systemId);
    if (!system) throw field ? invalid(field, 'Unknown AI system') : notFound('AI system');
    await assertInScope(this.db, actor, permission, system.org_unit_id, system.id);
    return system;
  }

  private async assessment(actor: Actor, id: string, permission: 'assessment.read' | 'assessment.edit' | 'assessment.approve') {
    const row = await findAssessment(this.db, id);
    if (!row) throw notFound('Conformity assessment');
    await assertInScope(this.db, actor, permission, row.org_unit_id, row.system_id);
    return row;
  }

  async list(actor: Actor, query: ConformityAssessmentListQuery): Promise<ConformityAssessmentSummary[]> {
    const scope = await unitScope(this.db, actor, 'assessment.read');
    const tokens = tokenSystemIds(actor);
    if (scope !== 'all' && scope.size === 0) return [];
    let q = this.db.selectFrom('conformity_assessment').innerJoin('ai_system', 'ai_system.id', 'conformity_assessment.system_id').selectAll('conformity_assessment').select('ai_system.name as system_name');
    if (scope !== 'all') q = q.where('conformity_assessment.org_unit_id', 'in', [...scope]);
    if (tokens !== null) q = tokens.length === 0 ? q.where('conformity_assessment.id', '=', '') : q.where('conformity_assessment.system_id', 'in', [...tokens]);
    if (query.systemId) q = q.where('conformity_assessment.system_id', '=', query.systemId);
    if (query.status) q = q.where('conformity_assessment.status', '=', query.status);
    const rows = await q.orderBy('conformity_assessment.created_at', 'desc').orderBy('conformity_assessment.id').execute();
    const ids = rows.map((r) => r.id);
    const steps = ids.length === 0 ? [] : await this.db.selectFrom('conformity_step').selectAll().where('assessment_id', 'in', ids).execute();
    const today = officeToday();
    return rows.map((r) => presentSummary(r, steps.filter((s) => s.assessment_id === r.id), today));
  }

  async get(actor: Actor, id: string): Promise<ConformityAssessment> {
    const row = await this.assessment(actor, id, 'assessment.read');
    return this.present(actor, row);
  }

  private async present(actor: Actor, row: ConformityAssessmentTable): Promise<ConformityAssessment> {
    const system = (await findSystem(this.db, row.system_id))!;
    const [steps, entries] = await Promise.all([
      stepsOf(this.db, row.id),
      this.db.selectFrom('conformity_entry').selectAll().where('assessment_id', '=', row.id).orderBy('entry_date').orderBy('created_at').execute(),
    ]);
    return presentAssessment(row, system.name, steps, entries, await this.checks(actor, system), officeToday());
  }

  /** What the records say for the steps; the QMS coverage only for readers of the QMS. */
  private async checks(actor: Actor, system: AiSystemTable): Promise<ConformityChecks> {
    let qmsCoverage: ConformityChecks['qmsCoverage'] = null;
    const qmsScope = await unitScope(this.db, actor, 'qms.read');
    if (qmsScope === 'all' || qmsScope.has(system.org_unit_id)) {
      qmsCoverage = (await this.qms.coverage(actor, { orgUnitId: system.org_unit_id })).counts.art17;
    }
    return { qmsCoverage, annexIv: await releasedAnnexIv(this.db, system.id) };
  }

  async create(actor: Actor, input: ConformityAssessmentCreate): Promise<ConformityAssessment> {
    const system = await this.system(actor, input.systemId, 'assessment.edit', 'systemId');
    if (system.archived_at !== null) throw conflict('archived', 'The AI system is archived');
    if (system.risk_class !== 'high') throw conflict('not-high-risk', 'A conformity assessment (Art. 43) is done for high-risk AI systems; classify the system as high-risk first');
    if (input.bodyKind && input.procedure !== 'annex-vii') throw invalid('bodyKind', 'An assessing body is named only for Annex VII');
    const now = new Date().toISOString();
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      const statuses = (await trx.selectFrom('conformity_assessment').select('status').where('system_id', '=', system.id).execute()).map((r) => r.status as AssessmentStatus);
      if (assessmentStartRefusal(statuses)) throw conflict('assessment-in-progress', 'The system has a conformity assessment in progress already');
      await trx.insertInto('conformity_assessment').values({
        id, system_id: system.id, org_unit_id: system.org_unit_id, procedure: input.procedure, status: 'in-progress',
        body_kind: input.procedure === 'annex-vii' ? (input.bodyKind ?? 'notified-body') : null, body_name: '', body_number: '', certificate_number: '',
        valid_from: null, valid_until: null, conditions: '', declaration_document_id: null, ce_marking_date: null, ce_marking_place: '',
        registration_number: '', registration_date: null, completed_at: null, reopened_at: null, reopen_reason: null,
        version: 1, created_at: now, created_by_label: actor.label, updated_at: now,
      }).execute();
      if (input.procedure === 'annex-vi') {
        await trx.insertInto('conformity_step').values(ANNEX_VI_STEPS.map((key) => ({
          id: randomUUID(), assessment_id: id, step_key: key, evidence_ids: '[]', notes: '', prepared_by_id: null, prepared_by_label: null, prepared_at: null, signature_id: null, signed_by_label: null, signed_at: null,
        }))).execute();
      }
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'conformity-assessment.create', entityType: ASSESSMENT_ENTITY, entityId: id,
        changes: [{ field: 'systemId', before: null, after: system.id }, { field: 'procedure', before: null, after: input.procedure }],
      }, now);
    });
    return this.get(actor, id);
  }

  private static assertOpen(row: ConformityAssessmentTable, procedure?: 'annex-vi' | 'annex-vii') {
    if (row.status !== 'in-progress') throw conflict('assessment-not-in-progress', 'The assessment is not in progress');
    if (procedure && row.procedure !== procedure) throw conflict('wrong-procedure', `This applies to ${procedure === 'annex-vi' ? 'Annex VI (internal control)' : 'Annex VII'} assessments only`);
  }

  /** Records a step's evidence and notes; whoever prepares it last cannot sign it (four eyes). */
  async prepareStep(actor: Actor, id: string, key: AnnexViStep, input: ConformityStepPrepare): Promise<ConformityAssessment> {
    const row = await this.assessment(actor, id, 'assessment.edit');
    ConformityAssessmentService.assertOpen(row, 'annex-vi');
    await this.assertEvidenceOfSystem(row.system_id, input.evidenceIds);
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const step = (await stepsOf(trx, id)).find((s) => s.step_key === key)!;
      if (step.signature_id) throw conflict('already-signed', 'The step is signed; it cannot change any more');
      await bump(trx, row, input.version, {}, now);
      const evidence = JSON.stringify([...new Set(input.evidenceIds)]);
      await trx.updateTable('conformity_step').set({ evidence_ids: evidence, notes: input.notes, prepared_by_id: actor.userId, prepared_by_label: actor.label, prepared_at: now }).where('id', '=', step.id).execute();
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'conformity-step.prepare', entityType: STEP_ENTITY, entityId: step.id,
        changes: [
          { field: 'step', before: null, after: key },
          ...(step.evidence_ids !== evidence ? [{ field: 'evidenceIds', before: JSON.parse(step.evidence_ids) as unknown, after: JSON.parse(evidence) as unknown }] : []),
          ...(step.notes !== input.notes ? [{ field: 'notes', before: step.notes, after: input.notes }] : []),
        ],
      }, now);
    });
    return this.get(actor, id);
  }

  private async assertEvidenceOfSystem(systemId: string, ids: readonly string[]) {
    if (ids.length === 0) return;
    const own = await this.db.selectFrom('evidence').select('id').where('id', 'in', [...ids]).where('system_id', '=', systemId).execute();
    const linked = await this.db.selectFrom('evidence_link').select('evidence_id as id').where('evidence_id', 'in', [...ids]).where('system_id', '=', systemId).execute();
    const known = new Set([...own, ...linked].map((r) => r.id));
    ids.forEach((e, i) => {
      if (!known.has(e)) throw invalid(`evidenceIds.${i}`, 'Not evidence of this AI system');
    });
  }

  /** Signs a prepared step in order (password, four eyes); the last signature completes the assessment. */
  async signStep(actor: Actor, id: string, key: AnnexViStep, input: ConformitySign): Promise<ConformityAssessment> {
    const row = await this.assessment(actor, id, 'assessment.approve');
    ConformityAssessmentService.assertOpen(row, 'annex-vi');
    if (key === 'technical-documentation' && !(await releasedAnnexIv(this.db, row.system_id))) {
      throw conflict('annex-iv-not-released', 'The technical documentation (Annex IV) of the system has no released version yet');
    }
    await this.signatures.transaction(actor, async (trx) => {
      const steps = await stepsOf(trx, id);
      const refusal = stepSignRefusal(stepStates(steps), key);
      if (refusal) throw conflict(refusal, { 'not-prepared': 'Record the evidence of this step first', 'already-signed': 'The step is signed already', 'earlier-step-open': 'Sign the earlier steps first' }[refusal]);
      const step = steps.find((s) => s.step_key === key)!;
      const now = new Date().toISOString();
      await bump(trx, row, input.version, {}, now);
      const signature = await this.signatures.sign(trx, this.database.dialect, actor, {
        entityType: STEP_ENTITY, entityId: step.id, meaning: 'approved', state: signedStepState(step), credentials: { password: input.password, code: input.code }, comment: input.comment,
        fourEyes: { excludedSignerIds: [step.prepared_by_id] },
      });
      await trx.updateTable('conformity_step').set({ signature_id: signature.id, signed_by_label: actor.label, signed_at: signature.signedAt }).where('id', '=', step.id).execute();
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'conformity-step.sign', entityType: STEP_ENTITY, entityId: step.id, changes: [{ field: 'signatureId', before: null, after: signature.id }] }, now);
      const after = stepStates(steps.map((s) => (s.id === step.id ? { ...s, signature_id: signature.id } : s)));
      if (assessmentComplete('annex-vi', after, certificateOf(row))) await this.complete(trx, actor, row, now);
    });
    return this.get(actor, id);
  }

  private async complete(trx: Transaction<DB>, actor: Actor, row: ConformityAssessmentTable, now: string) {
    await trx.updateTable('conformity_assessment').set({ status: 'completed', completed_at: now }).where('id', '=', row.id).execute();
    await appendAuditEvent(trx, this.database.dialect, actor, { action: 'conformity-assessment.complete', entityType: ASSESSMENT_ENTITY, entityId: row.id, changes: [{ field: 'status', before: 'in-progress', after: 'completed' }] }, now);
  }

  /** Annex VII tracking; recording the certificate with its validity completes the assessment. */
  async updateAnnexVii(actor: Actor, id: string, input: ConformityAnnexViiUpdate): Promise<ConformityAssessment> {
    const row = await this.assessment(actor, id, 'assessment.edit');
    if (row.procedure !== 'annex-vii') throw conflict('wrong-procedure', 'This applies to Annex VII assessments only');
    if (row.status === 'reopened') throw conflict('assessment-reopened', 'The assessment was reopened by a substantial modification; start a new one');
    const next = {
      body_kind: input.bodyKind ?? row.body_kind,
      body_name: input.bodyName ?? row.body_name,
      body_number: input.bodyNumber ?? row.body_number,
      certificate_number: input.certificateNumber ?? row.certificate_number,
      valid_from: input.validFrom === undefined ? row.valid_from : input.validFrom,
      valid_until: input.validUntil === undefined ? row.valid_until : input.validUntil,
      conditions: input.conditions ?? row.conditions,
    };
    const periodError = validityPeriodError(next.valid_from, next.valid_until);
    if (periodError) throw invalid('validUntil', periodError);
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const changes = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== row[k]).map((k) => ({ field: k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), before: row[k], after: next[k] }));
      await bump(trx, row, input.version, next, now);
      if (changes.length > 0) await appendAuditEvent(trx, this.database.dialect, actor, { action: 'conformity-assessment.update', entityType: ASSESSMENT_ENTITY, entityId: id, changes }, now);
      if (row.status === 'in-progress' && assessmentComplete('annex-vii', [], { certificateNumber: next.certificate_number, validFrom: next.valid_from, validUntil: next.valid_until })) {
        await this.complete(trx, actor, row, now);
      }
    });
    return this.get(actor, id);
  }

  /** A dated entry of an Annex VII assessment: a document submitted, a question of the body, an answer. */
  async addEntry(actor: Actor, id: string, input: ConformityEntryCreate): Promise<ConformityAssessment> {
    const row = await this.assessment(actor, id, 'assessment.edit');
    if (row.procedure !== 'annex-vii') throw conflict('wrong-procedure', 'This applies to Annex VII assessments only');
    if (row.status === 'reopened') throw conflict('assessment-reopened', 'The assessment was reopened by a substantial modification; start a new one');
    const now = new Date().toISOString();
    const entryId = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('conformity_entry').values({ id: entryId, assessment_id: id, kind: input.kind, entry_date: input.date, text: input.text, created_at: now, created_by_label: actor.label }).execute();
      await trx.updateTable('conformity_assessment').set({ version: Number(row.version) + 1, updated_at: now }).where('id', '=', id).execute();
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'conformity-entry.create', entityType: ASSESSMENT_ENTITY, entityId: id,
        changes: [{ field: 'entry.kind', before: null, after: input.kind }, { field: 'entry.date', before: null, after: input.date }, { field: 'entry.text', before: null, after: input.text }],
      }, now);
    });
    return this.get(actor, id);
  }

  private static assertCompleted(row: ConformityAssessmentTable) {
    if (row.status !== 'completed') throw conflict('assessment-not-completed', 'Complete the conformity assessment first');
  }

  /** The EU declaration of conformity (Art. 47): the system's existing one, else a new document through the documents engine. */
  async declaration(actor: Actor, id: string, locale: DocumentLocale): Promise<ConformityAssessment> {
    const row = await this.assessment(actor, id, 'assessment.edit');
    ConformityAssessmentService.assertCompleted(row);
    const existing = await this.db.selectFrom('document').select('id').where('system_id', '=', row.system_id).where('type', '=', 'declaration-of-conformity').orderBy('created_at').executeTakeFirst();
    const documentId = existing?.id ?? (await this.documents.create(actor, { type: 'declaration-of-conformity', systemId: row.system_id, locale })).id;
    if (row.declaration_document_id === documentId) return this.present(actor, row);
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('conformity_assessment').set({ declaration_document_id: documentId, version: Number(row.version) + 1, updated_at: now }).where('id', '=', id).execute();
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'conformity-assessment.update', entityType: ASSESSMENT_ENTITY, entityId: id, changes: [{ field: 'declarationDocumentId', before: row.declaration_document_id, after: documentId }] }, now);
    });
    return this.get(actor, id);
  }

  /** CE marking (Art. 48) and EU database registration (Art. 49) of a completed assessment. */
  async updateMarking(actor: Actor, id: string, input: ConformityMarkingUpdate): Promise<ConformityAssessment> {
    const row = await this.assessment(actor, id, 'assessment.edit');
    ConformityAssessmentService.assertCompleted(row);
    const next = {
      ce_marking_date: input.ceMarkingDate === undefined ? row.ce_marking_date : input.ceMarkingDate,
      ce_marking_place: input.ceMarkingPlace ?? row.ce_marking_place,
      registration_number: input.registrationNumber ?? row.registration_number,
      registration_date: input.registrationDate === undefined ? row.registration_date : input.registrationDate,
    };
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const changes = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== row[k]).map((k) => ({ field: k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), before: row[k], after: next[k] }));
      await bump(trx, row, input.version, next, now);
      if (changes.length > 0) await appendAuditEvent(trx, this.database.dialect, actor, { action: 'conformity-assessment.update', entityType: ASSESSMENT_ENTITY, entityId: id, changes }, now);
    });
    return this.get(actor, id);
  }
}
