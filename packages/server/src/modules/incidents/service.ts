import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import {
  calendarDate,
  exportMarking,
  incidentDeadlines,
  INCIDENT_QUESTIONS,
  isReportable,
  type Incident,
  type IncidentCreate,
  type IncidentListQuery,
  type IncidentReportQuery,
  type IncidentReportSubmit,
  type IncidentSettings,
  type IncidentSettingsUpdate,
  type IncidentTransition,
  type IncidentUpdate,
  type ListPage,
} from '@konform/core';
import type { Database } from '../../db/database.js';
import type { DB, IncidentTable, TaskTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope, tokenSystemIds, unitScope } from '../../access/scope.js';
import { visibleLevels } from '../../access/clearance.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { conflict, invalid, notFound, versionConflict } from '../../http/errors.js';
import { renderDocument } from '../../documents/render.js';
import type { ExportFile } from '../../http/send-file.js';
import { findSystem } from '../systems/repository.js';
import type { SignatureService } from '../signatures/service.js';
import { breachText, type Breach } from '../monitoring/breach.js';
import { deadlinesOf, isProvider, parseAssessment, parseSubmissions, presentIncident, type IncidentRow } from './presenter.js';
import { incidentRef, incidentReport } from './report.js';
import { mergeSettings, readIncidentSettings, writeIncidentSettings } from './settings.js';
import * as repo from './repository.js';

export const INCIDENT_ENTITY = 'incident';
/** A signed submission: entity id `<incident id>:<initial|complete>`. */
export const INCIDENT_REPORT_ENTITY = 'incident-report';

function reportEntity(entityId: string): { incidentId: string; kind: string } {
  const [incidentId = '', kind = ''] = entityId.split(':');
  return { incidentId, kind };
}

/** What the submitter signs: the facts and answers as reported, and the submission itself. */
function submittedState(row: IncidentRow, s: { kind: string; submittedAt: string; channel: string; reference: string }) {
  return {
    incident: row.id, number: Number(row.number), systemId: row.system_id, title: row.title, occurredAt: row.occurred_at, awareAt: row.aware_at,
    affectedPersons: row.affected_persons, harm: row.harm, assessment: parseAssessment(row.assessment),
    submission: { kind: s.kind, submittedAt: s.submittedAt, channel: s.channel, reference: s.reference },
  };
}

/** Fields a user writes, in the order the audit trail lists them. */
const FIELDS = [
  ['title', 'title'], ['description', 'description'], ['occurredAt', 'occurred_at'], ['awareAt', 'aware_at'], ['affectedPersons', 'affected_persons'],
  ['harm', 'harm'], ['providerInformedAt', 'provider_informed_at'],
] as const;

type Change = { field: string; before: unknown; after: unknown };

/** Timestamps are stored as UTC ISO strings, so that comparing them as text compares the instants. */
const utc = (value: string) => new Date(value).toISOString();
const utcOrNull = (value: string | null | undefined) => (value == null ? value : utc(value));

function normalised<T extends { occurredAt?: string | undefined; awareAt?: string | undefined; providerInformedAt?: string | null | undefined }>(input: T): T {
  return {
    ...input,
    ...(input.occurredAt !== undefined ? { occurredAt: utc(input.occurredAt) } : {}),
    ...(input.awareAt !== undefined ? { awareAt: utc(input.awareAt) } : {}),
    ...(input.providerInformedAt !== undefined ? { providerInformedAt: utcOrNull(input.providerInformedAt) } : {}),
  };
}

/**
 * Incidents and malfunctions of AI systems: the Art. 3(49)/3(61) questions, the Art. 73 clocks (provider) or the duty
 * to inform the provider (deployer, Art. 26(5)), and the record of the reports sent to the authority.
 */
export class IncidentService {
  constructor(
    private readonly database: Database,
    private readonly signatures: SignatureService,
    /** The installation's marking printed on every page of the reports, or null; a classified system raises it. */
    private readonly marking: string | null = null,
  ) {
    signatures.register(INCIDENT_REPORT_ENTITY, {
      readPermission: 'incident.read',
      unitOf: async (db, entityId) => (await repo.findIncident(db, reportEntity(entityId).incidentId))?.org_unit_id,
      currentState: async (db, entityId) => {
        const { incidentId, kind } = reportEntity(entityId);
        const row = await repo.findIncident(db, incidentId);
        const submission = row ? parseSubmissions(row.submissions).find((s) => s.kind === kind) : undefined;
        return row && submission ? submittedState(row, submission) : undefined;
      },
    });
  }

  private get db() {
    return this.database.db;
  }

  async list(actor: Actor, query: IncidentListQuery): Promise<ListPage<Incident>> {
    const scope = await unitScope(this.db, actor, 'incident.read');
    const rows = await repo.listIncidents(this.db, {
      units: scope === 'all' ? 'all' : [...scope], systemIds: tokenSystemIds(actor), levels: visibleLevels(actor), systemId: query.systemId, status: query.status, open: query.open,
    });
    return { items: rows.slice(query.offset, query.offset + query.limit).map(presentIncident), total: rows.length, limit: query.limit, offset: query.offset };
  }

  async get(actor: Actor, id: string): Promise<Incident> {
    const row = await repo.findIncident(this.db, id);
    if (!row) throw notFound('Incident');
    await assertInScope(this.db, actor, 'incident.read', row.org_unit_id, row.system_id);
    return presentIncident(row);
  }

  async settings(): Promise<IncidentSettings> {
    return readIncidentSettings(this.db);
  }

  /** Changes the settings; incidents already recorded keep the counting rule and clock they were recorded with. */
  async updateSettings(actor: Actor, update: IncidentSettingsUpdate): Promise<IncidentSettings> {
    const now = new Date().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const before = await readIncidentSettings(trx);
      const after = mergeSettings(before, update);
      const changes = (Object.keys(after) as (keyof IncidentSettings)[]).filter((k) => before[k] !== after[k]).map((k) => ({ field: k, before: before[k], after: after[k] }));
      if (changes.length === 0) return before;
      await writeIncidentSettings(trx, after, now, actor.label);
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'incident.settings', entityType: 'setting', entityId: 'incidents', changes }, now);
      return after;
    });
  }

  async create(actor: Actor, raw: IncidentCreate): Promise<Incident> {
    const input = normalised(raw);
    const now = new Date().toISOString();
    const id = await this.db.transaction().execute(async (trx) => {
      const system = await findSystem(trx, input.systemId);
      if (!system) throw invalid('systemId', 'Unknown AI system');
      await assertInScope(trx, actor, 'incident.edit', system.org_unit_id, system.id);
      return this.insert(trx, actor, system, input, now);
    });
    return this.get(actor, id);
  }

  /**
   * Opens an incident for a breached monitoring threshold (Art. 72) inside the monitoring transaction; the questions
   * stay open for the assessment. Awareness is the moment the breach was recorded. Wired as the monitoring module's
   * IncidentOpener.
   */
  async openFromBreach(trx: Transaction<DB>, actor: Actor, breach: Breach, now: string): Promise<string> {
    const system = await findSystem(trx, breach.systemId);
    if (!system) throw invalid('systemId', 'Unknown AI system');
    return this.insert(trx, actor, system, {
      systemId: system.id, title: `Beobachtung: ${breachText(breach)}`.slice(0, 300), awareAt: now, occurredAt: breach.measuredAt <= now ? breach.measuredAt : now,
      description: `Schwellenwert der Beobachtung nach dem Inverkehrbringen (Art. 72 KI-VO) verletzt (Messung ${breach.measurementId}).`,
    }, now);
  }

  private async insert(trx: Transaction<DB>, actor: Actor, system: { id: string; org_unit_id: string; name: string; roles: string }, input: IncidentCreate, now: string): Promise<string> {
    const id = randomUUID();
    if (input.occurredAt && input.occurredAt > input.awareAt) throw invalid('occurredAt', 'An incident cannot occur after the organisation became aware of it');
    const settings = await readIncidentSettings(trx);
    const assessment = { ...parseAssessment('{}'), ...input.assessment };
    // The audit event comes first: on PostgreSQL it locks the chain head, which also serialises the numbering.
    await appendAuditEvent(trx, this.database.dialect, actor, {
      action: 'incident.create', entityType: INCIDENT_ENTITY, entityId: id,
      changes: [
        { field: 'systemId', before: null, after: system.id },
        { field: 'title', before: null, after: input.title },
        { field: 'awareAt', before: null, after: input.awareAt },
        { field: 'assessment', before: null, after: assessment },
        { field: 'countingRule', before: null, after: settings.countingRule },
      ],
    }, now);
    const row: IncidentTable = {
      id, number: await repo.nextIncidentNumber(trx), system_id: system.id, org_unit_id: system.org_unit_id, title: input.title, description: input.description ?? '',
      occurred_at: input.occurredAt ?? null, aware_at: input.awareAt, affected_persons: input.affectedPersons ?? '', harm: input.harm ?? '',
      assessment: JSON.stringify(assessment), provider_unreachable: input.providerUnreachable ? 1 : 0, provider_informed_at: input.providerInformedAt ?? null,
      counting_rule: settings.countingRule, inform_provider_hours: settings.informProviderHours, submissions: '[]', task_id: null, status: 'recorded',
      version: 1, created_at: now, updated_at: now, created_by_label: actor.label,
    };
    await repo.insertIncident(trx, row);
    await this.syncProviderTask(trx, actor, { ...row, system_name: system.name, system_roles: system.roles }, now);
    return id;
  }

  async update(actor: Actor, id: string, raw: IncidentUpdate): Promise<Incident> {
    const input = normalised(raw);
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const row = await this.locked(trx, actor, id, 'incident.edit', input.version);
      if (row.status === 'closed') throw conflict('closed', 'A closed incident is not changed');
      const next: IncidentRow = { ...row };
      const changes: Change[] = [];
      for (const [key, column] of FIELDS) {
        const value = input[key];
        if (value === undefined || value === row[column]) continue;
        (next as unknown as Record<string, unknown>)[column] = value;
        changes.push({ field: key, before: row[column], after: value });
      }
      if (input.assessment !== undefined) {
        const before = parseAssessment(row.assessment);
        const after = { ...before, ...input.assessment };
        // Once a report went out, its basis stays as it was reported; corrections belong in the complete report.
        if (row.status !== 'recorded' && row.status !== 'assessed' && INCIDENT_QUESTIONS.some((q) => before[q] !== after[q])) {
          throw conflict('reported', 'The assessment is not changed after a report was submitted');
        }
        next.assessment = JSON.stringify(after);
        if (next.assessment !== row.assessment) changes.push({ field: 'assessment', before, after });
      }
      if (input.providerUnreachable !== undefined && (input.providerUnreachable ? 1 : 0) !== Number(row.provider_unreachable)) {
        next.provider_unreachable = input.providerUnreachable ? 1 : 0;
        changes.push({ field: 'providerUnreachable', before: Number(row.provider_unreachable) === 1, after: input.providerUnreachable });
      }
      if (next.occurred_at !== null && next.occurred_at > next.aware_at) throw invalid('occurredAt', 'An incident cannot occur after the organisation became aware of it');
      if (changes.length === 0) return;
      const version = Number(row.version) + 1;
      const { system_name: _n, system_roles: _r, ...values } = next;
      if (!(await repo.updateIncident(trx, id, Number(row.version), { ...values, version, updated_at: now }))) throw versionConflict();
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'incident.update', entityType: INCIDENT_ENTITY, entityId: id, changes, reason: input.reason }, now);
      await this.syncProviderTask(trx, actor, { ...next, version }, now);
    });
    return this.get(actor, id);
  }

  /** recorded → assessed (every question answered); assessed → closed (not serious) or complete-report-submitted → closed. */
  async transition(actor: Actor, id: string, input: IncidentTransition): Promise<Incident> {
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const row = await this.locked(trx, actor, id, 'incident.edit', input.version);
      const assessment = parseAssessment(row.assessment);
      if (input.to === 'assessed') {
        if (row.status !== 'recorded') throw conflict('invalid-transition', `An incident goes to assessed from recorded, not from ${row.status}`);
        const open = INCIDENT_QUESTIONS.find((q) => assessment[q] === null);
        if (open) throw invalid(`assessment.${open}`, 'Answer every question before the assessment is complete');
      } else {
        const closable = row.status === 'complete-report-submitted' || (row.status === 'assessed' && !this.mustReport(row));
        if (!closable) throw conflict('invalid-transition', 'An incident with a reporting duty closes after the complete report; others after the assessment');
      }
      await this.store(trx, actor, row, { status: input.to }, [{ field: 'status', before: row.status, after: input.to }], 'incident.transition', now, input.note);
    });
    return this.get(actor, id);
  }

  /** Records that the initial or the complete report reached the authority (needs incident.report). */
  async submitReport(actor: Actor, id: string, raw: IncidentReportSubmit): Promise<Incident> {
    const input = { ...raw, submittedAt: utc(raw.submittedAt) };
    const now = new Date().toISOString();
    await this.signatures.transaction(actor, async (trx) => {
      const row = await this.locked(trx, actor, id, 'incident.report', input.version);
      if (!isReportable(parseAssessment(row.assessment))) throw conflict('not-serious', 'Only a serious incident or a widespread infringement is reported to the authority');
      const expected = input.kind === 'initial' ? ['recorded', 'assessed'] : ['initial-report-submitted'];
      if (!expected.includes(row.status)) {
        throw conflict('invalid-transition', input.kind === 'initial' ? 'The initial report has already been submitted' : 'The complete report follows the initial report');
      }
      if (input.submittedAt < row.aware_at) throw invalid('submittedAt', 'A report cannot be submitted before the organisation became aware of the incident');
      if (input.submittedAt > new Date(Date.now() + 5 * 60_000).toISOString()) throw invalid('submittedAt', 'A submission cannot lie in the future');
      const base = { kind: input.kind, submittedAt: input.submittedAt, channel: input.channel, reference: input.reference };
      const signature = await this.signatures.sign(trx, this.database.dialect, actor, {
        entityType: INCIDENT_REPORT_ENTITY, entityId: `${row.id}:${input.kind}`, meaning: 'released', state: submittedState(row, base), credentials: { password: input.password, code: input.code },
      });
      const submission = { ...base, byLabel: actor.label, recordedAt: now, signatureId: signature.id };
      const status = input.kind === 'initial' ? 'initial-report-submitted' : 'complete-report-submitted';
      await this.store(trx, actor, row, { status, submissions: JSON.stringify([...parseSubmissions(row.submissions), submission]) }, [
        { field: 'status', before: row.status, after: status },
        { field: 'submission', before: null, after: submission },
      ], 'incident.report', now);
    });
    return this.get(actor, id);
  }

  /** The initial or complete report as PDF, DOCX or Markdown. */
  async exportReport(actor: Actor, id: string, query: IncidentReportQuery): Promise<ExportFile> {
    const incident = await this.get(actor, id);
    const system = await findSystem(this.db, incident.systemId);
    const unit = await this.db.selectFrom('org_unit').select('name').where('id', '=', incident.orgUnitId).executeTakeFirst();
    const model = incidentReport(incident, query.kind, query.lang, {
      marking: exportMarking(this.marking, [system?.classification ?? null]), date: calendarDate(new Date()), unitName: unit?.name ?? '',
    });
    const rendered = await renderDocument(model, query.format);
    return { body: rendered.body, contentType: rendered.contentType, fileName: `konform-${incidentRef(incident.number).toLowerCase()}-${query.kind}.${rendered.extension}` };
  }

  /** Whether the organisation itself reports this incident to the authority. */
  private mustReport(row: IncidentRow): boolean {
    return isReportable(parseAssessment(row.assessment)) && (isProvider(row.system_roles) || Number(row.provider_unreachable) === 1);
  }

  private async locked(trx: Transaction<DB>, actor: Actor, id: string, permission: 'incident.edit' | 'incident.report', version: number): Promise<IncidentRow> {
    const row = await repo.findIncidentForUpdate(trx, this.database.dialect, id);
    if (!row) throw notFound('Incident');
    await assertInScope(trx, actor, permission, row.org_unit_id, row.system_id);
    if (Number(row.version) !== version) throw versionConflict();
    return row;
  }

  private async store(trx: Transaction<DB>, actor: Actor, row: IncidentRow, values: Partial<IncidentTable>, changes: Change[], action: string, now: string, reason?: string) {
    if (!(await repo.updateIncident(trx, row.id, Number(row.version), { ...values, version: Number(row.version) + 1, updated_at: now }))) throw versionConflict();
    await appendAuditEvent(trx, this.database.dialect, actor, { action, entityType: INCIDENT_ENTITY, entityId: row.id, changes, reason }, now);
  }

  /**
   * A deployer's duty to inform the provider becomes a task of the system, due on the day the clock ends (tasks have
   * due days); informing the provider completes it. Created once, when the incident first turns out serious.
   */
  private async syncProviderTask(trx: Kysely<DB>, actor: Actor, row: IncidentRow, now: string) {
    const duty = deadlinesOf(row).find((d) => d.duty === 'inform-provider');
    if (row.task_id === null) {
      if (!duty || duty.metAt !== null) return;
      const taskId = randomUUID();
      const ref = incidentRef(Number(row.number));
      const task: TaskTable = {
        id: taskId, record_type: 'system', record_id: row.system_id, system_id: row.system_id, org_unit_id: row.org_unit_id,
        title: `Anbieter über Vorfall ${ref} informieren (Art. 26 Abs. 5)`,
        description: `Schwerwiegender Vorfall „${row.title}“: den Anbieter unverzüglich informieren, spätestens bis ${duty.dueAt} (UTC). Ist der Anbieter nicht erreichbar, gelten die Meldefristen nach Art. 73.`,
        owner_id: null, due_date: calendarDate(new Date(duty.dueAt)), priority: 'urgent', status: 'open', completed_at: null, completed_by: null,
        version: 1, created_at: now, updated_at: now, created_by: actor.userId, created_by_label: actor.label,
      };
      await trx.insertInto('task').values(task).execute();
      await trx.updateTable('incident').set({ task_id: taskId }).where('id', '=', row.id).execute();
      await appendAuditEvent(trx as Transaction<DB>, this.database.dialect, actor, {
        action: 'task.create', entityType: 'task', entityId: taskId,
        changes: [{ field: 'recordType', before: null, after: 'system' }, { field: 'systemId', before: null, after: row.system_id }, { field: 'title', before: null, after: task.title }, { field: 'incidentId', before: null, after: row.id }],
      }, now);
      return;
    }
    if (duty?.metAt) {
      const task = await trx.selectFrom('task').select(['status', 'version']).where('id', '=', row.task_id).executeTakeFirst();
      if (!task || task.status === 'done' || task.status === 'cancelled') return;
      await trx.updateTable('task').set({ status: 'done', completed_at: now, completed_by: actor.userId, version: Number(task.version) + 1, updated_at: now }).where('id', '=', row.task_id).execute();
      await appendAuditEvent(trx as Transaction<DB>, this.database.dialect, actor, {
        action: 'task.update', entityType: 'task', entityId: row.task_id, changes: [{ field: 'status', before: task.status, after: 'done' }], reason: 'Provider informed',
      }, now);
    }
  }
}

export { incidentDeadlines };
