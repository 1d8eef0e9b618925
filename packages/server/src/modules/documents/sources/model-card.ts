import { DEFAULT_RISK_MATRIX, RiskMatrixConfig, type Datasheet, type ModelCardInputs } from '@konform/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { authoredTexts, unitName, type DocumentSource, type SourceContext } from './subject.js';

interface RunItem {
  type: string;
  versionId: string;
}

const parse = <T>(json: string | null, fallback: T): T => {
  try {
    return json === null ? fallback : ((JSON.parse(json) as T) ?? fallback);
  } catch {
    return fallback;
  }
};

/** The label of a risk level in the document's language, from the configured risk matrix. */
export async function riskLevels(db: Kysely<DB>, lang: 'de' | 'en'): Promise<Map<string, { label: string; rank: number }>> {
  const row = await db.selectFrom('risk_matrix').select('config').where('id', '=', 1).executeTakeFirst();
  const parsed = row ? RiskMatrixConfig.safeParse(JSON.parse(row.config)) : null;
  const config = parsed?.success ? parsed.data : DEFAULT_RISK_MATRIX;
  return new Map(config.levels.map((l) => [l.id, { label: l.label[lang], rank: l.rank }]));
}

/**
 * Gathers the model card of one model version: the model and version as the lab recorded them, the AI systems
 * linked to the version, the test runs whose items named exactly this version (latest, not superseded run per plan)
 * with their results and the datasets their cases used, the release gates of the version, the open risks of the
 * systems using it, the chain of custody and the authored texts.
 */
async function gatherModelCard({ db, subject, documentId, lang, now }: SourceContext): Promise<ModelCardInputs> {
  if (subject.kind !== 'model-version') throw new Error('A model card is about a model version');
  const { version, model } = subject;
  // The card is read in the model's unit by people who may not be cleared for a system's records: classified
  // systems (and their risks) are counted, never named.
  const all = await db.selectFrom('system_item_link').innerJoin('ai_system', 'ai_system.id', 'system_item_link.system_id')
    .select(['ai_system.id', 'ai_system.name', 'ai_system.risk_class', 'ai_system.classification', 'system_item_link.role', 'system_item_link.note'])
    .where('system_item_link.item_type', '=', 'model').where('system_item_link.version_id', '=', version.id).where('ai_system.archived_at', 'is', null)
    .orderBy('ai_system.name').execute();
  const links = all.filter((l) => (l.classification ?? 'offen') === 'offen');
  const systemIds = [...new Set(links.map((l) => l.id))];

  // Runs that named this version among their items; the id is a UUID, so the text match is exact enough to narrow.
  const candidates = await db.selectFrom('lab_run').innerJoin('lab_plan', 'lab_plan.id', 'lab_run.plan_id')
    .select(['lab_run.id', 'lab_run.plan_id', 'lab_plan.name', 'lab_run.number', 'lab_run.ended_at', 'lab_run.items'])
    .where('lab_run.items', 'like', `%${version.id}%`).where('lab_run.superseded_by_run_id', 'is', null)
    .orderBy('lab_run.ended_at', 'desc').orderBy('lab_run.number', 'desc').execute();
  const latest = new Map<string, (typeof candidates)[number]>();
  for (const r of candidates) {
    const named = parse<RunItem[]>(r.items, []).some((i) => i.type === 'model' && i.versionId === version.id);
    if (named && !latest.has(r.plan_id)) latest.set(r.plan_id, r);
  }
  const runs = [...latest.values()].sort((a, b) => b.ended_at.localeCompare(a.ended_at) || Number(b.number) - Number(a.number));
  const runIds = runs.map((r) => r.id);
  const results = runIds.length === 0 ? [] : await db.selectFrom('lab_run_result').innerJoin('lab_test_case', 'lab_test_case.id', 'lab_run_result.test_case_id')
    .select(['lab_run_result.run_id', 'lab_run_result.metric', 'lab_run_result.value', 'lab_run_result.unit', 'lab_run_result.verdict', 'lab_test_case.comparator', 'lab_test_case.threshold', 'lab_test_case.position', 'lab_test_case.dataset_version_id'])
    .where('lab_run_result.run_id', 'in', runIds).execute();

  // Datasets: those the evaluated cases ran on and those the runs named, with their datasheets.
  const datasetIds = new Set<string>(results.map((r) => r.dataset_version_id).filter((x): x is string => x !== null));
  for (const r of runs) for (const i of parse<RunItem[]>(r.items, [])) if (i.type === 'dataset') datasetIds.add(i.versionId);
  const datasets = datasetIds.size === 0 ? [] : await db.selectFrom('dataset_version').innerJoin('dataset', 'dataset.id', 'dataset_version.item_id')
    .select(['dataset_version.id', 'dataset.name', 'dataset_version.label', 'dataset_version.manifest_digest', 'dataset_version.datasheet'])
    .where('dataset_version.id', 'in', [...datasetIds]).orderBy('dataset.name').orderBy('dataset_version.label').execute();

  const gates = await db.selectFrom('lab_gate').select(['number', 'title', 'status', 'released_at']).where('model_version_id', '=', version.id).where('status', 'in', ['released', 'open']).orderBy('number').execute();
  const levels = await riskLevels(db, lang);
  const risks = systemIds.length === 0 ? [] : await db.selectFrom('risk').innerJoin('ai_system', 'ai_system.id', 'risk.system_id')
    .select(['ai_system.name', 'risk.number', 'risk.title', 'risk.status', 'risk.inherent_level', 'risk.residual_level'])
    .where('risk.system_id', 'in', systemIds).where('risk.status', '!=', 'closed').orderBy('ai_system.name').orderBy('risk.number').execute();
  const custody = await db.selectFrom('custody_event').selectAll().where('item_type', '=', 'model').where('version_id', '=', version.id).orderBy('seq').execute();
  const manifest = parse<unknown[]>(version.manifest, []);

  return {
    builtAt: now,
    model: { id: model.id, name: model.name, provider: model.provider, kind: model.kind, description: model.description, licence: model.licence, gpai: Number(model.gpai) === 1, unitName: await unitName(db, model.org_unit_id) },
    version: {
      id: version.id, label: version.label, source: version.source, licence: version.licence, receivedOn: version.received_on, digest: version.manifest_digest,
      files: Array.isArray(manifest) ? manifest.length : 0, notes: version.notes, custodyState: version.custody_state,
    },
    systems: links.map((l) => ({ name: l.name, riskClass: l.risk_class, role: l.role, note: l.note })),
    classifiedSystems: new Set(all.filter((l) => !links.includes(l)).map((l) => l.id)).size,
    datasets: datasets.map((d) => {
      const sheet = parse<Partial<Datasheet> | null>(d.datasheet, null);
      const filled = sheet !== null && typeof sheet.origin === 'string' && sheet.origin.trim() !== '';
      return {
        name: d.name, version: d.label, digest: d.manifest_digest, use: 'test',
        origin: filled ? sheet.origin ?? '' : '', personalData: filled ? sheet.personalData === true : null, gapsAndBiases: filled ? sheet.gapsAndBiases ?? '' : '',
      };
    }),
    results: runs.flatMap((r) => results.filter((x) => x.run_id === r.id).sort((a, b) => Number(a.position) - Number(b.position)).map((x) => ({
      planName: r.name, runNumber: Number(r.number), endedAt: r.ended_at, metric: x.metric, value: Number(x.value), unit: x.unit, comparator: x.comparator,
      threshold: x.threshold === null ? null : Number(x.threshold), verdict: x.verdict,
    }))),
    gates: gates.map((g) => ({ number: Number(g.number), title: g.title, status: g.status, releasedAt: g.released_at })),
    risks: risks.map((r) => {
      const level = r.residual_level ?? r.inherent_level;
      return { systemName: r.name, number: Number(r.number), title: r.title, level: level ? levels.get(level)?.label ?? level : null, status: r.status };
    }),
    custody: custody.map((e) => ({ seq: Number(e.seq), event: e.event, occurredAt: e.occurred_at, actor: e.actor, location: e.location, note: e.note })),
    texts: await authoredTexts(db, documentId),
  };
}

export const modelCardSource: DocumentSource = {
  subject: 'model-version',
  gather: gatherModelCard,
};
