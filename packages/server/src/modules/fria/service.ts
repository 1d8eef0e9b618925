import { randomUUID } from 'node:crypto';
import {
  EMPTY_FRIA_CONTENT,
  FRIA_ELEMENTS,
  FriaContent,
  type FriaApprove,
  type FriaElement,
  type FriaSave,
  type FriaState,
  type FriaVersion,
} from '@konform/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { AiSystemTable, DB, FriaVersionTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { conflict, invalid, notFound, versionConflict } from '../../http/errors.js';
import { findSystem, findSystemForUpdate } from '../systems/repository.js';
import type { SignatureService } from '../signatures/service.js';
import type { RequirementService } from '../requirements/service.js';
import type { RiskService } from '../risks/service.js';
import type { CatalogService } from '../catalogs/service.js';
import { elementSources, harmRisks } from './sources.js';
import { RISK_LABELS } from '../risks/labels.js';

export const FRIA_ENTITY = 'fria_version';

function presentVersion(row: FriaVersionTable): FriaVersion {
  return {
    number: Number(row.number),
    state: row.state as FriaVersion['state'],
    content: FriaContent.parse(JSON.parse(row.content)),
    version: Number(row.version),
    createdBy: row.created_by_label,
    createdAt: row.created_at,
    updatedBy: row.updated_by_label,
    updatedAt: row.updated_at,
    approvedBy: row.approved_by_label,
    approvedAt: row.approved_at,
    signatureId: row.signature_id,
  };
}

/** What an approval signs: the system, the version number and the content. */
const signedState = (row: FriaVersionTable) => ({ systemId: row.system_id, number: Number(row.number), content: JSON.parse(row.content) as unknown });

function versionsOf(db: Kysely<DB>, systemId: string) {
  return db.selectFrom('fria_version').selectAll().where('system_id', '=', systemId).orderBy('number', 'desc').execute();
}

/**
 * The fundamental rights impact assessment (Art. 27): required where the classification says so; six elements
 * written with suggestions from the system record and the risk register; versioned, approved with four eyes, and
 * flagged for update when an element's source data changes.
 */
export class FriaService {
  constructor(
    private readonly database: Database,
    private readonly signatures: SignatureService,
    private readonly requirements: RequirementService,
    private readonly risks: RiskService,
    private readonly catalogs: CatalogService,
  ) {
    signatures.register(FRIA_ENTITY, {
      readPermission: 'risk.read',
      unitOf: async (db, id) => {
        const row = await db.selectFrom('fria_version').select('system_id').where('id', '=', id).executeTakeFirst();
        return row ? (await findSystem(db, row.system_id))?.org_unit_id : undefined;
      },
      currentState: async (db, id) => {
        const row = await db.selectFrom('fria_version').selectAll().where('id', '=', id).executeTakeFirst();
        return row ? signedState(row) : undefined;
      },
    });
  }

  private get db() {
    return this.database.db;
  }

  private async system(actor: Actor, systemId: string, permission: 'risk.read' | 'risk.edit'): Promise<AiSystemTable> {
    const system = await findSystem(this.db, systemId);
    if (!system) throw notFound('AI system');
    await assertInScope(this.db, actor, permission, system.org_unit_id);
    return system;
  }

  /** Whether the classification the matrix rests on (approved, else draft) requires a FRIA. */
  async requirement(systemId: string) {
    const basis = await this.requirements.basisOf(this.db, systemId);
    return { required: basis.result?.friaRequired === true, basis: basis.basis };
  }

  async state(actor: Actor, systemId: string): Promise<FriaState> {
    const system = await this.system(actor, systemId, 'risk.read');
    const { required, basis } = await this.requirement(systemId);
    const rows = await versionsOf(this.db, systemId);
    const risks = (await this.risks.listForSystem(actor, systemId, { limit: 10_000, offset: 0 })).items;
    const sources = elementSources(system, risks);
    const current = rows[0] ?? null;
    const stored = current ? (JSON.parse(current.sources) as Record<FriaElement, string>) : null;
    const outdated = stored ? FRIA_ELEMENTS.filter((e) => stored[e] !== sources[e]) : [];
    const harms = harmRisks(risks);
    const registry = await this.catalogs.current();
    const measureTitles = [...new Set(risks.flatMap((r) => r.measures))].map((m) => registry.measure(m)?.title.de ?? m);
    const approved = rows.find((r) => r.state === 'approved') ?? null;
    return {
      systemId,
      required,
      basis,
      current: current ? presentVersion(current) : null,
      approved: approved ? presentVersion(approved) : null,
      versions: rows.map((r) => {
        const v = presentVersion(r);
        return { number: v.number, state: v.state, approvedBy: v.approvedBy, approvedAt: v.approvedAt, updatedAt: v.updatedAt };
      }),
      outdated,
      suggestions: {
        processes: [system.purpose, system.deployment_context].filter(Boolean).join('\n\n'),
        affectedCategories: [system.affected_persons, ...new Set(harms.map((r) => r.affectedGroups).filter(Boolean))].filter(Boolean).join('\n'),
        risksOfHarm: harms.map((r) => `R-${r.number} ${r.title}${r.rights.length ? ` (${r.rights.map((x) => RISK_LABELS.de.rights[x]).join('; ')})` : ''}${r.residualLevel ? ` – ${r.residualLevel.label.de}` : r.inherentLevel ? ` – ${r.inherentLevel.label.de}` : ''}`).join('\n'),
        riskIds: harms.map((r) => r.id),
        humanOversight: measureTitles.join('\n'),
      },
    };
  }

  /** Saves the draft; after an approved version a new draft starts (send version 0). */
  async save(actor: Actor, systemId: string, input: FriaSave): Promise<FriaState> {
    const system = await this.system(actor, systemId, 'risk.edit');
    const { required } = await this.requirement(systemId);
    if (!required) throw conflict('fria-not-required', 'The classification of this system does not require a fundamental rights impact assessment (Art. 27)');
    await this.validate(actor, systemId, input);
    const risks = (await this.risks.listForSystem(actor, systemId, { limit: 10_000, offset: 0 })).items;
    const sources = JSON.stringify(elementSources(system, risks));
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await findSystemForUpdate(trx, this.database.dialect, systemId);
      const current = (await versionsOf(trx, systemId))[0];
      const content = JSON.stringify(input.content);
      if (current?.state === 'draft') {
        if (Number(current.version) !== input.version) throw versionConflict();
        const authors = [...new Set([...(JSON.parse(current.authors) as string[]), actor.userId ?? actor.label])];
        await trx.updateTable('fria_version').set({ content, sources, authors: JSON.stringify(authors), version: Number(current.version) + 1, updated_by_label: actor.label, updated_at: now }).where('id', '=', current.id).execute();
        await appendAuditEvent(trx, this.database.dialect, actor, { action: 'fria.update', entityType: FRIA_ENTITY, entityId: current.id, changes: diffContent(current.content, content), reason: input.reason }, now);
        return;
      }
      if (input.version !== 0) throw versionConflict();
      const id = randomUUID();
      await trx.insertInto('fria_version').values({
        id, system_id: systemId, number: (current ? Number(current.number) : 0) + 1, state: 'draft', content, sources, version: 1,
        authors: JSON.stringify([actor.userId ?? actor.label]), created_by_label: actor.label, created_at: now, updated_by_label: actor.label, updated_at: now,
        signature_id: null, approved_by_label: null, approved_at: null,
      }).execute();
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'fria.create', entityType: FRIA_ENTITY, entityId: id, changes: [{ field: 'systemId', before: null, after: systemId }, ...diffContent(JSON.stringify(EMPTY_FRIA_CONTENT), content)], reason: input.reason }, now);
    });
    return this.state(actor, systemId);
  }

  private async validate(actor: Actor, systemId: string, input: FriaSave) {
    const risks = new Set((await this.risks.listForSystem(actor, systemId, { limit: 10_000, offset: 0 })).items.map((r) => r.id));
    input.content.riskIds.forEach((id, i) => {
      if (!risks.has(id)) throw invalid(`content.riskIds.${i}`, 'Not a risk of this system');
    });
    if (input.content.dpiaEvidenceId) {
      const evidence = await this.db.selectFrom('evidence').select(['id', 'system_id']).where('id', '=', input.content.dpiaEvidenceId).executeTakeFirst();
      const linked = evidence && (evidence.system_id === systemId || (await this.db.selectFrom('evidence_link').select('id').where('evidence_id', '=', evidence.id).where('system_id', '=', systemId).executeTakeFirst()));
      if (!linked) throw invalid('content.dpiaEvidenceId', 'Not evidence of this system');
    }
  }

  /** Four eyes: someone who did not write the draft approves it with a signature; the previous approval is superseded. */
  async approve(actor: Actor, systemId: string, input: FriaApprove): Promise<FriaState> {
    const system = await this.system(actor, systemId, 'risk.read');
    await assertInScope(this.db, actor, 'fria.approve', system.org_unit_id);
    const { required } = await this.requirement(systemId);
    if (!required) throw conflict('fria-not-required', 'The classification of this system does not require a fundamental rights impact assessment (Art. 27)');
    await this.signatures.transaction(actor, async (trx) => {
      const current = (await versionsOf(trx, systemId))[0];
      if (!current || current.state !== 'draft') throw conflict('nothing-to-approve', 'There is no draft to approve');
      if (Number(current.version) !== input.version) throw versionConflict();
      const signature = await this.signatures.sign(trx, this.database.dialect, actor, {
        entityType: FRIA_ENTITY, entityId: current.id, meaning: 'approved', state: signedState(current), credentials: { password: input.password, code: input.code }, comment: input.comment,
        fourEyes: { excludedSignerIds: JSON.parse(current.authors) as string[] },
      });
      await trx.updateTable('fria_version').set({ state: 'superseded' }).where('system_id', '=', systemId).where('state', '=', 'approved').execute();
      await trx.updateTable('fria_version').set({ state: 'approved', signature_id: signature.id, approved_by_label: actor.label, approved_at: signature.signedAt }).where('id', '=', current.id).execute();
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'fria.approve', entityType: FRIA_ENTITY, entityId: current.id,
        changes: [{ field: 'state', before: 'draft', after: 'approved' }, { field: 'number', before: null, after: Number(current.number) }],
      }, signature.signedAt);
    });
    return this.state(actor, systemId);
  }

  /** A version for the document export: the named one, else the approved one, else the newest. */
  async versionFor(actor: Actor, systemId: string, number?: number) {
    const system = await this.system(actor, systemId, 'risk.read');
    const rows = await versionsOf(this.db, systemId);
    const row = number !== undefined ? rows.find((r) => Number(r.number) === number) : (rows.find((r) => r.state === 'approved') ?? rows[0]);
    if (!row) throw notFound(number !== undefined ? `Version ${number} of the FRIA` : 'FRIA');
    return { system, version: presentVersion(row) };
  }
}

/** Field-level changes of the content for the audit trail. */
function diffContent(before: string, after: string) {
  const a = JSON.parse(before) as Record<string, unknown>;
  const b = JSON.parse(after) as Record<string, unknown>;
  return Object.keys(b)
    .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((k) => ({ field: `content.${k}`, before: a[k] ?? null, after: b[k] ?? null }));
}
