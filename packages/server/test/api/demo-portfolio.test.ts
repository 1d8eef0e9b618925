import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, LabEnvironmentListQuery, LabGateListQuery, LabMethodListQuery, officeToday } from '@konform/core';
import { loadDemo } from '../../src/demo/load-demo.js';
import { DEMO_SYSTEMS } from '../../src/demo/portfolio.js';
import { verifyAuditChain } from '../../src/audit/audit-log.js';
import { systemActor } from '../../src/access/actor.js';
import { createServices } from '../../src/app.js';
import { labEnvironmentOccasions } from '../../src/jobs/reminder-sources/lab-environments.js';
import { createTestDatabase } from '../support/database.js';

const count = (rows: { n: number | string | bigint }[]) => Number(rows[0]!.n);

describe('demo portfolio', () => {
  it('loads units, users, systems, the quality-management areas and the test lab through the services, with an intact audit chain, and only once', async () => {
    const db = await createTestDatabase();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'konform-demo-'));
    const files = { dataDir, keyDir: path.join(dataDir, 'keys') };
    try {
      const result = await loadDemo(db.database, 'Demo-Passwort-2026!', files);
      expect(result.created).toBe(true);
      const k = db.database.db;
      const systems = await k.selectFrom('ai_system').select('name').execute();
      const units = await k.selectFrom('org_unit').select('name').execute();
      expect(units.length).toBeGreaterThanOrEqual(1);
      expect(systems.length).toBe(DEMO_SYSTEMS.length);
      expect((await verifyAuditChain(k)).ok).toBe(true);

      const today = officeToday();
      // Non-conformities in different states, written step by step (one audit event per step).
      const ncs = await k.selectFrom('nonconformity').select(['title', 'status', 'actions', 'verification', 'implemented_by']).orderBy('title').execute();
      expect(ncs.map((n) => n.status).sort()).toEqual(['actions-planned', 'analysed', 'closed', 'open']);
      const closed = ncs.find((n) => n.status === 'closed')!;
      expect(JSON.parse(closed.verification!)).toMatchObject({ effective: true });
      expect(JSON.parse(closed.verification!).by).not.toBe(closed.implemented_by);
      const planned = JSON.parse(ncs.find((n) => n.status === 'actions-planned')!.actions) as { ownerId: string | null; dueDate: string; done: boolean }[];
      expect(planned.every((a) => a.ownerId !== null && !a.done)).toBe(true);
      expect(planned.some((a) => a.dueDate < today)).toBe(true);
      const steps = await k.selectFrom('audit_event').select(k.fn.countAll().as('n')).where('action', '=', 'nonconformity.transition').execute();
      expect(count(steps)).toBe(5 + 2 + 1);

      // Tasks with owners and due dates: some overdue, some due within three days, one done.
      const tasks = await k.selectFrom('task').select(['record_type', 'owner_id', 'due_date', 'status']).execute();
      expect(tasks.length).toBe(10);
      expect(new Set(tasks.map((t) => t.record_type))).toEqual(new Set(['risk', 'requirement', 'system', 'fria']));
      expect(tasks.every((t) => t.owner_id !== null && t.due_date !== null)).toBe(true);
      const open = tasks.filter((t) => t.status !== 'done');
      expect(open.filter((t) => t.due_date! < today).length).toBeGreaterThanOrEqual(3);
      expect(open.filter((t) => t.due_date! >= today && t.due_date! <= addCalendarDays(today, 3)).length).toBeGreaterThanOrEqual(3);
      expect(tasks.filter((t) => t.status === 'done')).toHaveLength(1);

      // AIMS documents: released policy, objectives in review, procedure as draft, management review overdue.
      const docs = await k.selectFrom('qms_document').select(['kind', 'released_number', 'working_state', 'next_review']).execute();
      const byKind = Object.fromEntries(docs.map((d) => [d.kind, d]));
      expect(byKind.policy).toMatchObject({ released_number: 1, working_state: null });
      expect(byKind.objectives).toMatchObject({ released_number: null, working_state: 'in-review' });
      expect(byKind.procedure).toMatchObject({ released_number: null, working_state: 'draft' });
      expect(Number(byKind['management-review']!.released_number)).toBe(1);
      expect(byKind['management-review']!.next_review! < today).toBe(true);
      const services = createServices(db.database);
      const releases = await k.selectFrom('signature').select(['id', 'signer_id']).where('entity_type', '=', 'qms_document_version').execute();
      expect(releases).toHaveLength(2);
      for (const s of releases) expect((await services.signatures.verify(systemActor(), s.id)).ok).toBe(true);
      const coverage = await services.qmsDocuments.coverage(systemActor(), {});
      expect(coverage.overdue.map((d) => d.kind)).toEqual(['management-review']);

      // AI literacy: three courses, requirements per role, completions current, due and overdue.
      expect(count(await k.selectFrom('training_course').select(k.fn.countAll().as('n')).execute())).toBe(3);
      expect(count(await k.selectFrom('training_requirement').select(k.fn.countAll().as('n')).execute())).toBe(11);
      expect(count(await k.selectFrom('training_record').select(k.fn.countAll().as('n')).execute())).toBe(15);
      const root = await k.selectFrom('org_unit').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
      const literacy = await services.literacyStatus.unit(systemActor(), root.id);
      expect(literacy.summary.current).toBeGreaterThan(0);
      expect(literacy.summary.due).toBeGreaterThan(0);
      expect(literacy.summary.overdue).toBeGreaterThan(0);

      // Suppliers: contracts and products, an assessment whose finding became a risk, owed documents of the high-risk system.
      const vendors = await k.selectFrom('vendor').select(['name', 'contracts', 'products']).execute();
      expect(vendors.filter((v) => v.contracts !== '[]' && v.products !== '[]')).toHaveLength(5);
      const assessment = await k.selectFrom('vendor_assessment').select(['findings', 'result']).executeTakeFirstOrThrow();
      const findings = JSON.parse(assessment.findings) as { riskId: string | null }[];
      expect(findings.filter((f) => f.riskId !== null)).toHaveLength(1);
      const findingRisk = await k.selectFrom('risk').select(['source_id']).where('id', '=', findings.find((f) => f.riskId)!.riskId!).executeTakeFirstOrThrow();
      expect(findingRisk.source_id).toBe('harm-discrimination');
      const docsOwed = await k.selectFrom('supplier_document').select(['kind', 'status', 'due_date']).execute();
      expect(docsOwed.filter((d) => d.status === 'received').length).toBeGreaterThanOrEqual(1);
      expect(docsOwed.filter((d) => d.status === 'missing' && d.due_date! < today)).toHaveLength(1);
      expect(count(await k.selectFrom('risk').select(k.fn.countAll().as('n')).execute())).toBe(4);

      // Test lab: models and datasets with versions (manifests of SHA-256 digests), datasheets and chains of custody.
      const models = await k.selectFrom('model').select(['name', 'kind', 'gpai']).execute();
      expect(models.map((m) => m.kind).sort()).toEqual(['classifier', 'llm', 'speech-recognition']);
      expect(models.filter((m) => Number(m.gpai) === 1).map((m) => m.kind)).toEqual(['llm']);
      const modelVersions = await k.selectFrom('model_version').select(['label', 'manifest', 'manifest_digest', 'custody_state']).execute();
      const datasetVersions = await k.selectFrom('dataset_version').select(['label', 'manifest', 'manifest_digest', 'custody_state', 'datasheet']).execute();
      expect(modelVersions).toHaveLength(4);
      expect(count(await k.selectFrom('dataset').select(k.fn.countAll().as('n')).execute())).toBe(2);
      expect(datasetVersions).toHaveLength(3);
      for (const v of [...modelVersions, ...datasetVersions]) {
        expect(v.manifest_digest).toMatch(/^[0-9a-f]{64}$/);
        const files = JSON.parse(v.manifest) as { sha256: string }[];
        expect(files.length).toBeGreaterThanOrEqual(3);
        expect(files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
      }
      for (const v of datasetVersions) {
        const sheet = JSON.parse(v.datasheet) as { personalData: boolean; legalBasis: string; gapsAndBiases: string; collectionFrom: string; collectionTo: string };
        expect(sheet).toMatchObject({ personalData: true });
        expect(sheet.legalBasis).toContain('§ 3 BDSG');
        expect(sheet.gapsAndBiases).not.toBe('');
        expect(sheet.collectionFrom < sheet.collectionTo && sheet.collectionTo < today).toBe(true);
      }
      expect(modelVersions.find((v) => v.label === '4.3.1')!.custody_state).toBe('released-to-run');
      expect(datasetVersions.find((v) => v.label === '1.1')!.custody_state).toBe('released-to-run');
      expect([...modelVersions, ...datasetVersions].every((v) => v.custody_state !== 'none')).toBe(true);
      const custody = await k.selectFrom('custody_event').select(['event', 'location']).execute();
      expect(custody).toHaveLength(16);
      expect(custody.filter((e) => e.event === 'stored').every((e) => e.location !== '')).toBe(true);

      // The systems name the versions they use.
      expect(count(await k.selectFrom('system_item_set').select(k.fn.countAll().as('n')).execute())).toBe(3);
      const transcription = await k.selectFrom('ai_system').select('id').where('name', '=', 'Transkription von TKÜ-Audiodaten').executeTakeFirstOrThrow();
      const used = await services.systemItems.get(systemActor(), transcription.id);
      expect(used.items.map((i) => `${i.type} ${i.itemName} ${i.versionLabel} ${i.role}`).sort()).toEqual([
        'dataset Prüfkorpus Sprachaufnahmen 1.1 test',
        'model Spracherkennung HWS-ASR 4.3.1 in-operation',
      ]);

      // Evaluation methods, validated, with authorised staff; one environment verified, one expired (and reminded of).
      const methods = await services.labMethods.list(systemActor(), LabMethodListQuery.parse({}));
      expect(methods.items.map((m) => m.harness).sort()).toEqual(['lm-evaluation-harness', 'own-script']);
      expect(methods.items.every((m) => m.status === 'validated' && m.authorisedCount === 1)).toBe(true);
      const labUser = await k.selectFrom('app_user').select('id').where('email', '=', 'prueflabor@bds.demo').executeTakeFirstOrThrow();
      for (const m of methods.items) expect(await services.labMethods.canRecordRuns(labUser.id, m.id)).toBe(true);
      const environments = await services.labEnvironments.list(systemActor(), LabEnvironmentListQuery.parse({}));
      expect(environments.items.map((e) => e.status).sort()).toEqual(['expired', 'verified']);
      expect(environments.items.find((e) => e.status === 'verified')!.expiresSoon).toBe(false);
      const occasions = await labEnvironmentOccasions(db.database, new Date());
      expect(occasions.map((o) => o.kind)).toEqual(['lab-environment-expired']);
      // Plans with runs (one failing, one corrected by an amendment) and gates: one released by lab and coordination, one not releasable.
      const runs = await k.selectFrom('lab_run').select(['verdict', 'amends_run_id', 'superseded_by_run_id']).orderBy('number').execute();
      expect(runs.map((r) => [r.verdict, r.amends_run_id !== null, r.superseded_by_run_id !== null])).toEqual([['fail', false, true], ['pass', true, false], ['fail', false, false]]);
      const gates = (await services.labGates.list(systemActor(), LabGateListQuery.parse({}))).items;
      expect(gates.map((g) => g.status).sort()).toEqual(['open', 'released']);
      const released = await services.labGates.get(systemActor(), gates.find((g) => g.status === 'released')!.id);
      expect([released.passed, released.signoffs.map((s) => s.role)]).toEqual([true, ['lab', 'governance']]);
      expect((await services.labGates.get(systemActor(), gates.find((g) => g.status === 'open')!.id)).passed).toBe(false);

      // Generated documents: the technical documentation released by four eyes, a decision paper and a model card as drafts.
      const documents = await k.selectFrom('document').innerJoin('document_version', 'document_version.document_id', 'document.id')
        .select(['document.type', 'document.title', 'document_version.status', 'document_version.signoffs']).orderBy('document.type').execute();
      expect(documents.map((d) => [d.type, d.status])).toEqual([['annex-iv', 'released'], ['decision-paper', 'draft'], ['model-card', 'draft']]);
      expect(documents.find((d) => d.type === 'model-card')!.title).toBe('Modellkarte – Spracherkennung HWS-ASR 4.3.1');
      const annexSignoffs = JSON.parse(documents.find((d) => d.type === 'annex-iv')!.signoffs) as { signatureId: string; meaning: string }[];
      expect(annexSignoffs.map((s) => s.meaning)).toEqual(['reviewed', 'released']);
      for (const s of annexSignoffs) expect((await services.signatures.verify(systemActor(), s.signatureId)).ok).toBe(true);
      expect(result.summary).toContain('Generated documents: 3 documents with 18 section texts, 3 frozen versions, 1 releases added.');
      expect((await verifyAuditChain(k)).ok).toBe(true);

      // A second run changes nothing.
      const events = count(await k.selectFrom('audit_event').select(k.fn.countAll().as('n')).execute());
      expect((await loadDemo(db.database, undefined, files)).created).toBe(false);
      expect(count(await k.selectFrom('audit_event').select(k.fn.countAll().as('n')).execute())).toBe(events);

      // An interrupted load is completed by running it again.
      // (a system without a classification or other records, so nothing refers to it)
      await k.deleteFrom('ai_system').where('name', '=', 'Anomalieerkennung im Netzverkehr').execute();
      await k.deleteFrom('task').where('title', '=', 'Prüfdatensatz um Bilder aktueller Generatoren ergänzen').execute();
      const resumed = await loadDemo(db.database);
      expect(resumed.summary).toContain('0 organisational units, 0 users, 1 AI systems, 0 classifications added');
      expect(resumed.summary).toContain('0 risks, 0 non-conformities, 1 tasks, 0 AIMS documents');
      expect(resumed.summary).toContain('Test lab: 0 models, 0 datasets, 0 versions with 0 custody events, 0 system links');
      const statuses = await k.selectFrom('ai_system').select('classification_status').execute();
      expect(new Set(statuses.map((s) => s.classification_status))).toEqual(new Set(['none', 'draft', 'approved', 'needs-review']));
    } finally {
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

