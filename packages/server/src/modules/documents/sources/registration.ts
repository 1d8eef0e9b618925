import type { RegistrationInputs } from '@konform/core';
import { authoredTexts, type DocumentSource, type DocumentSubject, type SourceContext } from './subject.js';
import { latestClassification, linkedVersions, parseList, providerOf, releasedDocument } from './system-records.js';

/**
 * Gathers the records for the registration data of one system: the system, its provider and unit, the latest
 * classification with the Annex III points, Art. 6(3) conditions, public-authority and law-enforcement facts and the
 * registrations it derived, linked models and datasets, the released declaration of conformity and instructions for
 * use, the approved fundamental rights impact assessment, and the authored section texts.
 */
async function gatherRegistrationInputs({ db, subject, documentId, now }: SourceContext): Promise<RegistrationInputs> {
  if (subject.kind !== 'system') throw new Error('The registration data are about an AI system');
  const system = subject.system;
  const unit = await db.selectFrom('org_unit').select('name').where('id', '=', system.org_unit_id).executeTakeFirst();
  const classification = await latestClassification(db, system.id);
  const linked = await linkedVersions(db, system.id);
  const fria = await db.selectFrom('fria_version').select(['number', 'approved_at']).where('system_id', '=', system.id).where('state', '=', 'approved')
    .orderBy('number', 'desc').executeTakeFirst();
  const c = classification;
  const grounds = c ? [...(c.result.reasons ?? []).filter((r) => r.code === 'derogation').map((r) => r.text), c.note].map((x) => x.trim()).filter((x) => x !== '').join(' ') : '';
  return {
    builtAt: now,
    system: {
      id: system.id, name: system.name, shortName: system.short_name, purpose: system.purpose, description: system.description, lifecycleStage: system.lifecycle_stage,
      unitName: unit?.name ?? '', roles: parseList(system.roles), riskClass: system.risk_class,
    },
    provider: await providerOf(db, system),
    classification: c
      ? {
          number: c.number, status: c.status, riskClass: c.riskClass, decidedAt: c.decidedAt, annexIII: c.facts.annexIII ?? [], derogation: c.facts.derogation ?? [],
          profiling: c.facts.profiling === true, publicAuthorityDeployer: c.facts.deployer?.publicAuthority === true,
          lawEnforcementOrMigration: c.facts.lawEnforcementOrMigrationContext === true, conformityProcedure: c.result.conformityProcedure ?? null,
          registrations: (c.result.registrations ?? []).map((r) => ({ by: r.by, database: r.database, basis: r.basis })), derogationGrounds: grounds,
        }
      : null,
    models: linked.models.map((m) => ({ name: m.name, version: m.version })),
    datasets: linked.datasets.map((d) => ({ name: d.name, version: d.version, role: d.role })),
    declaration: await releasedDocument(db, system.id, 'declaration-of-conformity'),
    instructions: await releasedDocument(db, system.id, 'instructions-for-use'),
    fria: fria?.approved_at ? { number: Number(fria.number), approvedAt: fria.approved_at } : null,
    personalData: linked.datasets.some((d) => d.datasheet?.personalData === true),
    texts: await authoredTexts(db, documentId),
  };
}

/**
 * Registration is due for high-risk systems and for Annex III systems whose provider concluded under Art. 6(3) that
 * they are not high-risk (Art. 49(2)); the latter carry a lower risk class, so a provider's limited- or minimal-risk
 * system is let through and the document itself says whether a duty follows from the classification.
 */
function refuseRegistration(subject: DocumentSubject) {
  if (subject.kind !== 'system') return null;
  const { risk_class: riskClass, roles } = subject.system;
  if (riskClass === 'high') return null;
  if ((riskClass === 'limited' || riskClass === 'minimal') && parseList(roles).includes('provider')) return null;
  return { code: 'not-high-risk', message: 'Registration under Art. 49 is drawn up for high-risk AI systems and for Annex III systems their provider concluded are not high-risk (Art. 6(3))' };
}

export const registrationSource: DocumentSource = {
  subject: 'system',
  refuse: refuseRegistration,
  gather: gatherRegistrationInputs,
};
