import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { diffRecords, type LabComparator, type Marking } from '@konform/core';
import type { DB, EvidenceTable } from '../../db/schema.js';
import type { DialectName } from '../../db/dialect.js';
import type { Actor } from '../../access/actor.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import * as evidenceRepo from '../evidence/repository.js';
import { auditView, evidenceSearchText, presentEvidence } from '../evidence/presenter.js';
import { linkChanges } from '../evidence/service.js';

/** A passing result of a run, with what the evidence record says about it. */
export interface PassingCase {
  key: string;
  name: string;
  metric: string;
  value: number;
  unit: string;
  comparator: LabComparator;
  threshold: number;
  requirementKeys: readonly string[];
}

export interface RunEvidenceInput {
  runId: string;
  runNumber: number;
  planName: string;
  systemId: string;
  verdict: string;
  /** Cases with a result in the run (passing or not). */
  resultCount: number;
  passing: readonly PassingCase[];
  /** The run page, absolute (KONFORM_PUBLIC_URL or the listen address). */
  url: string;
  owner: string;
  classification: Marking;
}

const number = (n: number) => String(Number(n.toPrecision(6)));

/** German, like the rest of the records a person reads in the matrix ("Prüflauf 12: Prüfplan X – bestanden (3 Prüffälle)"). */
function titleOf(input: RunEvidenceInput): string {
  const outcome = input.verdict === 'pass'
    ? `bestanden (${input.resultCount} ${input.resultCount === 1 ? 'Prüffall' : 'Prüffälle'})`
    : `${input.passing.length} von ${input.resultCount} Prüffällen bestanden`;
  return `Prüflauf ${input.runNumber}: ${input.planName} – ${outcome}`;
}

function descriptionOf(input: RunEvidenceInput): string {
  return [
    'Automatisch aus einem Prüflauf des Prüflabors erzeugt. Bestandene Prüffälle:',
    ...input.passing.map((c) => `- ${c.key} ${c.name}: ${c.metric} = ${number(c.value)}${c.unit ? ` ${c.unit}` : ''} (Kriterium ${c.comparator} ${number(c.threshold)}${c.unit ? ` ${c.unit}` : ''})`),
  ].join('\n');
}

/**
 * Makes the passing results of a run evidence on the system's requirement rows, inside the run's transaction: one
 * recorded link to the run page (evidence.lab_run_id set), linked to every requirement key of the passing cases, each
 * write with its audit event. Returns the evidence id, or null when no passing case names a requirement.
 */
export async function recordRunEvidence(trx: Transaction<DB>, dialect: DialectName, actor: Actor, input: RunEvidenceInput, now: string): Promise<string | null> {
  const keys = [...new Set(input.passing.flatMap((c) => c.requirementKeys))];
  if (keys.length === 0) return null;
  const fields = { title: titleOf(input), description: descriptionOf(input), owner: input.owner };
  const row: EvidenceTable = {
    id: randomUUID(), system_id: input.systemId, ...fields, valid_until: null, classification: input.classification, kind: 'link', url: input.url,
    search_text: evidenceSearchText(fields), version: 1, created_at: now, updated_at: now, created_by: actor.userId, created_by_label: actor.label, lab_run_id: input.runId,
  };
  await evidenceRepo.insertEvidence(trx, row);
  await appendAuditEvent(trx, dialect, actor, {
    action: 'evidence.create', entityType: 'evidence', entityId: row.id,
    changes: diffRecords(null, { ...auditView(presentEvidence(row, null)), labRunId: input.runId }),
  }, now);
  for (const key of keys) {
    const link = { id: randomUUID(), evidence_id: row.id, system_id: input.systemId, requirement_key: key, measure_id: null, created_at: now, created_by: actor.userId, created_by_label: actor.label };
    await evidenceRepo.insertLink(trx, link);
    await appendAuditEvent(trx, dialect, actor, { action: 'evidence.link', entityType: 'evidence', entityId: row.id, changes: linkChanges(link, 'added') }, now);
  }
  return row.id;
}

/** Removes every use of a superseded run's evidence (the record stays, pointing at the superseded run), audited. */
export async function unlinkRunEvidence(trx: Transaction<DB>, dialect: DialectName, actor: Actor, evidenceId: string, reason: string, now: string): Promise<void> {
  for (const link of await evidenceRepo.linksOf(trx, evidenceId)) {
    await evidenceRepo.deleteLink(trx, link.id);
    await appendAuditEvent(trx, dialect, actor, { action: 'evidence.unlink', entityType: 'evidence', entityId: evidenceId, changes: linkChanges(link, 'removed'), reason }, now);
  }
}
