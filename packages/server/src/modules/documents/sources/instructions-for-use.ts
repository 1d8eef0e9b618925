import type { InstructionsInputs } from '@konform/core';
import { authoredTexts, refuseUnlessHighRisk, type DocumentSource, type SourceContext } from './subject.js';
import { linkedVersions, parseList, providerOf } from './system-records.js';

/**
 * Gathers the records for the instructions for use of one system: the system, its provider, the linked models and
 * datasets with their datasheets, the latest run per test plan with each measured value, the risks still present
 * and the applied measures, and the authored section texts.
 */
async function gatherInstructionsInputs({ db, registry, subject, documentId, lang, now }: SourceContext): Promise<InstructionsInputs> {
  if (subject.kind !== 'system') throw new Error('The instructions for use are about an AI system');
  const system = subject.system;
  const unit = await db.selectFrom('org_unit').select('name').where('id', '=', system.org_unit_id).executeTakeFirst();
  const linked = await linkedVersions(db, system.id);
  const runs = await db.selectFrom('lab_run').innerJoin('lab_plan', 'lab_plan.id', 'lab_run.plan_id')
    .select(['lab_run.id', 'lab_run.plan_id', 'lab_plan.name', 'lab_run.number', 'lab_run.verdict', 'lab_run.ended_at'])
    .where('lab_run.system_id', '=', system.id).where('lab_run.superseded_by_run_id', 'is', null).orderBy('lab_run.ended_at', 'desc').orderBy('lab_run.number', 'desc').execute();
  const latest = new Map<string, (typeof runs)[number]>();
  for (const r of runs) if (!latest.has(r.plan_id)) latest.set(r.plan_id, r);
  const runIds = [...latest.values()].map((r) => r.id);
  const results = runIds.length === 0 ? [] : await db.selectFrom('lab_run_result').select(['run_id', 'metric', 'value', 'unit', 'verdict']).where('run_id', 'in', runIds).orderBy('metric').execute();
  const risks = await db.selectFrom('risk').select(['number', 'title', 'status', 'residual_level', 'inherent_level', 'affected_groups'])
    .where('system_id', '=', system.id).where('status', '!=', 'closed').orderBy('number').execute();
  const measures = await db.selectFrom('system_measure').select(['measure_id', 'status']).where('system_id', '=', system.id).orderBy('measure_id').execute();
  return {
    builtAt: now,
    system: {
      id: system.id, name: system.name, shortName: system.short_name, purpose: system.purpose, description: system.description, unitName: unit?.name ?? '',
      lifecycleStage: system.lifecycle_stage, roles: parseList(system.roles), sourcing: system.sourcing, deploymentContext: system.deployment_context,
      affectedPersons: system.affected_persons, autonomy: system.autonomy,
    },
    provider: await providerOf(db, system),
    models: linked.models.map((m) => ({ name: m.name, provider: m.provider, version: m.version, digest: m.digest, role: m.role })),
    datasets: linked.datasets.map((d) => ({
      name: d.name, version: d.version, role: d.role, personalData: typeof d.datasheet?.personalData === 'boolean' ? d.datasheet.personalData : null,
      intendedUse: d.datasheet?.intendedUse ?? '', gapsAndBiases: d.datasheet?.gapsAndBiases ?? '',
    })),
    runs: [...latest.values()].map((r) => ({
      planName: r.name, number: Number(r.number), verdict: r.verdict, endedAt: r.ended_at,
      results: results.filter((x) => x.run_id === r.id).map((x) => ({ metric: x.metric, value: Number(x.value), unit: x.unit, verdict: x.verdict })),
    })),
    risks: risks.map((r) => ({ number: Number(r.number), title: r.title, status: r.status, residualLevel: r.residual_level ?? r.inherent_level, affectedGroups: r.affected_groups })),
    measures: measures.map((m) => ({ id: m.measure_id, title: registry.measure(m.measure_id)?.title[lang] ?? m.measure_id, status: m.status })),
    texts: await authoredTexts(db, documentId),
  };
}

export const instructionsForUseSource: DocumentSource = {
  subject: 'system',
  refuse: refuseUnlessHighRisk('Instructions for use under Art. 13'),
  gather: gatherInstructionsInputs,
};
