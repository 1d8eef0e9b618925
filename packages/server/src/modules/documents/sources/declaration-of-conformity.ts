import type { DeclarationInputs } from '@konform/core';
import { authoredTexts, refuseUnlessHighRisk, type DocumentSource, type SourceContext } from './subject.js';
import { latestClassification, linkedVersions, providerOf, releasedDocument } from './system-records.js';

/**
 * Gathers the records for the EU declaration of conformity of one system: the system and its provider, the latest
 * classification (the declaration needs it approved) with its conformity-assessment procedure, the released technical
 * documentation, the catalogues of the requirement matrix, the datasets whose datasheet states personal data, and the
 * authored section texts.
 */
async function gatherDeclarationInputs({ db, registry, subject, documentId, lang, now }: SourceContext): Promise<DeclarationInputs> {
  if (subject.kind !== 'system') throw new Error('The EU declaration of conformity is about an AI system');
  const system = subject.system;
  const unit = await db.selectFrom('org_unit').select('name').where('id', '=', system.org_unit_id).executeTakeFirst();
  const classification = await latestClassification(db, system.id);
  const linked = await linkedVersions(db, system.id);
  const rows = await db.selectFrom('requirement_row').select('requirement_key').where('system_id', '=', system.id).execute();
  const catalogueIds = [...new Set(rows.map((r) => r.requirement_key.split(':')[0]!))].sort();
  return {
    builtAt: now,
    system: { id: system.id, name: system.name, shortName: system.short_name, purpose: system.purpose, unitName: unit?.name ?? '' },
    provider: await providerOf(db, system),
    classification: classification
      ? { number: classification.number, status: classification.status, riskClass: classification.riskClass, decidedAt: classification.decidedAt, conformityProcedure: classification.result.conformityProcedure ?? null }
      : null,
    technicalDocumentation: await releasedDocument(db, system.id, 'annex-iv'),
    catalogues: catalogueIds.map((id) => ({ id, title: registry.get(id)?.catalog.title[lang] ?? id })),
    personalDataSets: linked.datasets.filter((d) => d.datasheet?.personalData === true).map((d) => `${d.name} ${d.version}`),
    texts: await authoredTexts(db, documentId),
  };
}

export const declarationSource: DocumentSource = {
  subject: 'system',
  refuse: refuseUnlessHighRisk('The EU declaration of conformity'),
  gather: gatherDeclarationInputs,
};
