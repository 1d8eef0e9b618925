import { randomUUID } from 'node:crypto';
import {
  SUPPLIER_QUESTION_IDS,
  diffRecords,
  type AssessmentFinding,
  type AssessmentFindingInput,
  type FindingRiskCreate,
  type FindingRiskCreated,
  type VendorAssessment,
  type VendorAssessmentCreate,
  type VendorAssessmentUpdate,
} from '@konform/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB, VendorAssessmentTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { HttpProblem, conflict, invalid, notFound, versionConflict } from '../../http/errors.js';
import { findSystem } from '../systems/repository.js';
import type { RiskService } from '../risks/service.js';
import { presentAssessment } from './presenter.js';
import { assertHolds } from './service.js';
import * as repo from './repository.js';

export const ASSESSMENT_ENTITY = 'vendor-assessment';
/** The risk source a finding's risk gets unless another is chosen: the insecure model supply chain (H-11). */
export const SUPPLIER_RISK_SOURCE = 'harm-model-supply-chain';

const json = (value: unknown) => JSON.stringify(value);

type Errors = { path: string; message: string }[];

/**
 * Supplier assessments (/api/vendors/{id}/assessments): the questionnaire, the result, the findings and the next
 * review. A finding becomes a risk in the register of an AI system of the vendor through the risk service, in the
 * same transaction, and keeps the risk's id; the risk's description names the assessment.
 */
export class VendorAssessmentService {
  constructor(
    private readonly database: Database,
    private readonly risks: RiskService,
  ) {}

  private get db() {
    return this.database.db;
  }

  private async vendor(db: Kysely<DB>, vendorId: string, lock = false) {
    const vendor = lock ? await repo.findVendorForUpdate(db, this.database.dialect, vendorId) : await repo.findVendor(db, vendorId);
    if (!vendor) throw notFound('Vendor');
    return vendor;
  }

  async list(actor: Actor, vendorId: string): Promise<VendorAssessment[]> {
    await assertHolds(this.db, actor, 'vendor.read');
    await this.vendor(this.db, vendorId);
    return (await repo.assessmentsOf(this.db, vendorId)).map(presentAssessment);
  }

  async get(actor: Actor, vendorId: string, id: string): Promise<VendorAssessment> {
    await assertHolds(this.db, actor, 'vendor.read');
    const row = await repo.findAssessment(this.db, vendorId, id);
    if (!row) throw notFound('Assessment');
    return presentAssessment(row);
  }

  /** Known questions only; findings may name only systems linked to the vendor. */
  private async check(db: Kysely<DB>, vendorId: string, input: { answers?: { questionId: string }[] | undefined; findings?: AssessmentFindingInput[] | undefined }, errors: Errors) {
    input.answers?.forEach((a, i) => {
      if (!SUPPLIER_QUESTION_IDS.includes(a.questionId)) errors.push({ path: `answers.${i}.questionId`, message: `Unknown question ${a.questionId}` });
    });
    for (const [i, f] of (input.findings ?? []).entries()) {
      if (!f.systemId) continue;
      const system = await findSystem(db, f.systemId);
      if (!system || system.vendor_id !== vendorId) errors.push({ path: `findings.${i}.systemId`, message: 'Not an AI system of this vendor' });
    }
  }

  async create(actor: Actor, vendorId: string, input: VendorAssessmentCreate): Promise<VendorAssessment> {
    await assertHolds(this.db, actor, 'vendor.edit');
    const now = new Date().toISOString();
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      await this.vendor(trx, vendorId, true);
      const errors: Errors = [];
      await this.check(trx, vendorId, input, errors);
      if (errors.length) throw new HttpProblem(400, 'validation', 'The assessment is invalid', errors);
      const findings: AssessmentFinding[] = input.findings.map((f) => ({ id: randomUUID(), title: f.title, description: f.description ?? '', systemId: f.systemId ?? null, riskId: null }));
      const row: VendorAssessmentTable = {
        id, vendor_id: vendorId, assessed_on: input.assessedOn, assessor: input.assessor, answers: json(input.answers), result: input.result,
        conditions: input.conditions, findings: json(findings), next_review: input.nextReview, notes: input.notes,
        version: 1, created_at: now, updated_at: now, created_by_label: actor.label,
      };
      await repo.insertAssessment(trx, row);
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'vendor-assessment.create', entityType: ASSESSMENT_ENTITY, entityId: id,
        changes: [{ field: 'vendorId', before: null, after: vendorId }, ...diffRecords(null, presentAssessment(row), ['id', 'vendorId', 'version', 'createdAt', 'updatedAt', 'createdBy'])],
      }, now);
    });
    return this.get(actor, vendorId, id);
  }

  async update(actor: Actor, vendorId: string, id: string, input: VendorAssessmentUpdate): Promise<VendorAssessment> {
    await assertHolds(this.db, actor, 'vendor.edit');
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const row = await repo.findAssessmentForUpdate(trx, this.database.dialect, vendorId, id);
      if (!row) throw notFound('Assessment');
      if (Number(row.version) !== input.version) throw versionConflict();
      const current = presentAssessment(row);
      const errors: Errors = [];
      await this.check(trx, vendorId, input, errors);
      const next = { ...current };
      for (const key of ['assessedOn', 'assessor', 'answers', 'result', 'conditions', 'nextReview', 'notes'] as const) {
        if (input[key] !== undefined) Object.assign(next, { [key]: input[key] });
      }
      if (input.findings !== undefined) {
        // A finding that became a risk stays, with its system: the risk refers back to it.
        const sent = new Map(input.findings.filter((f) => f.id).map((f) => [f.id!, f]));
        for (const f of current.findings) {
          if (f.riskId === null) continue;
          const kept = sent.get(f.id);
          if (!kept) throw conflict('finding-has-risk', `The finding "${f.title}" became a risk and stays part of the assessment`);
          if ((kept.systemId ?? null) !== f.systemId) errors.push({ path: `findings.${input.findings.indexOf(kept)}.systemId`, message: 'The finding became a risk of another AI system' });
        }
        next.findings = input.findings.map((f) => {
          const known = f.id ? current.findings.find((c) => c.id === f.id) : undefined;
          return { id: known?.id ?? randomUUID(), title: f.title, description: f.description ?? '', systemId: f.systemId ?? null, riskId: known?.riskId ?? null };
        });
      }
      if (next.result === 'approved-with-conditions' && next.conditions.trim() === '') errors.push({ path: 'conditions', message: 'Name the conditions of the approval' });
      if (next.nextReview !== null && next.nextReview < next.assessedOn) errors.push({ path: 'nextReview', message: 'The next review lies before the assessment' });
      if (errors.length) throw new HttpProblem(400, 'validation', 'The assessment is invalid', errors);
      const changes = diffRecords(current, next, ['version', 'createdAt', 'updatedAt']);
      if (changes.length === 0 && !input.reason) return;
      const values: Partial<VendorAssessmentTable> = {
        assessed_on: next.assessedOn, assessor: next.assessor, answers: json(next.answers), result: next.result, conditions: next.conditions,
        findings: json(next.findings), next_review: next.nextReview, notes: next.notes, version: Number(row.version) + 1, updated_at: now,
      };
      if (!(await repo.updateAssessment(trx, id, Number(row.version), values))) throw versionConflict();
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'vendor-assessment.update', entityType: ASSESSMENT_ENTITY, entityId: id, changes, reason: input.reason }, now);
    });
    return this.get(actor, vendorId, id);
  }

  /** Turns a finding into a risk of an AI system of the vendor (risk.edit in its unit), in one transaction. */
  async createRisk(actor: Actor, vendorId: string, id: string, findingId: string, input: FindingRiskCreate): Promise<FindingRiskCreated> {
    await assertHolds(this.db, actor, 'vendor.edit');
    const now = new Date().toISOString();
    const riskId = await this.db.transaction().execute(async (trx) => {
      const vendor = await this.vendor(trx, vendorId);
      const row = await repo.findAssessmentForUpdate(trx, this.database.dialect, vendorId, id);
      if (!row) throw notFound('Assessment');
      if (Number(row.version) !== input.version) throw versionConflict();
      const assessment = presentAssessment(row);
      const finding = assessment.findings.find((f) => f.id === findingId);
      if (!finding) throw notFound('Finding');
      if (finding.riskId !== null) throw conflict('finding-has-risk', 'This finding is a risk already');
      const system = await findSystem(trx, input.systemId);
      if (!system || system.vendor_id !== vendorId) throw invalid('systemId', 'Not an AI system of this vendor');
      const defaultSource = this.risks.sources.sources.some((s) => s.id === SUPPLIER_RISK_SOURCE) ? SUPPLIER_RISK_SOURCE : null;
      const source = `Aus der Lieferantenbewertung von „${vendor.name}“ vom ${assessment.assessedOn} (Feststellung „${finding.title}“, Bewertung ${assessment.id}).`;
      const created = await this.risks.createInTransaction(trx, actor, system.id, {
        title: finding.title,
        description: finding.description.trim() === '' ? source : `${finding.description}\n\n${source}`,
        sourceId: input.sourceId === undefined ? defaultSource : input.sourceId,
        likelihood: input.likelihood ?? null,
        impact: input.impact ?? null,
        owner: input.owner ?? '',
        nextReview: input.nextReview ?? null,
      }, now);
      const findings = assessment.findings.map((f) => (f.id === findingId ? { ...f, systemId: system.id, riskId: created } : f));
      if (!(await repo.updateAssessment(trx, id, Number(row.version), { findings: json(findings), version: Number(row.version) + 1, updated_at: now }))) throw versionConflict();
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'vendor-assessment.finding-risk', entityType: ASSESSMENT_ENTITY, entityId: id,
        changes: [{ field: `findings.${findingId}`, before: finding, after: { ...finding, systemId: system.id, riskId: created } }],
      }, now);
      return created;
    });
    return { assessment: await this.get(actor, vendorId, id), riskId };
  }
}
