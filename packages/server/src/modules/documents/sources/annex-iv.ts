import type { AnnexIvInputs, Datasheet } from '@konform/core';
import { authoredTexts, refuseUnlessHighRisk, type DocumentSource, type SourceContext } from './subject.js';
import { monitoringForAnnexIv } from '../../monitoring/annex-iv-input.js';

const parseList = (json: string): string[] => {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
};

/** The Art. 14 group of the AI Act catalogue: its rows are the human-oversight requirements. */
const OVERSIGHT_GROUP = 'eu-ai-act:art-14';

/**
 * Gathers what the records hold for the technical documentation of one system, in the document's language: the
 * system, its latest classification, linked model and dataset versions with digests and datasheets, lab gates and the
 * latest run per plan, the risk register, applied measures, the catalogues of its requirement matrix, earlier
 * releases of the document and the authored section texts. The result is frozen into a version as JSON. The catalogue
 * registry is read before (outside any transaction: SQLite has one connection).
 */
async function gatherAnnexIvInputs({ db, registry, subject, documentId, lang, now }: SourceContext): Promise<AnnexIvInputs> {
  if (subject.kind !== 'system') throw new Error('The technical documentation is about an AI system');
  const system = subject.system;
  const unit = await db.selectFrom('org_unit').select('name').where('id', '=', system.org_unit_id).executeTakeFirst();
  const classification = await db.selectFrom('classification_revision').selectAll().where('system_id', '=', system.id).orderBy('number', 'desc').executeTakeFirst();
  const links = await db.selectFrom('system_item_link').selectAll().where('system_id', '=', system.id).orderBy('position').execute();
  const modelIds = links.filter((l) => l.item_type === 'model').map((l) => l.version_id);
  const datasetIds = links.filter((l) => l.item_type === 'dataset').map((l) => l.version_id);
  const models = modelIds.length === 0 ? [] : await db.selectFrom('model_version').innerJoin('model', 'model.id', 'model_version.item_id')
    .select(['model_version.id', 'model.name', 'model.provider', 'model_version.label', 'model_version.manifest_digest', 'model_version.licence']).where('model_version.id', 'in', modelIds).execute();
  const datasets = datasetIds.length === 0 ? [] : await db.selectFrom('dataset_version').innerJoin('dataset', 'dataset.id', 'dataset_version.item_id')
    .select(['dataset_version.id', 'dataset.name', 'dataset.provider', 'dataset_version.label', 'dataset_version.manifest_digest', 'dataset_version.datasheet']).where('dataset_version.id', 'in', datasetIds).execute();
  const gates = await db.selectFrom('lab_gate').select(['number', 'title', 'status', 'released_at']).where('system_id', '=', system.id).where('status', 'in', ['released', 'open']).orderBy('number').execute();
  const runs = await db.selectFrom('lab_run').innerJoin('lab_plan', 'lab_plan.id', 'lab_run.plan_id')
    .select(['lab_run.id', 'lab_run.plan_id', 'lab_plan.name', 'lab_run.number', 'lab_run.verdict', 'lab_run.ended_at'])
    .where('lab_run.system_id', '=', system.id).where('lab_run.superseded_by_run_id', 'is', null).orderBy('lab_run.ended_at', 'desc').orderBy('lab_run.number', 'desc').execute();
  const latest = new Map<string, (typeof runs)[number]>();
  for (const r of runs) if (!latest.has(r.plan_id)) latest.set(r.plan_id, r);
  const runIds = [...latest.values()].map((r) => r.id);
  const results = runIds.length === 0 ? [] : await db.selectFrom('lab_run_result').select(['run_id', 'metric']).where('run_id', 'in', runIds).execute();
  const risks = await db.selectFrom('risk').select(['number', 'title', 'status', 'inherent_level', 'residual_level']).where('system_id', '=', system.id).orderBy('number').execute();
  const measures = await db.selectFrom('system_measure').select(['measure_id', 'status']).where('system_id', '=', system.id).orderBy('measure_id').execute();
  const rows = await db.selectFrom('requirement_row').select('requirement_key').where('system_id', '=', system.id).execute();
  const releases = await db.selectFrom('document_version').select(['number', 'released_at']).where('document_id', '=', documentId).where('released_at', 'is not', null).orderBy('number').execute();
  const catalogueIds = [...new Set(rows.map((r) => r.requirement_key.split(':')[0]!))].sort();
  const oversight = await db.selectFrom('requirement_row').select(['requirement_key', 'status']).where('system_id', '=', system.id).where('retired_at', 'is', null)
    .where((eb) => eb.or([eb('requirement_key', '=', OVERSIGHT_GROUP), eb('requirement_key', 'like', `${OVERSIGHT_GROUP}-%`)])).execute();
  const applied = new Map(measures.map((m) => [m.measure_id, m.status]));
  const order = registry.requirementsOf('eu-ai-act').map((r) => r.key);
  oversight.sort((a, b) => order.indexOf(a.requirement_key) - order.indexOf(b.requirement_key) || a.requirement_key.localeCompare(b.requirement_key));
  const cards = modelIds.length === 0 ? [] : await db.selectFrom('document').innerJoin('document_version', 'document_version.document_id', 'document.id')
    .select(['document.model_version_id', 'document_version.number', 'document_version.released_at'])
    .where('document.type', '=', 'model-card').where('document.model_version_id', 'in', modelIds).where('document_version.status', '=', 'released').execute();
  const byId = <T extends { id: string }>(list: T[], ids: string[]) => ids.map((id) => list.find((x) => x.id === id)).filter((x): x is T => x !== undefined);
  const role = (versionId: string) => links.find((l) => l.version_id === versionId)?.role ?? '';
  return {
    builtAt: now,
    system: {
      id: system.id, name: system.name, shortName: system.short_name, purpose: system.purpose, description: system.description, unitName: unit?.name ?? '',
      responsible: system.responsible, lifecycleStage: system.lifecycle_stage, roles: parseList(system.roles), sourcing: system.sourcing, vendor: system.vendor,
      deploymentContext: system.deployment_context, affectedPersons: system.affected_persons, autonomy: system.autonomy, riskClass: system.risk_class,
    },
    classification: classification
      ? { number: Number(classification.number), riskClass: classification.risk_class, status: classification.status, decidedAt: classification.decided_at, decidedByLabel: classification.decided_by_label }
      : null,
    models: byId(models, modelIds).map((m) => ({ name: m.name, provider: m.provider, version: m.label, digest: m.manifest_digest, role: role(m.id), licence: m.licence })),
    datasets: byId(datasets, datasetIds).map((d) => {
      const sheet = JSON.parse(d.datasheet) as Partial<Datasheet> | null;
      const filled = sheet && typeof sheet.origin === 'string' && sheet.origin.trim() !== '';
      return {
        name: d.name, provider: d.provider, version: d.label, digest: d.manifest_digest, role: role(d.id),
        datasheet: filled ? { origin: sheet.origin ?? '', personalData: sheet.personalData === true, legalBasis: sheet.legalBasis ?? '', gapsAndBiases: sheet.gapsAndBiases ?? '', intendedUse: sheet.intendedUse ?? '' } : null,
      };
    }),
    gates: gates.map((g) => ({ number: Number(g.number), title: g.title, status: g.status, releasedAt: g.released_at })),
    runs: [...latest.values()].map((r) => ({
      planName: r.name, number: Number(r.number), verdict: r.verdict, endedAt: r.ended_at,
      metrics: [...new Set(results.filter((x) => x.run_id === r.id).map((x) => x.metric))].sort(),
    })),
    risks: risks.map((r) => ({ number: Number(r.number), title: r.title, status: r.status, inherentLevel: r.inherent_level, residualLevel: r.residual_level })),
    measures: measures.map((m) => ({ id: m.measure_id, title: registry.measure(m.measure_id)?.title[lang] ?? m.measure_id, status: m.status })),
    catalogues: catalogueIds.map((id) => ({ id, title: registry.get(id)?.catalog.title[lang] ?? id })),
    earlierReleases: releases.map((r) => ({ number: Number(r.number), releasedAt: r.released_at! })),
    oversight: oversight.map((r) => {
      const requirement = registry.requirement(r.requirement_key)?.requirement;
      return {
        key: r.requirement_key, ref: requirement?.ref ?? r.requirement_key, title: requirement?.title[lang] ?? '', status: r.status,
        measures: registry.measuresFor(r.requirement_key).filter((m) => applied.has(m.id)).map((m) => ({ id: m.id, title: m.title[lang], status: applied.get(m.id)! })),
      };
    }),
    modelCards: byId(models, modelIds).flatMap((m) => cards.filter((c) => c.model_version_id === m.id).map((c) => ({ model: m.name, version: m.label, number: Number(c.number), releasedAt: c.released_at! })))
      .sort((a, b) => a.model.localeCompare(b.model) || a.version.localeCompare(b.version) || a.number - b.number),
    monitoring: await monitoringForAnnexIv(db, system.id),
    texts: await authoredTexts(db, documentId),
  };
}

export const annexIvSource: DocumentSource = {
  subject: 'system',
  refuse: refuseUnlessHighRisk('Technical documentation under Annex IV'),
  gather: gatherAnnexIvInputs,
};
