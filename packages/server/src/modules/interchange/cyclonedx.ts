import { createHash, randomUUID } from 'node:crypto';
import {
  CYCLONEDX_EXPORT_VERSION,
  buildCycloneDxBom,
  canonicalManifest,
  checkCycloneDxBom,
  diffRecords,
  manifestDigest,
  officeToday,
  readCycloneDxBom,
  type BomDataset,
  type BomItem,
  type BomMetric,
  type BomModel,
  type CycloneDxImportResult,
  type CycloneDxImportedItem,
  type ManifestEntry,
  type TestItemType,
} from '@konform/core';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB, TestItemTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope, inScope, unitScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { HttpProblem, invalid, notFound } from '../../http/errors.js';
import { findSystem } from '../systems/repository.js';
import { listRisksOfSystem } from '../risks/repository.js';
import * as items from '../models/repository.js';
import { parseJsonText } from '../lab/formats/imported.js';
import { cycloneDxSchemaProblems, isSchemaVersion } from './cyclonedx-schema.js';

const parseList = (json: string): string[] => {
  const value = JSON.parse(json) as unknown;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
};

/** The metrics the lab measured for a version: results of current (not superseded) runs that used it. */
async function measuredMetrics(db: Kysely<DB>, versionId: string): Promise<BomMetric[]> {
  const rows = await db
    .selectFrom('lab_run_result')
    .innerJoin('lab_run', 'lab_run.id', 'lab_run_result.run_id')
    .innerJoin('lab_test_case', 'lab_test_case.id', 'lab_run_result.test_case_id')
    .select(['lab_run.number', 'lab_run.items', 'lab_test_case.key', 'lab_run_result.metric', 'lab_run_result.value', 'lab_run_result.unit', 'lab_run_result.ci_lower', 'lab_run_result.ci_upper'])
    .where('lab_run.superseded_by_run_id', 'is', null)
    .where('lab_run.items', 'like', `%${versionId}%`)
    .orderBy('lab_run.number')
    .orderBy('lab_test_case.position')
    .execute();
  return rows
    .filter((r) => (JSON.parse(r.items) as { versionId: string }[]).some((i) => i.versionId === versionId))
    .map((r) => ({
      name: r.metric, value: Number(r.value), unit: r.unit, ciLower: r.ci_lower === null ? null : Number(r.ci_lower), ciUpper: r.ci_upper === null ? null : Number(r.ci_upper),
      slice: `Prüflauf ${r.number}, ${r.key}`,
    }));
}

/**
 * A version's manifest when the BOM names one: the component's SHA-256 hashes (one entry per hash, named after the
 * component). Without hashes the BOM entry itself is the recorded file: `cyclonedx/<name>.json` with the SHA-256 of
 * the component as it stands in the BOM, so a changed component is a new version, never a silent change.
 */
function manifestOf(item: BomItem, component: unknown): ManifestEntry[] {
  const base = item.name.replace(/[^A-Za-z0-9._-]+/g, '_') || 'component';
  if (item.sha256.length > 0) return item.sha256.map((sha256, i) => ({ path: item.sha256.length === 1 ? base : `${base}.${i + 1}`, sha256 }));
  return [{ path: `cyclonedx/${base}.json`, sha256: createHash('sha256').update(JSON.stringify(component)).digest('hex') }];
}

function componentAt(doc: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), doc);
}

/**
 * CycloneDX ML-BOMs: GET /api/systems/{id}/cyclonedx writes a system's models and datasets (spec 1.6, checked
 * before it is served); POST /api/interchange/cyclonedx records the models and datasets of a BOM (1.5–1.7) in one
 * transaction, matching existing records of the unit by name and versions by label.
 */
export class CycloneDxService {
  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.db;
  }

  async export(actor: Actor, systemId: string): Promise<{ filename: string; bom: Record<string, unknown> }> {
    const system = await findSystem(this.db, systemId);
    if (!system) throw notFound('AI system');
    await assertInScope(this.db, actor, 'system.read', system.org_unit_id, systemId);
    const [links, modelScope, riskScope] = await Promise.all([items.linksOf(this.db, systemId), unitScope(this.db, actor, 'model.read'), unitScope(this.db, actor, 'risk.read')]);
    // Only versions the reader may read as models and datasets; others are left out of the BOM.
    const readable = async (type: TestItemType) => {
      const mine = links.filter((l) => l.item_type === type);
      const known = await items.versionsWithItems(this.db, type, mine.map((l) => l.version_id));
      const out: { role: string; item: TestItemTable; version: items.VersionRow }[] = [];
      for (const link of mine) {
        const v = known.find((k) => k.id === link.version_id);
        if (!v || !inScope(modelScope, v.org_unit_id)) continue;
        const [item, version] = await Promise.all([items.findItem(this.db, type, v.item_id), items.findVersion(this.db, type, v.item_id, v.id)]);
        if (item && version) out.push({ role: link.role, item, version });
      }
      return out;
    };
    const datasets: BomDataset[] = (await readable('dataset')).map(({ role, item, version }) => {
      const sheet = JSON.parse(version.datasheet ?? '{}') as { personalData?: boolean };
      return {
        versionId: version.id, name: item.name, provider: item.provider, label: version.label, licence: version.licence || item.licence, description: item.description,
        source: version.source, manifestDigest: version.manifest_digest, personalData: typeof sheet.personalData === 'boolean' ? sheet.personalData : null, role,
      };
    });
    const models: BomModel[] = [];
    for (const { role, item, version } of await readable('model')) {
      models.push({
        versionId: version.id, name: item.name, provider: item.provider, kind: item.kind, label: version.label, licence: version.licence || item.licence,
        description: item.description, source: version.source, manifestDigest: version.manifest_digest, gpai: Number(item.gpai) === 1, role,
        metrics: await measuredMetrics(this.db, version.id),
      });
    }
    // The risk register becomes the models' considerations, for readers of risks only.
    const risks = inScope(riskScope, system.org_unit_id)
      ? (await listRisksOfSystem(this.db, systemId)).filter((r) => r.status !== 'closed').map((r) => ({ title: r.title, description: r.description, measures: parseList(r.measures), affectedGroups: r.affected_groups }))
      : [];
    const bom = buildCycloneDxBom({
      serialNumber: `urn:uuid:${randomUUID()}`,
      timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      system: { id: system.id, name: system.name, purpose: system.purpose, description: system.description, version: String(system.version) },
      models, datasets, risks,
    });
    // A BOM that fails Konform's check or the official schema is a defect in Konform, not in the request; it is never served.
    const own = checkCycloneDxBom(bom, { accept: [CYCLONEDX_EXPORT_VERSION], strict: true });
    const problems = own.length > 0 || !isSchemaVersion(CYCLONEDX_EXPORT_VERSION) ? own : cycloneDxSchemaProblems(bom, CYCLONEDX_EXPORT_VERSION);
    if (problems.length > 0) throw new HttpProblem(500, 'export-invalid', `The BOM Konform wrote does not match the CycloneDX ${CYCLONEDX_EXPORT_VERSION} schema; please report this`, problems);
    const safe = (system.short_name || system.name).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'system';
    return { filename: `${safe}.cdx.json`, bom };
  }

  async import(actor: Actor, orgUnitId: string, text: string): Promise<CycloneDxImportResult> {
    const parsed = parseJsonText(text);
    if (!parsed.ok) throw new HttpProblem(400, 'validation', 'The BOM is not valid JSON', parsed.problems);
    const problems = checkCycloneDxBom(parsed.value);
    if (problems.length > 0) throw new HttpProblem(400, 'validation', 'The BOM is not a valid CycloneDX 1.5–1.7 document', problems);
    const doc = parsed.value as Record<string, unknown>;
    // Konform's check passed, so specVersion is one of the versions with a bundled schema: the official schema decides the rest.
    const official = isSchemaVersion(doc.specVersion) ? cycloneDxSchemaProblems(doc, doc.specVersion) : [];
    if (official.length > 0) throw new HttpProblem(400, 'validation', `The BOM does not match the CycloneDX ${String(doc.specVersion)} schema`, official);
    const reading = readCycloneDxBom(doc);
    if (reading.items.length === 0) throw new HttpProblem(400, 'validation', 'The BOM lists no model and no dataset', [{ path: 'components', message: 'No component of type machine-learning-model or data' }]);
    const now = new Date().toISOString();
    const results: CycloneDxImportedItem[] = [];
    await this.db.transaction().execute(async (trx) => {
      const unit = await trx.selectFrom('org_unit').select('id').where('id', '=', orgUnitId).executeTakeFirst();
      if (!unit) throw invalid('orgUnitId', 'Unknown organisational unit');
      await assertInScope(trx, actor, 'model.edit', orgUnitId);
      const done = new Set<string>();
      for (const item of reading.items) {
        // A dataset several models describe inline is recorded once.
        const key = `${item.type}\u0000${item.name}\u0000${item.label ?? ''}`;
        if (done.has(key)) continue;
        done.add(key);
        results.push(await this.record(trx, actor, orgUnitId, item, componentAt(doc, item.path), reading.serialNumber, now));
      }
    });
    return { specVersion: reading.specVersion, serialNumber: reading.serialNumber, items: results, ignored: reading.ignored };
  }

  private async record(trx: Transaction<DB>, actor: Actor, orgUnitId: string, item: BomItem, component: unknown, serial: string | null, now: string): Promise<CycloneDxImportedItem> {
    const dialect = this.database.dialect;
    const existing = await trx.selectFrom(item.type as 'model').selectAll().where('org_unit_id', '=', orgUnitId).where('name', '=', item.name).orderBy('created_at').executeTakeFirst();
    let row: TestItemTable;
    let outcome: CycloneDxImportedItem['item'];
    const view = (r: TestItemTable) => ({ name: r.name, provider: r.provider, description: r.description, licence: r.licence, kind: r.kind });
    if (!existing) {
      row = {
        id: randomUUID(), org_unit_id: orgUnitId, name: item.name, provider: item.provider, kind: 'other', description: item.description, licence: item.licence,
        gpai: 0, version: 1, created_at: now, updated_at: now, created_by_label: actor.label,
      };
      await items.insertItem(trx, item.type, row);
      outcome = 'created';
      await appendAuditEvent(trx, dialect, actor, { action: `${item.type}.create`, entityType: item.type, entityId: row.id, changes: diffRecords(null, view(row)), reason: `CycloneDX import (${item.path})` }, now);
    } else {
      // The BOM fills in and updates what it states; what it leaves empty stays as recorded.
      row = { ...existing, provider: item.provider || existing.provider, description: item.description || existing.description, licence: item.licence || existing.licence };
      const changes = diffRecords(view(existing), view(row));
      outcome = changes.length > 0 ? 'updated' : 'unchanged';
      if (changes.length > 0) {
        await items.updateItem(trx, item.type, row.id, Number(existing.version), { provider: row.provider, description: row.description, licence: row.licence, version: Number(existing.version) + 1, updated_at: now });
        await appendAuditEvent(trx, dialect, actor, { action: `${item.type}.update`, entityType: item.type, entityId: row.id, changes, reason: `CycloneDX import (${item.path})` }, now);
      }
    }
    const base = { type: item.type, path: item.path, name: item.name, itemId: row.id, item: outcome };
    if (!item.label) return { ...base, versionId: null, versionLabel: null, version: 'skipped' };
    const known = await items.versionByLabel(trx, item.type, row.id, item.label);
    if (known) return { ...base, versionId: known.id, versionLabel: item.label, version: 'unchanged' };
    const manifest = canonicalManifest(manifestOf(item, component));
    const digest = manifestDigest(manifest);
    const same = await items.versionByDigest(trx, item.type, row.id, digest);
    if (same) throw new HttpProblem(409, 'same-files', `Version ${same.label} has exactly these files`, [{ path: item.path, message: `Version ${same.label} of "${item.name}" has exactly these files` }]);
    const versionId = randomUUID();
    const notes = [`CycloneDX ${serial ?? ''} ${item.path}`.replace(/\s+/g, ' ').trim(), item.notes].filter(Boolean).join('\n').slice(0, 10_000);
    const version = {
      id: versionId, item_id: row.id, label: item.label, source: item.source.slice(0, 1000), licence: item.licence.slice(0, 300), received_on: officeToday(),
      manifest: JSON.stringify(manifest), manifest_digest: digest, notes, custody_state: 'none', version: 1, created_at: now, updated_at: now, created_by_label: actor.label,
    };
    if (item.type === 'model') await items.insertModelVersion(trx, version);
    else {
      const datasheet = { origin: item.source, collectionFrom: null, collectionTo: null, personalData: false, legalBasis: '', gapsAndBiases: '', intendedUse: '', independentOfTraining: 'unknown', independenceNote: '' };
      await items.insertDatasetVersion(trx, { ...version, datasheet: JSON.stringify(datasheet) });
    }
    await appendAuditEvent(trx, dialect, actor, {
      action: `${item.type}-version.create`, entityType: `${item.type}-version`, entityId: versionId,
      changes: diffRecords(null, { label: item.label, source: version.source, licence: version.licence, receivedOn: version.received_on, manifestDigest: digest, manifestFiles: manifest.length, notes }),
      reason: `CycloneDX import (${item.path})`,
    }, now);
    return { ...base, versionId, versionLabel: item.label, version: 'created' };
  }
}
