import { randomUUID } from 'node:crypto';
import { CUSTODY_NEEDS_LOCATION, custodyStepProblem, diffRecords, type CustodyEntry, type CustodyEventCreate, type CustodyState, type TestItemType } from '@konform/core';
import type { Database } from '../../db/database.js';
import type { CustodyEventTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { HttpProblem, invalid, notFound } from '../../http/errors.js';
import { presentCustody } from './presenter.js';
import * as repo from './repository.js';
import { versionEntity } from './service.js';

/** Clocks of the recording client and the server may differ a little. */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * The chain of custody of a model or dataset version (ISO/IEC 17025 7.4): an append-only list of events whose order
 * the rules in core check (`custodyStepProblem`); the version row mirrors the last event as its custody state.
 */
export class CustodyService {
  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.db;
  }

  private async version(type: TestItemType, itemId: string, versionId: string, actor: Actor, permission: 'model.read' | 'model.edit', db = this.db) {
    const item = await repo.findItem(db, type, itemId);
    if (!item) throw notFound(type === 'model' ? 'Model' : 'Dataset');
    await assertInScope(db, actor, permission, item.org_unit_id);
    return item;
  }

  async list(actor: Actor, type: TestItemType, itemId: string, versionId: string): Promise<{ state: CustodyState; items: CustodyEntry[] }> {
    await this.version(type, itemId, versionId, actor, 'model.read');
    const version = await repo.findVersion(this.db, type, itemId, versionId);
    if (!version) throw notFound('Version');
    return { state: version.custody_state as CustodyState, items: (await repo.custodyOf(this.db, versionId)).map(presentCustody) };
  }

  async record(actor: Actor, type: TestItemType, itemId: string, versionId: string, input: CustodyEventCreate): Promise<CustodyEntry> {
    const now = new Date();
    const recordedAt = now.toISOString();
    const at = input.at ? new Date(input.at).toISOString() : recordedAt;
    if (Date.parse(at) > now.getTime() + FUTURE_TOLERANCE_MS) throw invalid('at', 'The time lies in the future');
    const location = input.location?.trim() ?? '';
    if (CUSTODY_NEEDS_LOCATION.includes(input.event) && location === '') throw invalid('location', 'Say where the item is kept');
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      await this.version(type, itemId, versionId, actor, 'model.edit', trx);
      const version = await repo.findVersionForUpdate(trx, this.database.dialect, type, itemId, versionId);
      if (!version) throw notFound('Version');
      const state = version.custody_state as CustodyState;
      const problem = custodyStepProblem(state, input.event);
      if (problem) throw new HttpProblem(409, 'invalid-custody-order', problem, [{ path: 'event', message: problem }]);
      const events = await repo.custodyOf(trx, versionId);
      const last = events[events.length - 1];
      if (last && Date.parse(at) < Date.parse(last.occurred_at)) throw invalid('at', `The previous event (${last.event}) happened later`);
      const row: CustodyEventTable = {
        id, item_type: type, version_id: versionId, seq: (last ? Number(last.seq) : 0) + 1, event: input.event, occurred_at: at,
        actor: input.by?.trim() || actor.label, location, note: input.note ?? '', recorded_at: recordedAt, recorded_by_label: actor.label,
      };
      await repo.insertCustody(trx, row);
      if (!(await repo.updateVersion(trx, type, versionId, Number(version.version), { custody_state: input.event, version: Number(version.version) + 1, updated_at: recordedAt }))) {
        throw new HttpProblem(409, 'version-conflict', 'Another custody event was recorded at the same time; reload and try again');
      }
      const { id: _id, versionId: _v, recordedAt: _r, recordedBy: _b, ...entry } = presentCustody(row);
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: `${versionEntity(type)}.custody`, entityType: versionEntity(type), entityId: versionId,
        changes: [...diffRecords({ custodyState: state }, { custodyState: input.event }), ...diffRecords(null, entry)],
      }, recordedAt);
    });
    const saved = await repo.custodyOf(this.db, versionId);
    return presentCustody(saved.find((e) => e.id === id)!);
  }
}
