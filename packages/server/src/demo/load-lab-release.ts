import { LabPlanCreate, LabRunAmendmentCreate, type TestItemType } from '@konform/core';
import type { Actor } from '../access/actor.js';
import type { QualityDemoContext } from './load-quality.js';
import { DEMO_GATES, DEMO_PLANS, DEMO_RUNS, type DemoRun } from './lab-release-records.js';

export interface LabReleaseCounts {
  plans: number;
  runs: number;
  gates: number;
  gateSignatures: number;
}

/**
 * Test plans, runs and release gates of the demo, written through the services as the lab's demo user (the runs in
 * Konform's own format, as a pipeline would post them), so every record has its audit events, verdicts and evidence.
 * A plan's runs are recorded only while it has none; plans and gates are looked up by name first.
 */
export async function loadLabReleaseDemo(ctx: QualityDemoContext, lab: Actor, orgUnitId: string): Promise<LabReleaseCounts> {
  const counts: LabReleaseCounts = { plans: 0, runs: 0, gates: 0, gateSignatures: 0 };
  const { db } = ctx.database;
  const systemId = async (name: string) => {
    const row = await db.selectFrom('ai_system').select('id').where('name', '=', name).executeTakeFirst();
    if (!row) throw new Error(`Demo data names an unknown AI system: ${name}`);
    return row.id;
  };
  const methodId = async (name: string) => (await db.selectFrom('lab_method').select('id').where('name', '=', name).where('org_unit_id', '=', orgUnitId).executeTakeFirstOrThrow()).id;
  const environmentId = async (name: string) => (await db.selectFrom('lab_environment').select('id').where('name', '=', name).where('org_unit_id', '=', orgUnitId).executeTakeFirstOrThrow()).id;
  const version = async (type: TestItemType, name: string, label: string) => {
    const table = type === 'model' ? 'model_version' : 'dataset_version';
    const items = type === 'model' ? 'model' : 'dataset';
    return db.selectFrom(`${table} as v` as 'model_version as v').innerJoin(`${items} as i` as 'model as i', 'i.id', 'v.item_id')
      .select(['v.id', 'v.manifest_digest']).where('i.name', '=', name).where('v.label', '=', label).executeTakeFirstOrThrow();
  };
  const planId = async (system: string, name: string) => (await db.selectFrom('lab_plan').select('id').where('name', '=', name).where('system_id', '=', await systemId(system)).executeTakeFirst())?.id;

  for (const p of DEMO_PLANS) {
    if (await planId(p.system, p.name)) continue;
    const cases = [];
    for (const c of p.cases) {
      const { method, dataset, ...rest } = c;
      cases.push({ ...rest, methodId: await methodId(method), datasetVersionId: dataset ? (await version('dataset', dataset.name, dataset.label)).id : null });
    }
    const plan = await ctx.services.labPlans.create(lab, LabPlanCreate.parse({ systemId: await systemId(p.system), name: p.name, description: p.description, cases }));
    await ctx.services.labPlans.fix(lab, plan.id, { version: plan.version });
    counts.plans++;
  }

  const runBody = async (r: DemoRun, plan: string) => {
    const started = Date.now() - r.startedHoursAgo * 3_600_000;
    const items = [];
    for (const i of r.items) {
      const v = await version(i.type, i.name, i.label);
      items.push({ type: i.type, versionId: v.id, manifestDigest: v.manifest_digest });
    }
    return {
      planId: plan, methodId: await methodId(r.method), environmentId: await environmentId(r.environment), items, seed: r.seed,
      startedAt: new Date(started).toISOString(), endedAt: new Date(started + r.hours * 3_600_000).toISOString(), results: r.results, deviations: r.deviations, notes: r.notes,
    };
  };
  // A plan's runs are recorded together: once it has any, the demo leaves them alone.
  const planIds = new Map<string, string>();
  const hadRuns = new Set<string>();
  for (const p of DEMO_PLANS) {
    const id = (await planId(p.system, p.name))!;
    planIds.set(p.name, id);
    if (await db.selectFrom('lab_run').select('id').where('plan_id', '=', id).executeTakeFirst()) hadRuns.add(id);
  }
  const recorded = new Map<string, string>();
  for (const r of DEMO_RUNS) {
    const id = planIds.get(r.plan)!;
    if (hadRuns.has(id)) continue;
    if (r.amends) {
      const amended = recorded.get(r.amends.ref)!;
      const body = await runBody(r, id);
      const input = LabRunAmendmentCreate.parse({ ...body, reason: r.amends.reason });
      recorded.set(r.ref, (await ctx.services.labRuns.amend(lab, amended, input, JSON.stringify(body, null, 2))).id);
    } else {
      const body = await runBody(r, id);
      recorded.set(r.ref, (await ctx.services.labRuns.record(lab, { text: JSON.stringify(body, null, 2), xml: false }, {})).id);
    }
    counts.runs++;
  }

  for (const g of DEMO_GATES) {
    const system = await systemId(g.system);
    let gate = await db.selectFrom('lab_gate').select(['id', 'status']).where('title', '=', g.title).where('system_id', '=', system).executeTakeFirst();
    if (!gate) {
      gate = await ctx.services.labGates.create(lab, { systemId: system, planId: planIds.get(g.plan)!, title: g.title, regressionTolerance: g.regressionTolerance });
      counts.gates++;
    }
    // Signatures need the demo users' password, known only on the run that created them.
    if (gate.status !== 'open' || ctx.password === null) continue;
    for (const s of g.signedBy) {
      await ctx.services.labGates.sign(await ctx.as(s.user), gate.id, { password: ctx.password, comment: s.comment });
      counts.gateSignatures++;
    }
  }
  return counts;
}
