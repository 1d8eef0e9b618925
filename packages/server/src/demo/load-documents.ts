import { DOCUMENT_BUILDERS, DocumentCreate } from '@konform/core';
import type { QualityDemoContext } from './load-quality.js';
import { DEMO_DOCUMENTS, type DemoDocument } from './documents.js';

export interface DocumentCounts {
  documents: number;
  sectionTexts: number;
  versions: number;
  releases: number;
}

/**
 * The generated documents of the demo, written through the document service as the demo users: created, section
 * texts written, version 1 frozen, and (where the demo password is known and `release` allows it: the files of a
 * release need the installation's data and key directories) reviewed and released by two other people.
 * Every step is looked up first, so a second run adds nothing and an interrupted run is completed.
 */
export async function loadDocumentsDemo(ctx: QualityDemoContext, release: boolean): Promise<DocumentCounts> {
  const counts: DocumentCounts = { documents: 0, sectionTexts: 0, versions: 0, releases: 0 };
  const { db } = ctx.database;
  const documents = ctx.services.documents;

  const subjectIds = async (d: DemoDocument): Promise<{ systemId: string } | { modelVersionId: string }> => {
    if ('system' in d.subject) {
      const system = await db.selectFrom('ai_system').select('id').where('name', '=', d.subject.system).executeTakeFirst();
      if (!system) throw new Error(`Demo data names an unknown AI system: ${d.subject.system}`);
      return { systemId: system.id };
    }
    const version = await db.selectFrom('model_version').innerJoin('model', 'model.id', 'model_version.item_id').select('model_version.id')
      .where('model.name', '=', d.subject.model).where('model_version.label', '=', d.subject.label).executeTakeFirst();
    if (!version) throw new Error(`Demo data names an unknown model version: ${d.subject.model} ${d.subject.label}`);
    return { modelVersionId: version.id };
  };

  for (const d of DEMO_DOCUMENTS) {
    const author = await ctx.as(d.author);
    const ids = await subjectIds(d);
    let q = db.selectFrom('document').select('id').where('type', '=', d.type).where('locale', '=', 'de');
    q = 'systemId' in ids ? q.where('system_id', '=', ids.systemId) : q.where('model_version_id', '=', ids.modelVersionId);
    if (d.title) q = q.where('title', '=', d.title);
    let id = (await q.executeTakeFirst())?.id;
    if (!id) {
      id = (await documents.create(author, DocumentCreate.parse({ type: d.type, ...ids, locale: 'de', title: d.title }))).id;
      counts.documents++;
    }
    const keys = DOCUMENT_BUILDERS[d.type].sectionKeys;
    for (const [key, markdown] of Object.entries(d.texts)) {
      if (!keys.includes(key)) throw new Error(`Demo document ${d.type} names an unknown section: ${key}`);
      if (await db.selectFrom('document_section_text').select('version').where('document_id', '=', id).where('section_key', '=', key).executeTakeFirst()) continue;
      await documents.saveSection(author, id, key, { markdown, version: 0 });
      counts.sectionTexts++;
    }
    if (!d.freeze) continue;
    let version = await db.selectFrom('document_version').select(['number', 'status', 'version']).where('document_id', '=', id).where('number', '=', 1).executeTakeFirst();
    if (!version) {
      const frozen = await documents.freeze(author, id);
      version = { number: frozen.number, status: frozen.status, version: frozen.version };
      counts.versions++;
    }
    // Signatures need the demo users' password, known only on the run that created them.
    if (!d.release || !release || ctx.password === null || version.status === 'released') continue;
    let current = await documents.version(author, id, 1);
    if (current.status === 'draft') current = await documents.submit(author, id, 1, { version: current.version });
    if (!current.signoffs.some((s) => s.meaning === 'reviewed')) {
      current = await documents.review(await ctx.as(d.release.reviewer), id, 1, { version: current.version, password: ctx.password, comment: 'Inhaltlich geprüft (Demo).' });
    }
    await documents.release(await ctx.as(d.release.approver), id, 1, { version: current.version, password: ctx.password, comment: 'Freigabe (Demo).' });
    counts.releases++;
  }
  return counts;
}
