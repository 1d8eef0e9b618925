import type { CustodyEntry, CustodyState, Dataset, DatasetKind, DatasetVersion, Datasheet, Model, ModelKind, ModelVersion,VersionUsage } from '@konform/core';
import type { CustodyEventTable, TestItemTable } from '../../db/schema.js';
import type { VersionRow } from './repository.js';

/** What a list of versions says about its item: how many and the newest label. */
export interface VersionSummary {
  versionCount: number;
  latestVersion: string | null;
}

function presentItem(row: TestItemTable, summary: VersionSummary) {
  return {
    id: row.id,
    name: row.name,
    provider: row.provider,
    description: row.description,
    licence: row.licence,
    orgUnitId: row.org_unit_id,
    ...summary,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentModel(row: TestItemTable, summary: VersionSummary): Model {
  return { ...presentItem(row, summary), kind: row.kind as ModelKind, gpai: Number(row.gpai) === 1 };
}

export function presentDataset(row: TestItemTable, summary: VersionSummary): Dataset {
  return { ...presentItem(row, summary), kind: row.kind as DatasetKind };
}

export function presentModelVersion(row: VersionRow, usedBy: VersionUsage[]): ModelVersion {
  return {
    id: row.id,
    itemId: row.item_id,
    label: row.label,
    source: row.source,
    licence: row.licence,
    receivedOn: row.received_on,
    manifest: JSON.parse(row.manifest) as ModelVersion['manifest'],
    manifestDigest: row.manifest_digest,
    notes: row.notes,
    custodyState: row.custody_state as CustodyState,
    usedBy,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by_label,
  };
}

export function presentDatasetVersion(row: VersionRow, usedBy: VersionUsage[]): DatasetVersion {
  return { ...presentModelVersion(row, usedBy), datasheet: JSON.parse(row.datasheet ?? '{}') as Datasheet };
}

export function presentCustody(row: CustodyEventTable): CustodyEntry {
  return {
    id: row.id,
    versionId: row.version_id,
    seq: Number(row.seq),
    event: row.event as CustodyEntry['event'],
    at: row.occurred_at,
    by: row.actor,
    location: row.location,
    note: row.note,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by_label,
  };
}
