import { addCalendarDays, officeToday, type SystemItemsUpdate, type TestItemType } from '@konform/core';
import type { Actor } from '../access/actor.js';
import type { QualityDemoContext } from './load-quality.js';
import { loadLabReleaseDemo, type LabReleaseCounts } from './load-lab-release.js';
import { DEMO_DATASETS, DEMO_ENVIRONMENTS, DEMO_METHODS, DEMO_MODELS, LAB_AUTHORISER, LAB_UNIT, LAB_USER, type DemoItemVersion } from './lab-records.js';

export interface LabCounts extends LabReleaseCounts {
  models: number;
  datasets: number;
  versions: number;
  custodyEvents: number;
  systemLinks: number;
  methods: number;
  validations: number;
  authorisations: number;
  environments: number;
  verifications: number;
}

/**
 * The test lab of the demo (models, datasets, versions, custody, system links, methods, environments), written through
 * the services as the lab's demo user. Each record is looked up by its name (versions by label) first, so a second run
 * adds nothing and an interrupted run is completed.
 */
export async function loadLabDemo(ctx: QualityDemoContext): Promise<LabCounts> {
  const counts: LabCounts = { models: 0, datasets: 0, versions: 0, custodyEvents: 0, systemLinks: 0, methods: 0, validations: 0, authorisations: 0, environments: 0, verifications: 0, plans: 0, runs: 0, gates: 0, gateSignatures: 0 };
  const { db } = ctx.database;
  const today = officeToday();
  const day = (offset: number) => addCalendarDays(today, offset);
  const lab = await ctx.as(LAB_USER);
  const orgUnitId = ctx.unitId(LAB_UNIT);
  /** Links wanted per system name, gathered while the versions are loaded. */
  const links = new Map<string, SystemItemsUpdate['items']>();

  const loadVersions = async <V extends DemoItemVersion>(type: TestItemType, itemId: string, versions: readonly V[], create: (v: V) => Promise<{ id: string }>) => {
    for (const v of versions) {
      const table = type === 'model' ? 'model_version' : 'dataset_version';
      let row = await db.selectFrom(table).select(['id', 'custody_state']).where('item_id', '=', itemId).where('label', '=', v.label).executeTakeFirst();
      if (!row) {
        row = { id: (await create(v)).id, custody_state: 'none' };
        counts.versions++;
      }
      // The chain of custody is recorded whole or, when a run stopped half-way, from where it stopped.
      const recorded = Number((await db.selectFrom('custody_event').select(db.fn.countAll().as('n')).where('version_id', '=', row.id).executeTakeFirstOrThrow()).n);
      for (const e of v.custody.slice(recorded)) {
        const at = `${day(-e.daysAgo)}T${String(9 + (e.hour ?? 0)).padStart(2, '0')}:00:00.000Z`;
        await ctx.services.custody.record(lab, type, itemId, row.id, { event: e.event, at, by: e.by, location: e.location, note: e.note });
        counts.custodyEvents++;
      }
      for (const use of v.usedBy) {
        const list = links.get(use.system) ?? [];
        list.push({ type, versionId: row.id, role: use.role, note: use.note });
        links.set(use.system, list);
      }
    }
  };

  for (const m of DEMO_MODELS) {
    let id = (await db.selectFrom('model').select('id').where('name', '=', m.name).where('org_unit_id', '=', orgUnitId).executeTakeFirst())?.id;
    if (!id) {
      id = (await ctx.services.models.create(lab, { orgUnitId, name: m.name, provider: m.provider, kind: m.kind, gpai: m.gpai, licence: m.licence, description: m.description })).id;
      counts.models++;
    }
    const modelId = id;
    await loadVersions('model', modelId, m.versions, (v) =>
      ctx.services.models.createVersion(lab, modelId, { label: v.label, source: v.source, licence: v.licence, receivedOn: day(-v.receivedDaysAgo), manifest: v.manifest, notes: v.notes }));
  }

  for (const d of DEMO_DATASETS) {
    let id = (await db.selectFrom('dataset').select('id').where('name', '=', d.name).where('org_unit_id', '=', orgUnitId).executeTakeFirst())?.id;
    if (!id) {
      id = (await ctx.services.datasets.create(lab, { orgUnitId, name: d.name, provider: d.provider, kind: d.kind, licence: d.licence, description: d.description })).id;
      counts.datasets++;
    }
    const datasetId = id;
    await loadVersions('dataset', datasetId, d.versions, ({ datasheet: s, ...v }) =>
      ctx.services.datasets.createVersion(lab, datasetId, {
        label: v.label, source: v.source, licence: v.licence, receivedOn: day(-v.receivedDaysAgo), manifest: v.manifest, notes: v.notes,
        origin: s.origin, collectionFrom: day(-s.collectionFromDaysAgo), collectionTo: day(-s.collectionToDaysAgo), personalData: s.personalData, legalBasis: s.legalBasis,
        gapsAndBiases: s.gapsAndBiases, intendedUse: s.intendedUse, independentOfTraining: s.independentOfTraining, independenceNote: s.independenceNote,
      }));
  }

  // Which versions the systems use: written once per system, while it has no list yet.
  for (const [name, items] of links) {
    const system = await db.selectFrom('ai_system').select('id').where('name', '=', name).executeTakeFirst();
    if (!system) throw new Error(`Demo data names an unknown AI system: ${name}`);
    if (await db.selectFrom('system_item_set').select('system_id').where('system_id', '=', system.id).executeTakeFirst()) continue;
    await ctx.services.systemItems.update(lab, system.id, { version: 0, items });
    counts.systemLinks++;
  }

  const authoriser: Actor = await ctx.as(LAB_AUTHORISER);
  for (const m of DEMO_METHODS) {
    let id = (await db.selectFrom('lab_method').select('id').where('name', '=', m.name).where('org_unit_id', '=', orgUnitId).executeTakeFirst())?.id;
    if (!id) {
      id = (await ctx.services.labMethods.create(lab, { orgUnitId, name: m.name, harness: m.harness, harnessVersion: m.harnessVersion, configuration: m.configuration, description: m.description })).id;
      counts.methods++;
    }
    if (!(await db.selectFrom('lab_method_validation').select('id').where('method_id', '=', id).executeTakeFirst())) {
      await ctx.services.labMethods.validate(lab, id, { result: 'passed', validatedOn: day(-m.validation.daysAgo), report: m.validation.report });
      counts.validations++;
    }
    for (const a of m.authorised) {
      const userId = await ctx.userId(a.user);
      if (await db.selectFrom('lab_method_authorisation').select('id').where('method_id', '=', id).where('user_id', '=', userId).executeTakeFirst()) continue;
      await ctx.services.labMethods.authorise(authoriser, id, { userId, since: day(-a.sinceDaysAgo), until: null, note: a.note });
      counts.authorisations++;
    }
  }

  for (const e of DEMO_ENVIRONMENTS) {
    let id = (await db.selectFrom('lab_environment').select('id').where('name', '=', e.environment.name).where('org_unit_id', '=', orgUnitId).executeTakeFirst())?.id;
    if (!id) {
      id = (await ctx.services.labEnvironments.create(lab, { ...e.environment, orgUnitId })).id;
      counts.environments++;
    }
    if (await db.selectFrom('lab_environment_verification').select('id').where('environment_id', '=', id).executeTakeFirst()) continue;
    const { verifiedDaysAgo, validUntilDaysAgo, ...v } = e.verification;
    await ctx.services.labEnvironments.verify(lab, id, { ...v, verifiedOn: day(-verifiedDaysAgo), validUntil: validUntilDaysAgo === undefined ? undefined : day(-validUntilDaysAgo) });
    counts.verifications++;
  }
  // Plans, runs and release gates rest on the items, methods and environments above.
  return { ...counts, ...(await loadLabReleaseDemo(ctx, lab, orgUnitId)) };
}
