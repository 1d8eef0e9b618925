import { randomUUID } from 'node:crypto';
import type { TestApp } from '../support/test-app.js';

/** Test setup shared by conformity.test.ts and changes.test.ts (records inserted as their modules would leave them). */

export async function makeHighRisk(t: TestApp, systemId: string) {
  await t.db.database.db.updateTable('ai_system').set({ risk_class: 'high', classification_status: 'approved' }).where('id', '=', systemId).execute();
}

/** An approved classification revision, so a substantial change has something to send back to review. */
export async function insertApprovedClassification(t: TestApp, systemId: string) {
  await t.db.database.db.insertInto('classification_revision').values({
    id: randomUUID(), system_id: systemId, number: 1, status: 'approved', facts: '{}', answers: '{}', note: '', result: '{}', risk_class: 'high',
    decided_by_id: null, decided_by_label: 'test', decided_at: new Date().toISOString(), state_hash: 'x', approval_signature_id: null,
  }).execute();
}

/** A released Annex IV version of the system, as the documents engine leaves it after release. */
export async function insertReleasedAnnexIv(t: TestApp, systemId: string, unit: string) {
  const db = t.db.database.db;
  const now = new Date().toISOString();
  const documentId = randomUUID();
  await db.insertInto('document').values({ id: documentId, type: 'annex-iv', system_id: systemId, model_version_id: null, org_unit_id: unit, title: 'Technische Dokumentation', locale: 'de', version: 1, created_at: now, updated_at: now, created_by_label: 'test' }).execute();
  await db.insertInto('document_version').values({
    id: randomUUID(), document_id: documentId, number: 1, status: 'released', inputs: '{}', completeness: '[]', files: '[]', manifest: null, manifest_signature: null, key_id: null,
    signoffs: '[]', authors: '[]', version: 1, created_at: now, created_by_label: 'test', submitted_at: now, submitted_by_label: 'test', released_at: now, released_by_label: 'test', retain_until: null, superseded_at: null,
  }).execute();
  return documentId;
}
