import { officeToday, summariseTrainingStates, type LiteracyExportQuery, type MyTrainingStatus, type SystemLiteracyEvidence, type UnitTrainingStatus } from '@konform/core';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope } from '../../access/scope.js';
import { invalid, notFound } from '../../http/errors.js';
import { findSystem } from '../systems/repository.js';
import { renderDocument } from '../../documents/render.js';
import type { ExportFile } from '../../http/send-file.js';
import { slugOf } from '../risks/report-service.js';
import { literacyRecordDocument } from './export.js';
import { loadLiteracyInputs, membersOf, personStatus, unitStatuses } from './status-data.js';

const today = () => officeToday();

/** Who is current, due or overdue: per unit (with its sub-units), for oneself, and as Art. 4 evidence of a system's unit. */
export class LiteracyStatusService {
  constructor(
    private readonly database: Database,
    /** The marking printed on every page of exported records (KONFORM_DEFAULT_MARKING). */
    private readonly marking: string | null = null,
  ) {}

  private get db() {
    return this.database.db;
  }

  async unit(actor: Actor, orgUnitId: string): Promise<UnitTrainingStatus> {
    const unit = await this.db.selectFrom('org_unit').select(['id', 'name']).where('id', '=', orgUnitId).executeTakeFirst();
    if (!unit) throw invalid('orgUnitId', 'Unknown organisational unit');
    await assertInScope(this.db, actor, 'training.read', orgUnitId);
    const inputs = await loadLiteracyInputs(this.db, null);
    const asOf = today();
    const users = unitStatuses(inputs, orgUnitId, asOf);
    const children = inputs.units.filter((u) => u.parentId === orgUnitId).sort((a, b) => a.name.localeCompare(b.name, 'de'));
    return {
      orgUnitId,
      orgUnitName: unit.name,
      asOf,
      summary: summariseTrainingStates(users.flatMap((u) => u.courses.map((c) => c.state))),
      users,
      units: children.map((child) => ({
        orgUnitId: child.id,
        name: child.name,
        summary: summariseTrainingStates(unitStatuses(inputs, child.id, asOf).flatMap((u) => u.courses.map((c) => c.state))),
      })),
    };
  }

  /** The signed-in user's own required courses, from all their roles. */
  async me(actor: Actor): Promise<MyTrainingStatus> {
    const asOf = today();
    if (actor.userId === null) throw notFound('User');
    const inputs = await loadLiteracyInputs(this.db, [actor.userId]);
    const person = inputs.people[0];
    if (person === undefined) return { userId: actor.userId, displayName: actor.label, courses: [], summary: summariseTrainingStates([]), asOf };
    return { ...personStatus(inputs, person, asOf), asOf };
  }

  /** The literacy of the unit an AI system belongs to, as read-only evidence on its Art. 4 matrix row. */
  async forSystem(actor: Actor, systemId: string): Promise<SystemLiteracyEvidence> {
    const system = await findSystem(this.db, systemId);
    if (!system) throw notFound('AI system');
    await assertInScope(this.db, actor, 'training.read', system.org_unit_id, system.id);
    const unit = await this.db.selectFrom('org_unit').select(['id', 'name']).where('id', '=', system.org_unit_id).executeTakeFirstOrThrow();
    const inputs = await loadLiteracyInputs(this.db, null);
    const asOf = today();
    const members = membersOf(inputs, unit.id);
    const states = members.flatMap((p) => personStatus(inputs, p, asOf, unit.id).courses.map((c) => c.state));
    return { systemId, orgUnitId: unit.id, orgUnitName: unit.name, asOf, summary: summariseTrainingStates(states) };
  }

  /** A unit's status as a record document (PDF, DOCX or Markdown), e.g. to file as evidence of Art. 4 measures. */
  async exportUnit(actor: Actor, query: LiteracyExportQuery): Promise<ExportFile> {
    const status = await this.unit(actor, query.orgUnitId);
    const rendered = await renderDocument(literacyRecordDocument(status, query.lang, this.marking), query.format);
    return { body: rendered.body, contentType: rendered.contentType, fileName: `konform-ki-kompetenz-${slugOf(status.orgUnitName)}-${status.asOf}.${rendered.extension}` };
  }
}
