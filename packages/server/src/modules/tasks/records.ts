import type { Kysely } from 'kysely';
import { Id, type TaskRecordType } from '@konform/core';
import type { DB } from '../../db/schema.js';
import type { CatalogRegistry } from '../../catalogs/registry.js';
import { invalid } from '../../http/errors.js';
import { findSystem } from '../systems/repository.js';
import { findSystemMeasure } from '../requirements/repository.js';
import { evidenceByIds, nonconformitiesByIds, risksByIds, type TaskRow } from './repository.js';

type Db = Kysely<DB>;
type Localised = { de: string; en: string };

export interface RecordRef {
  recordType: TaskRecordType;
  recordId: string;
  systemId?: string | undefined;
}

/** The record a task belongs to, as far as access and storage need it. */
export interface ResolvedRecord {
  recordType: TaskRecordType;
  recordId: string;
  systemId: string | null;
  orgUnitId: string;
  /** The record's AI system is archived: no new tasks there. */
  archived: boolean;
}

const FRIA_LABEL: Localised = { de: 'Grundrechte-Folgenabschätzung (FRIA)', en: 'Fundamental rights impact assessment (FRIA)' };

/**
 * Checks that the record exists and derives its unit (the system's; an organisation-wide non-conformity's own).
 * Bad references are field errors (400) on `recordId` or `systemId`, never a 500.
 */
export async function resolveRecord(db: Db, registry: CatalogRegistry, ref: RecordRef): Promise<ResolvedRecord> {
  const { recordType, recordId } = ref;
  const uuid = () => {
    if (!Id.safeParse(recordId).success) throw invalid('recordId', `A ${recordType} is named by its id (a UUID)`);
  };
  const system = async (id: string, field: 'recordId' | 'systemId') => {
    const row = await findSystem(db, id);
    if (!row) throw invalid(field, 'Unknown AI system');
    return row;
  };
  const matches = (systemId: string | null) => {
    if (ref.systemId !== undefined && ref.systemId !== systemId) throw invalid('systemId', `The ${recordType} belongs to another AI system`);
  };
  const ofSystem = async (systemId: string) => {
    const s = await system(systemId, 'systemId');
    return { recordType, recordId, systemId: s.id, orgUnitId: s.org_unit_id, archived: s.archived_at !== null };
  };

  switch (recordType) {
    case 'system':
    case 'fria': {
      uuid();
      matches(recordId);
      const s = await system(recordId, 'recordId');
      return { recordType, recordId, systemId: s.id, orgUnitId: s.org_unit_id, archived: s.archived_at !== null };
    }
    case 'requirement': {
      if (ref.systemId === undefined) throw invalid('systemId', 'A requirement row needs its AI system');
      const entry = registry.requirement(recordId);
      if (!entry || entry.requirement.kind !== 'requirement') throw invalid('recordId', 'Unknown requirement (expected catalogId:requirementId)');
      return ofSystem(ref.systemId);
    }
    case 'measure': {
      if (ref.systemId === undefined) throw invalid('systemId', 'An applied measure needs its AI system');
      const resolved = await ofSystem(ref.systemId);
      if (!(await findSystemMeasure(db, ref.systemId, recordId))) throw invalid('recordId', 'The measure is not applied to this AI system');
      return resolved;
    }
    case 'risk': {
      uuid();
      const [risk] = await risksByIds(db, [recordId]);
      if (!risk) throw invalid('recordId', 'Unknown risk');
      matches(risk.system_id);
      return ofSystem(risk.system_id);
    }
    case 'evidence': {
      uuid();
      const [evidence] = await evidenceByIds(db, [recordId]);
      if (!evidence) throw invalid('recordId', 'Unknown evidence');
      matches(evidence.system_id);
      return ofSystem(evidence.system_id);
    }
    case 'nonconformity': {
      uuid();
      const [nc] = await nonconformitiesByIds(db, [recordId]);
      if (!nc) throw invalid('recordId', 'Unknown non-conformity');
      if (nc.system_id === null) {
        if (ref.systemId !== undefined) throw invalid('systemId', 'The non-conformity is organisation-wide');
        return { recordType, recordId, systemId: null, orgUnitId: nc.org_unit_id, archived: false };
      }
      matches(nc.system_id);
      return ofSystem(nc.system_id);
    }
  }
}

/** How each task's record reads in a list, for a page of tasks: a handful of queries, never one per task. */
export async function recordLabels(db: Db, registry: CatalogRegistry, rows: readonly TaskRow[]): Promise<Map<string, Localised>> {
  const ids = (type: TaskRecordType) => [...new Set(rows.filter((r) => r.record_type === type).map((r) => r.record_id))];
  const [risks, evidence, ncs] = await Promise.all([risksByIds(db, ids('risk')), evidenceByIds(db, ids('evidence')), nonconformitiesByIds(db, ids('nonconformity'))]);
  const same = (text: string): Localised => ({ de: text, en: text });
  const byId = new Map<string, Localised>([
    ...risks.map((r) => [r.id, same(`R-${r.number} ${r.title}`)] as const),
    ...evidence.map((e) => [e.id, same(e.title)] as const),
    ...ncs.map((n) => [n.id, same(n.title)] as const),
  ]);
  const labels = new Map<string, Localised>();
  for (const row of rows) {
    let label: Localised;
    switch (row.record_type as TaskRecordType) {
      case 'system':
        label = same(row.system_name ?? row.record_id);
        break;
      case 'fria':
        label = FRIA_LABEL;
        break;
      case 'requirement': {
        const r = registry.requirement(row.record_id)?.requirement;
        label = r ? { de: `${r.ref} – ${r.title.de}`, en: `${r.ref} – ${r.title.en}` } : same(row.record_id);
        break;
      }
      case 'measure': {
        const m = registry.measure(row.record_id);
        label = m ? m.title : same(row.record_id);
        break;
      }
      default:
        label = byId.get(row.record_id) ?? same(row.record_id);
    }
    labels.set(row.id, label);
  }
  return labels;
}
