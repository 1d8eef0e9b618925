import type { Kysely } from 'kysely';
import type { AuthoredTexts, DocumentLocale, DocumentSubjectKind } from '@konform/core';
import type { AiSystemTable, DB, ModelVersionTable, TestItemTable } from '../../../db/schema.js';
import type { CatalogRegistry } from '../../../catalogs/registry.js';

/** What a document is about: an AI system, or one version of a model (model card). */
export type DocumentSubject =
  | { kind: 'system'; system: AiSystemTable }
  | { kind: 'model-version'; version: ModelVersionTable; model: TestItemTable };

/** Everything a source needs to gather a document's inputs; `db` may be a transaction. */
export interface SourceContext {
  db: Kysely<DB>;
  /** The catalogue registry, read before any transaction (SQLite has one connection). */
  registry: CatalogRegistry;
  subject: DocumentSubject;
  documentId: string;
  lang: DocumentLocale;
  now: string;
}

/**
 * How one document type gathers its inputs from the records (the pure builder in core turns them into sections).
 * `refuse` names why a subject does not get a document of this type (e.g. not high-risk), or null.
 */
export interface DocumentSource {
  subject: DocumentSubjectKind;
  refuse?(subject: DocumentSubject): { code: string; message: string } | null;
  gather(ctx: SourceContext): Promise<{ texts: AuthoredTexts }>;
}

export const subjectName = (subject: DocumentSubject): string =>
  subject.kind === 'system' ? subject.system.name : `${subject.model.name} ${subject.version.label}`;

export const subjectUnitId = (subject: DocumentSubject): string => (subject.kind === 'system' ? subject.system.org_unit_id : subject.model.org_unit_id);

/** The authored section texts of a document as frozen into a version. */
export async function authoredTexts(db: Kysely<DB>, documentId: string): Promise<AuthoredTexts> {
  const texts = await db.selectFrom('document_section_text').selectAll().where('document_id', '=', documentId).execute();
  return Object.fromEntries(texts.map((x) => [x.section_key, { markdown: x.markdown, updatedById: x.updated_by_id, updatedByLabel: x.updated_by_label }]));
}

export async function unitName(db: Kysely<DB>, unitId: string): Promise<string> {
  return (await db.selectFrom('org_unit').select('name').where('id', '=', unitId).executeTakeFirst())?.name ?? '';
}

/** The refusal of document types drawn up only for high-risk AI systems. */
export function refuseUnlessHighRisk(what: string) {
  return (subject: DocumentSubject) =>
    subject.kind === 'system' && subject.system.risk_class !== 'high'
      ? { code: 'not-high-risk', message: `${what} is drawn up for high-risk AI systems; classify the system as high-risk first` }
      : null;
}
