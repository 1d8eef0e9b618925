import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { DocumentTemplateBody, LogoMediaType, type DocumentLocale, type DocumentType, type TemplateLogo } from '@konform/core';
import type { DB, DocumentLogoTable, DocumentTemplateTable } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Reading templates and logos, also for the documents service: the template a version is built with is frozen into
 * the version (`document_version.template`), so rendering it later never depends on the template as it is then.
 */

export const findTemplate = (db: Db, type: DocumentType, locale: DocumentLocale): Promise<DocumentTemplateTable | undefined> =>
  db.selectFrom('document_template').selectAll().where('type', '=', type).where('locale', '=', locale).executeTakeFirst();

export const currentLogo = (db: Db): Promise<DocumentLogoTable | undefined> =>
  db.selectFrom('document_logo').selectAll().where('current', '=', 1).executeTakeFirst();

export const logoByHash = (db: Db, sha256: string): Promise<DocumentLogoTable | undefined> =>
  db.selectFrom('document_logo').selectAll().where('sha256', '=', sha256).executeTakeFirst();

export const parseBody = (row: DocumentTemplateTable): DocumentTemplateBody => DocumentTemplateBody.parse(JSON.parse(row.body));

/** The template in force for a type and language; null: the type's defaults. */
export async function currentTemplate(db: Db, type: string, locale: string): Promise<DocumentTemplateBody | null> {
  const row = await findTemplate(db, type as DocumentType, locale as DocumentLocale);
  return row ? parseBody(row) : null;
}

/** What a version freezes: the template and the logo by hash (its bytes stay in `document_logo`). */
export const FrozenTemplate = z.object({
  template: DocumentTemplateBody.nullable(),
  logo: z.object({ sha256: z.string(), mediaType: LogoMediaType }).nullable(),
});
export type FrozenTemplate = z.infer<typeof FrozenTemplate>;

/** The template and logo in force now, as a version freezes them. */
export async function freezeTemplate(db: Db, type: string, locale: string): Promise<FrozenTemplate> {
  const logo = await currentLogo(db);
  return { template: await currentTemplate(db, type, locale), logo: logo ? { sha256: logo.sha256, mediaType: logo.media_type as LogoMediaType } : null };
}

/** The frozen template of a version with the logo's bytes; versions built before templates existed have none. */
export async function frozenTemplate(db: Db, frozen: string | null): Promise<{ template: DocumentTemplateBody | null; logo: TemplateLogo | null }> {
  if (!frozen) return { template: null, logo: null };
  const parsed = FrozenTemplate.parse(JSON.parse(frozen));
  const logo = parsed.logo ? await logoByHash(db, parsed.logo.sha256) : undefined;
  return { template: parsed.template, logo: logo ? { mediaType: logo.media_type as LogoMediaType, data: logo.data } : null };
}
