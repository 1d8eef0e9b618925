import type { Audit, OscalImportResult } from '@konform/core';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { conflict, invalid, notFound } from '../../http/errors.js';
import type { ExportFile } from '../../http/send-file.js';
import type { RequirementService } from '../requirements/service.js';
import { assertMayRecord, type AuditProgrammeService } from '../audits/service.js';
import type { AuditChecklistService } from '../audits/checklist.js';
import type { AuditFindingService } from '../audits/findings.js';
import type { LabGateService } from '../lab/gate-service.js';
import * as auditRepo from '../audits/repository.js';
import { findSystem } from '../systems/repository.js';
import { componentDefinition } from './component-definition.js';
import { auditAssessmentResults, gateAssessmentResults } from './assessment-results.js';
import { planOfActionAndMilestones, type OpenFinding } from './poam.js';
import { importMarker, readAssessmentResults } from './import.js';
import { jsonFile } from './common.js';
import { assertExportValid } from './validate.js';

export interface OscalServices {
  requirements: RequirementService;
  audits: AuditProgrammeService;
  checklist: AuditChecklistService;
  findings: AuditFindingService;
  gates: LabGateService;
}

/** A safe file name part: letters, digits and dashes only. */
const slug = (text: string) => text.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).toLowerCase() || 'konform';

/**
 * OSCAL 1.2.2 out and in besides catalogues: a system's component definition, assessment results of an audit or a
 * release gate, a system's POA&M, and assessment results of other tools read as audit findings. Every document is
 * checked against NIST's schema before it is served. Reads go through the owning services (scope, clearance).
 */
export class OscalService {
  constructor(
    private readonly database: Database,
    private readonly services: OscalServices,
  ) {}

  private get db() {
    return this.database.db;
  }

  async componentDefinition(actor: Actor, systemId: string, catalogId: string): Promise<ExportFile> {
    const state = await this.services.requirements.state(actor, systemId);
    if (!state.registry.get(catalogId)) throw invalid('catalog', `Unknown catalogue ${catalogId}`);
    const document = componentDefinition(state, catalogId, new Date().toISOString());
    assertExportValid('component', document);
    return jsonFile(document, `${slug(state.system.name)}-${slug(catalogId)}-component-definition.json`);
  }

  async auditAssessmentResults(actor: Actor, auditId: string): Promise<ExportFile> {
    const audit: Audit = await this.services.audits.get(actor, auditId);
    const { items } = await this.services.checklist.list(actor, auditId);
    const { items: findings } = await this.services.findings.list(actor, auditId);
    const document = auditAssessmentResults(audit, items, findings, new Date().toISOString());
    assertExportValid('assessment-results', document);
    return jsonFile(document, `audit-${slug(audit.title)}-assessment-results.json`);
  }

  async gateAssessmentResults(actor: Actor, gateId: string): Promise<ExportFile> {
    const gate = await this.services.gates.get(actor, gateId);
    const document = gateAssessmentResults(gate, new Date().toISOString());
    assertExportValid('assessment-results', document);
    return jsonFile(document, `release-gate-${gate.number}-assessment-results.json`);
  }

  /** Open non-conformities of the system (not closed) and open audit findings about it; 409 when nothing is open. */
  async poam(actor: Actor, systemId: string): Promise<ExportFile> {
    const system = await findSystem(this.db, systemId);
    if (!system) throw notFound('AI system');
    await assertInScope(this.db, actor, 'nonconformity.read', system.org_unit_id, system.id);
    const nonconformities = await this.db.selectFrom('nonconformity').selectAll().where('system_id', '=', systemId).where('status', '!=', 'closed')
      .orderBy('created_at').orderBy('id').execute();
    const findingRows = await this.db
      .selectFrom('audit_finding as f')
      .innerJoin('audit as a', 'a.id', 'f.audit_id')
      .leftJoin('nonconformity as n', 'n.id', 'f.nonconformity_id')
      .select(['f.id', 'f.audit_id', 'a.title as audit_title', 'f.title', 'f.description', 'f.severity', 'f.requirement_keys', 'f.nonconformity_id', 'f.acceptance', 'f.created_at', 'n.status as nonconformity_status'])
      .where('f.system_id', '=', systemId)
      .where('a.status', '!=', 'cancelled')
      .orderBy('f.created_at').orderBy('f.id')
      .execute();
    const findings: OpenFinding[] = findingRows.filter((r) => auditRepo.statusOf(r) === 'open').map((r) => ({
      id: r.id, auditId: r.audit_id, auditTitle: r.audit_title, title: r.title, description: r.description, severity: r.severity,
      requirementKeys: JSON.parse(r.requirement_keys) as string[], nonconformityId: r.nonconformity_id, createdAt: r.created_at,
    }));
    const document = planOfActionAndMilestones(system, nonconformities, findings, new Date().toISOString());
    if (!document) throw conflict('nothing-open', 'The AI system has no open non-conformities or audit findings; OSCAL needs at least one POA&M item');
    assertExportValid('poam', document);
    return jsonFile(document, `${slug(system.name)}-poam.json`);
  }

  /**
   * Findings from another tool's assessment results, written through the audit's findings service (minor and major
   * ones open non-conformities) in ONE transaction: a bad finding stores nothing. Findings imported before from the
   * same document (same OSCAL finding UUID) are skipped.
   */
  async importAssessmentResults(actor: Actor, auditId: string, body: unknown): Promise<OscalImportResult> {
    const audit = await auditRepo.findAudit(this.db, auditId);
    if (!audit) throw notFound('Audit');
    // Refuse before reading the file: someone who may not record here learns nothing from its validation.
    await assertMayRecord(this.db, actor, audit);
    const parsed = readAssessmentResults(body);
    const now = new Date().toISOString();
    const result = await this.db.transaction().execute(async (trx) => {
      const existing = (await trx.selectFrom('audit_finding').select('description').where('audit_id', '=', auditId).execute()).map((r) => r.description);
      const created: string[] = [];
      const skipped: string[] = [];
      for (const f of parsed.findings) {
        const marker = importMarker(f.oscalUuid);
        if (existing.some((d) => d.includes(marker))) {
          skipped.push(f.oscalUuid);
          continue;
        }
        created.push(await this.services.findings.createWithin(trx, actor, auditId, f.input, now));
        existing.push(marker);
      }
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'audit.oscal-import', entityType: 'audit', entityId: auditId,
        changes: [
          { field: 'oscalDocument', before: null, after: parsed.documentUuid },
          { field: 'findingsCreated', before: null, after: created.length },
          { field: 'findingsSkipped', before: null, after: skipped.length },
        ],
      }, now);
      return { created, skipped };
    });
    return { auditId, documentUuid: parsed.documentUuid, documentTitle: parsed.title, created: result.created.length, skipped: result.skipped, findingIds: result.created };
  }
}
