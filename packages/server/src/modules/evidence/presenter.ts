import type { Selectable } from 'kysely';
import type { Evidence, EvidenceLink, EvidenceVersion, Marking } from '@konform/core';
import type { EvidenceLinkTable, EvidenceTable, EvidenceVersionTable } from '../../db/schema.js';

type VersionRow = Selectable<EvidenceVersionTable>;

export function presentVersion(row: VersionRow): EvidenceVersion {
  return {
    number: Number(row.number),
    sha256: row.sha256,
    size: Number(row.size),
    filename: row.filename,
    contentType: row.content_type,
    uploadedAt: row.uploaded_at,
    uploadedBy: { id: row.uploaded_by, label: row.uploaded_by_label },
  };
}

export function presentEvidence(row: EvidenceTable, latest: VersionRow | null | undefined): Evidence {
  return {
    id: row.id,
    systemId: row.system_id,
    title: row.title,
    description: row.description,
    owner: row.owner,
    validUntil: row.valid_until,
    classification: row.classification as Marking,
    kind: row.kind as Evidence['kind'],
    url: row.url,
    latestVersion: latest ? presentVersion(latest) : null,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: { id: row.created_by, label: row.created_by_label },
    labRunId: row.lab_run_id ?? null,
  };
}

export function presentLink(row: EvidenceLinkTable): EvidenceLink {
  return {
    id: row.id,
    evidenceId: row.evidence_id,
    systemId: row.system_id,
    requirementKey: row.requirement_key,
    measureId: row.measure_id,
    createdAt: row.created_at,
    createdBy: { id: row.created_by, label: row.created_by_label },
  };
}

/** What the audit log records of evidence metadata (bookkeeping left out). */
export function auditView(e: Evidence) {
  return { systemId: e.systemId, title: e.title, description: e.description, owner: e.owner, validUntil: e.validUntil, classification: e.classification, kind: e.kind, url: e.url };
}

/** What the audit log records of a file version. */
export function versionAuditChanges(v: EvidenceVersion) {
  return [
    { field: 'fileVersion', before: null, after: v.number },
    { field: 'filename', before: null, after: v.filename },
    { field: 'sha256', before: null, after: v.sha256 },
    { field: 'size', before: null, after: v.size },
    { field: 'contentType', before: null, after: v.contentType },
  ];
}

/** The lower-cased text the evidence search matches against. */
export function evidenceSearchText(e: Pick<EvidenceTable, 'title' | 'description' | 'owner'>): string {
  return [e.title, e.owner, e.description.slice(0, 2000)].join('\n').toLocaleLowerCase('de');
}
