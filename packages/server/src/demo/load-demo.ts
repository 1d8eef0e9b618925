import { AiSystemCreate, ClassificationFacts, answersToFacts, validateAnswers } from '@konform/core';
import type { Database } from '../db/database.js';
import { systemActor, type Actor } from '../access/actor.js';
import { actorLabel } from '../modules/auth/auth-service.js';
import { clearanceOf, findUserByEmail, rolesOf } from '../modules/users/repository.js';
import { loadEuAiActCatalogs } from '../catalogs/eu-ai-act.js';
import { createServices, type ServiceOptions } from '../app.js';
import { generatePassword } from '../auth/password.js';
import { DEMO_SYSTEMS, DEMO_UNITS, DEMO_USERS } from './portfolio.js';
import { DEMO_CLASSIFICATIONS } from './classifications.js';
import { loadQualityDemo, type QualityCounts, type QualityDemoContext } from './load-quality.js';
import { loadLabDemo, type LabCounts } from './load-lab.js';
import { loadDocumentsDemo, type DocumentCounts } from './load-documents.js';

export interface DemoResult {
  created: boolean;
  password: string | null;
  summary: string;
}

/**
 * Loads the demo portfolio through the services, so every record has its audit events.
 * Each record is looked up before it is created, so a run that was interrupted can simply be repeated.
 * `files`: the data and key directories of the installation; released documents store their files and are signed
 * there. Without it, demo documents stay drafts (nothing is written outside the database).
 */
export async function loadDemo(database: Database, password?: string, files?: Pick<ServiceOptions, 'dataDir' | 'keyDir' | 'defaultMarking'>): Promise<DemoResult> {
  const { db } = database;
  const services = createServices(database, undefined, files ?? {});
  const actor = systemActor('system (demo loader)');
  const counts = { units: 0, users: 0, systems: 0, classifications: 0 };

  const unitIds = new Map<string, string>();
  for (const unit of DEMO_UNITS) {
    const parentId = unit.parent ? unitIds.get(unit.parent) ?? null : null;
    const existing = await db
      .selectFrom('org_unit')
      .select('id')
      .where('name', '=', unit.name)
      .$call((qb) => (parentId ? qb.where('parent_id', '=', parentId) : qb.where('parent_id', 'is', null)))
      .executeTakeFirst();
    const id = existing?.id ?? (await services.orgUnits.create(actor, { name: unit.name, shortName: unit.shortName, parentId })).id;
    if (!existing) counts.units++;
    unitIds.set(unit.key, id);
  }
  const unitId = (key: string) => {
    const id = unitIds.get(key);
    if (!id) throw new Error(`Demo data names an unknown unit: ${key}`);
    return id;
  };

  const userPassword = password ?? generatePassword();
  for (const user of DEMO_USERS) {
    if (await db.selectFrom('app_user').select('id').where('email', '=', user.email).executeTakeFirst()) continue;
    await services.users.create(actor, {
      email: user.email,
      displayName: user.displayName,
      password: userPassword,
      locale: 'de',
      roles: user.roles.map((r) => ({ orgUnitId: unitId(r.unit), role: r.role })),
    });
    counts.users++;
  }

  for (const { unit, ...system } of DEMO_SYSTEMS) {
    const orgUnitId = unitId(unit);
    if (await db.selectFrom('ai_system').select('id').where('name', '=', system.name).where('org_unit_id', '=', orgUnitId).executeTakeFirst()) continue;
    // Parse through the API schema so demo data obeys the same rules as user input.
    await services.systems.create(actor, AiSystemCreate.parse({ ...system, orgUnitId }));
    counts.systems++;
  }

  // Classifications, decided and (where the demo password is known) approved by the demo users themselves.
  const { questionnaire } = loadEuAiActCatalogs();
  const demoActor = async (email: string): Promise<Actor> => {
    const user = await findUserByEmail(db, email);
    if (!user) throw new Error(`Demo data names an unknown user: ${email}`);
    const roles = (await rolesOf(db, [user.id])).get(user.id) ?? [];
    return { userId: user.id, label: actorLabel(user), assignments: roles, clientAddress: null, via: 'session', clearance: clearanceOf(user) };
  };
  for (const c of DEMO_CLASSIFICATIONS) {
    const system = await db.selectFrom('ai_system').select(['id', 'classification_status']).where('name', '=', c.system).executeTakeFirst();
    if (!system || system.classification_status !== 'none') continue;
    const problems = validateAnswers(questionnaire, c.answers);
    if (problems.length > 0) throw new Error(`Demo answers for ${c.system} are invalid: ${JSON.stringify(problems)}`);
    const facts = ClassificationFacts.parse(answersToFacts(questionnaire, c.answers));
    const decider = await demoActor(c.decidedBy);
    const { revision } = await services.classification.decide(decider, system.id, { facts, answers: c.answers, note: c.note });
    if (c.approvedBy && counts.users > 0) {
      await services.classification.approve(await demoActor(c.approvedBy), system.id, { revision: revision.number, password: userPassword, comment: 'Demo' });
    }
    if (c.thenChange) {
      const current = await services.systems.get(actor, system.id);
      await services.systems.update(decider, system.id, { version: current.version, ...c.thenChange, reason: 'Erweiterter Einsatz geplant' });
    }
    counts.classifications++;
  }

  const context: QualityDemoContext = {
    database,
    services,
    system: actor,
    as: demoActor,
    userId: async (email) => (await demoActor(email)).userId!,
    unitId,
    password: counts.users > 0 ? userPassword : null,
  };
  const quality = await loadQualityDemo(context);
  const lab = await loadLabDemo(context);
  const documents = await loadDocumentsDemo(context, files !== undefined);
  let added = 0;
  for (const n of [...(Object.values(quality) as number[]), ...(Object.values(lab) as number[]), ...(Object.values(documents) as number[])]) added += n;

  if (counts.units + counts.users + counts.systems + counts.classifications + added === 0) {
    return { created: false, password: null, summary: 'The demo portfolio is loaded already; nothing changed.' };
  }
  const lines = [
    `Demo portfolio loaded: ${counts.units} organisational units, ${counts.users} users, ${counts.systems} AI systems, ${counts.classifications} classifications added.`,
    qualitySummary(quality),
    labSummary(lab),
    documentsSummary(documents),
    ...DEMO_USERS.map((u) => `  ${u.email} (${u.roles.map((r) => r.role).join(', ')})`),
    counts.users === 0 ? 'The demo users existed already; their passwords are unchanged.' : password ? 'The new demo users have the password you gave.' : `Password of every new demo user: ${userPassword}`,
  ];
  return { created: true, password: counts.users > 0 ? userPassword : null, summary: lines.join('\n') };
}

function qualitySummary(q: QualityCounts): string {
  return `Quality management: ${q.risks} risks, ${q.nonconformities} non-conformities, ${q.tasks} tasks, ${q.qmsDocuments} AIMS documents, `
    + `${q.courses} courses with ${q.trainingRequirements} requirements and ${q.trainingRecords} completions, ${q.vendors} vendors completed, `
    + `${q.assessments} supplier assessments, ${q.supplierDocuments} supplier document checklists added.`;
}

function documentsSummary(d: DocumentCounts): string {
  return `Generated documents: ${d.documents} documents with ${d.sectionTexts} section texts, ${d.versions} frozen versions, ${d.releases} releases added.`;
}

function labSummary(l: LabCounts): string {
  return `Test lab: ${l.models} models, ${l.datasets} datasets, ${l.versions} versions with ${l.custodyEvents} custody events, ${l.systemLinks} system links, `
    + `${l.methods} methods with ${l.validations} validations and ${l.authorisations} authorisations, ${l.environments} environments with ${l.verifications} verifications, `
    + `${l.plans} test plans, ${l.runs} runs, ${l.gates} release gates with ${l.gateSignatures} signatures added.`;
}
