import {
  addCalendarDays,
  officeToday,
  qmsNextReviewDate,
  vendorNameKey,
  VendorAssessmentCreate,
  type NonconformityStatus,
  type QmsVersionState,
  type VendorAssessment,
} from '@konform/core';
import type { Database } from '../db/database.js';
import type { Actor } from '../access/actor.js';
import type { Services } from '../app.js';
import { DEMO_NONCONFORMITIES, DEMO_RISKS, DEMO_TASKS, type DemoNonconformity } from './quality-records.js';
import { DEMO_QMS_DOCUMENTS, type DemoQmsDocument } from './qms-documents.js';
import { DEMO_ASSESSMENT, DEMO_COURSES, DEMO_SUPPLIER_DOCUMENTS, DEMO_VENDORS } from './literacy-suppliers.js';

export interface QualityDemoContext {
  database: Database;
  services: Services;
  /** The platform itself (global admin), for work no demo person would do. */
  system: Actor;
  /** A demo user as a signed-in actor. */
  as: (email: string) => Promise<Actor>;
  userId: (email: string) => Promise<string>;
  unitId: (key: string) => string;
  /** The demo users' password when this run created them (signatures need it); null otherwise. */
  password: string | null;
}

export interface QualityCounts {
  risks: number;
  nonconformities: number;
  tasks: number;
  qmsDocuments: number;
  courses: number;
  trainingRequirements: number;
  trainingRecords: number;
  vendors: number;
  assessments: number;
  supplierDocuments: number;
}

/**
 * The quality-management areas of the demo (risks, non-conformities, tasks, AI management system documents, AI
 * literacy, suppliers), written through the services so every record has its audit events and obeys the rules.
 * Each record is looked up by its title first, so a second run adds nothing and an interrupted run is completed.
 */
export async function loadQualityDemo(ctx: QualityDemoContext): Promise<QualityCounts> {
  const counts: QualityCounts = { risks: 0, nonconformities: 0, tasks: 0, qmsDocuments: 0, courses: 0, trainingRequirements: 0, trainingRecords: 0, vendors: 0, assessments: 0, supplierDocuments: 0 };
  const { db } = ctx.database;
  const today = officeToday();
  const day = (offset: number) => addCalendarDays(today, offset);
  const systemIds = new Map<string, string>();
  const systemId = async (name: string) => {
    let id = systemIds.get(name);
    if (!id) {
      id = (await db.selectFrom('ai_system').select('id').where('name', '=', name).executeTakeFirst())?.id;
      if (!id) throw new Error(`Demo data names an unknown AI system: ${name}`);
      systemIds.set(name, id);
    }
    return id;
  };
  const riskId = async (system: string, title: string) =>
    (await db.selectFrom('risk').select('id').where('system_id', '=', await systemId(system)).where('title', '=', title).executeTakeFirst())?.id;

  // Risks, for the register and as records tasks hang on.
  for (const r of DEMO_RISKS) {
    if (await riskId(r.system, r.risk.title)) continue;
    await ctx.services.risks.create(await ctx.as(r.createdBy), await systemId(r.system), { ...r.risk, nextReview: r.nextReviewInDays === null ? null : day(r.nextReviewInDays) });
    counts.risks++;
  }

  for (const nc of DEMO_NONCONFORMITIES) {
    if (await loadNonconformity(ctx, nc, nc.system ? await systemId(nc.system) : null, day)) counts.nonconformities++;
  }

  // Suppliers: contracts and products of the vendors the systems created, one assessment, the owed documents.
  const vendorActor = await ctx.as(DEMO_ASSESSMENT.assessedBy);
  for (const v of DEMO_VENDORS) {
    const vendor = await db.selectFrom('vendor').select(['id', 'version', 'contracts', 'products']).where('name_key', '=', vendorNameKey(v.name)).executeTakeFirst();
    if (!vendor || vendor.contracts !== '[]' || vendor.products !== '[]') continue;
    await ctx.services.vendors.update(vendorActor, vendor.id, {
      version: Number(vendor.version),
      contactPerson: v.contactPerson,
      email: v.email,
      contracts: v.contracts.map((c) => ({
        title: c.title, reference: c.reference, startDate: c.startInDays === null ? null : day(c.startInDays), endDate: c.endInDays === null ? null : day(c.endInDays),
        noticePeriod: c.noticePeriod, notes: c.notes ?? '',
      })),
      products: v.products,
    });
    counts.vendors++;
  }
  const assessedVendor = await db.selectFrom('vendor').select('id').where('name_key', '=', vendorNameKey(DEMO_ASSESSMENT.vendor)).executeTakeFirst();
  const assessedSystem = await systemId(DEMO_SUPPLIER_DOCUMENTS.system);
  if (assessedVendor) {
    let assessment: VendorAssessment | undefined = (await ctx.services.vendorAssessments.list(vendorActor, assessedVendor.id))[0];
    if (!assessment) {
      assessment = await ctx.services.vendorAssessments.create(vendorActor, assessedVendor.id, VendorAssessmentCreate.parse({
        assessedOn: day(-DEMO_ASSESSMENT.assessedDaysAgo), assessor: DEMO_ASSESSMENT.assessor, answers: DEMO_ASSESSMENT.answers, result: DEMO_ASSESSMENT.result,
        conditions: DEMO_ASSESSMENT.conditions, nextReview: day(DEMO_ASSESSMENT.nextReviewInDays), notes: DEMO_ASSESSMENT.notes,
        findings: DEMO_ASSESSMENT.findings.map((f) => ({ title: f.title, description: f.description, systemId: assessedSystem })),
      }));
      counts.assessments++;
    }
    for (const f of DEMO_ASSESSMENT.findings) {
      const finding: VendorAssessment['findings'][number] | undefined = assessment.findings.find((x) => x.title === f.title);
      if (!finding || finding.riskId !== null || !f.risk) continue;
      const { sourceId, likelihood, impact, owner, nextReviewInDays } = f.risk;
      assessment = (await ctx.services.vendorAssessments.createRisk(vendorActor, assessedVendor.id, assessment.id, finding.id, {
        version: assessment.version, systemId: assessedSystem, sourceId, likelihood, impact, owner, nextReview: day(nextReviewInDays),
      })).assessment;
      counts.risks++;
    }
  }
  const checklist = await ctx.services.supplierDocuments.get(ctx.system, assessedSystem);
  if (checklist.version === 0) {
    const vendor = checklist.vendorId ? await db.selectFrom('vendor').select('products').where('id', '=', checklist.vendorId).executeTakeFirst() : undefined;
    const product = vendor ? (JSON.parse(vendor.products) as { id: string; name: string }[]).find((p) => p.name === DEMO_SUPPLIER_DOCUMENTS.product) : undefined;
    await ctx.services.supplierDocuments.update(await ctx.as(DEMO_SUPPLIER_DOCUMENTS.recordedBy), assessedSystem, {
      version: 0,
      productId: product?.id ?? null,
      items: DEMO_SUPPLIER_DOCUMENTS.items.map((i) => ({
        kind: i.kind, status: i.status, dueDate: day(i.dueInDays), receivedOn: i.receivedDaysAgo === null ? null : day(-i.receivedDaysAgo),
        reference: i.reference, evidenceId: null, note: i.note,
      })),
    });
    counts.supplierDocuments++;
  }

  for (const t of DEMO_TASKS) {
    const sid = await systemId(t.system);
    const recordId = t.recordType === 'risk' ? await riskId(t.system, t.record!) : t.recordType === 'requirement' ? t.record! : sid;
    if (!recordId) continue; // a risk that could not be created (e.g. its vendor was renamed)
    const existing = await db.selectFrom('task').select('id').where('record_id', '=', recordId).where('title', '=', t.title).executeTakeFirst();
    if (existing) continue;
    await ctx.services.tasks.create(await ctx.as(t.createdBy), {
      recordType: t.recordType, recordId, systemId: sid, title: t.title, description: t.description,
      ownerId: await ctx.userId(t.owner), dueDate: day(t.dueInDays), priority: t.priority, status: t.status,
    });
    counts.tasks++;
  }

  for (const doc of DEMO_QMS_DOCUMENTS) {
    if (await loadQmsDocument(ctx, doc, today)) counts.qmsDocuments++;
  }

  // AI literacy: courses and requirements are the organisation's (the platform sets them up), completions are recorded
  // as the personnel office would.
  for (const c of DEMO_COURSES) {
    let courseId = (await db.selectFrom('training_course').select('id').where('title', '=', c.course.title).executeTakeFirst())?.id;
    if (!courseId) {
      courseId = (await ctx.services.trainingCourses.create(ctx.system, c.course)).id;
      counts.courses++;
    }
    for (const r of c.requiredFor) {
      const orgUnitId = r.unit ? ctx.unitId(r.unit) : null;
      const same = await db.selectFrom('training_requirement').select('id').where('course_id', '=', courseId).where('role', '=', r.role)
        .$call((qb) => (orgUnitId ? qb.where('org_unit_id', '=', orgUnitId) : qb.where('org_unit_id', 'is', null))).executeTakeFirst();
      if (same) continue;
      await ctx.services.trainingCourses.createRequirement(ctx.system, { courseId, role: r.role, orgUnitId, intervalMonths: r.intervalMonths ?? null, graceDays: 30 });
      counts.trainingRequirements++;
    }
    for (const done of c.completions) {
      const userId = await ctx.userId(done.user);
      const completedOn = day(-done.daysAgo);
      const recorded = await db.selectFrom('training_record').select('id').where('user_id', '=', userId).where('course_id', '=', courseId)
        .where('completed_on', '=', completedOn).where('withdrawn_at', 'is', null).executeTakeFirst();
      if (recorded) continue;
      await ctx.services.trainingRecords.create(ctx.system, { userId, courseId, completedOn, result: done.result }, null);
      counts.trainingRecords++;
    }
  }
  return counts;
}

/** Creates a non-conformity (if missing) and takes it step by step to its target state; true when it was created. */
async function loadNonconformity(ctx: QualityDemoContext, nc: DemoNonconformity, systemId: string | null, day: (offset: number) => string): Promise<boolean> {
  const { db } = ctx.database;
  const svc = ctx.services.nonconformities;
  const recorder = await ctx.as(nc.recordedBy);
  let row = await db.selectFrom('nonconformity').select('id').where('title', '=', nc.title)
    .$call((qb) => (systemId ? qb.where('system_id', '=', systemId) : qb.where('system_id', 'is', null))).executeTakeFirst();
  let created = false;
  if (!row) {
    const actions = await Promise.all(nc.actions.map(async (a) => ({ kind: a.kind, description: a.description, ownerId: await ctx.userId(a.owner), owner: '', dueDate: day(a.dueInDays), done: false })));
    row = await svc.create(recorder, {
      title: nc.title, description: nc.description, source: nc.source, severity: nc.severity, requirementKeys: nc.requirementKeys, rootCause: nc.rootCause, actions,
      ...(systemId ? { systemId } : { orgUnitId: ctx.unitId(nc.unit ?? 'root') }),
    });
    created = true;
  }
  const order: NonconformityStatus[] = ['open', 'analysed', 'actions-planned', 'implemented', 'verified', 'closed'];
  let current = await svc.get(recorder, row.id);
  while (order.indexOf(current.status) < order.indexOf(nc.target)) {
    const { version } = current;
    switch (current.status) {
      case 'open':
        current = await svc.transition(recorder, current.id, { version, to: 'analysed' });
        break;
      case 'analysed':
        current = await svc.transition(recorder, current.id, { version, to: 'actions-planned' });
        break;
      case 'actions-planned': {
        const owner = await ctx.as(nc.actions[0]!.owner);
        if (current.actions.some((a) => !a.done)) {
          const done = current.actions.map((a) => ({ id: a.id, kind: a.kind, description: a.description, ownerId: a.ownerId, owner: a.owner, dueDate: a.dueDate, done: true }));
          current = await svc.update(owner, current.id, { version, actions: done, reason: 'Maßnahmen umgesetzt' });
        }
        current = await svc.transition(owner, current.id, { version: current.version, to: 'implemented' });
        break;
      }
      case 'implemented': {
        const v = nc.verification!;
        current = await svc.transition(await ctx.as(v.by), current.id, { version, to: 'verified', effective: true, note: v.note });
        break;
      }
      default:
        current = await svc.transition(recorder, current.id, { version, to: 'closed' });
    }
  }
  return created;
}

/** Creates a QMS document (if missing) and takes its first version to the target state; true when it was created. */
async function loadQmsDocument(ctx: QualityDemoContext, doc: DemoQmsDocument, today: string): Promise<boolean> {
  const { db } = ctx.database;
  const author = await ctx.as(doc.author);
  let document = await db.selectFrom('qms_document').select('id').where('title', '=', doc.title).executeTakeFirst();
  let created = false;
  if (!document) {
    document = await ctx.services.qmsDocuments.create(author, {
      kind: doc.kind, title: doc.title, ownerId: await ctx.userId(doc.owner), orgUnitId: ctx.unitId('root'), reviewMonths: doc.reviewMonths,
      art17Elements: doc.art17Elements, isoClauses: doc.isoClauses, content: doc.content, changeNote: doc.changeNote,
    });
    created = true;
  }
  let version = await ctx.services.qmsVersions.get(author, document.id, 1);
  const state = (s: QmsVersionState) => ['draft', 'in-review', 'released', 'superseded'].indexOf(s);
  if (state(version.state) < state(doc.target) && version.state === 'draft') {
    version = await ctx.services.qmsVersions.submit(author, document.id, 1, { version: version.version });
  }
  // A release is a signature with the approver's password: possible only when this run set the password.
  if (doc.target === 'released' && version.state === 'in-review' && ctx.password !== null) {
    version = await ctx.services.qmsVersions.approve(await ctx.as(doc.approver), document.id, 1, { version: version.version, password: ctx.password, comment: 'Freigegeben' });
    if (doc.releasedDaysAgo !== undefined) await backdateRelease(ctx.database, document.id, 1, doc, today);
  }
  return created;
}

/**
 * The services stamp a release with the current time. For a demo with a review that is overdue, the release just
 * made (signature included) is moved into the past: its dates only, never the signed state, so the signature still
 * verifies. The audit trail keeps the real time the demo was loaded.
 */
async function backdateRelease(database: Database, documentId: string, number: number, doc: DemoQmsDocument, today: string) {
  const releasedAt = `${addCalendarDays(today, -doc.releasedDaysAgo!)}T09:30:00.000Z`;
  const writtenAt = `${addCalendarDays(today, -doc.releasedDaysAgo! - 14)}T10:00:00.000Z`;
  const submittedAt = `${addCalendarDays(today, -doc.releasedDaysAgo! - 3)}T15:00:00.000Z`;
  const nextReview = qmsNextReviewDate(releasedAt, doc.reviewMonths);
  await database.db.transaction().execute(async (trx) => {
    const version = await trx.selectFrom('qms_document_version').select(['id', 'signature_id']).where('document_id', '=', documentId).where('number', '=', number).executeTakeFirstOrThrow();
    await trx.updateTable('qms_document_version')
      .set({ created_at: writtenAt, updated_at: writtenAt, submitted_at: submittedAt, released_at: releasedAt, next_review: nextReview })
      .where('id', '=', version.id).execute();
    await trx.updateTable('qms_document').set({ created_at: writtenAt, updated_at: releasedAt, released_at: releasedAt, next_review: nextReview }).where('id', '=', documentId).execute();
    if (version.signature_id) await trx.updateTable('signature').set({ signed_at: releasedAt }).where('id', '=', version.signature_id).execute();
  });
}
