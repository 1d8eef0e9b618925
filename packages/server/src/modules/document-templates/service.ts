import { createHash } from 'node:crypto';
import {
  DOCUMENT_BUILDERS,
  sectionDefaults,
  templateProblem,
  templateSections,
  type DocumentLocale,
  type DocumentLogoInfo,
  type DocumentLogoUpload,
  type DocumentTemplateBody,
  type DocumentTemplateSave,
  type DocumentTemplateView,
  type DocumentType,
  type LogoMediaType,
} from '@konform/core';
import type { Database } from '../../db/database.js';
import type { DocumentLogoTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { invalid, notFound, versionConflict } from '../../http/errors.js';
import type { ExportFile } from '../../http/send-file.js';
import { checkedLogo } from './logo.js';
import { currentLogo, findTemplate, parseBody } from './repository.js';

export const TEMPLATE_ENTITY = 'document-template';
export const LOGO_ENTITY = 'document-logo';

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const digest = (body: DocumentTemplateBody | null) => (body ? sha256(JSON.stringify(body)) : null);

function logoInfo(row: DocumentLogoTable): DocumentLogoInfo {
  return { sha256: row.sha256, mediaType: row.media_type as LogoMediaType, size: Number(row.size), uploadedAt: row.uploaded_at, uploadedByLabel: row.uploaded_by_label };
}

/**
 * The organisation's templates of generated documents (one per type and language) and its logo. Templates are
 * organisation-wide: reading needs `document.read`, changing `document.configure` (checked by the route). Versions
 * freeze the template they are built with (see the documents service), so a change here reaches new versions only.
 */
export class DocumentTemplateService {
  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.db;
  }

  async get(_actor: Actor, type: DocumentType, locale: DocumentLocale): Promise<DocumentTemplateView> {
    const row = await findTemplate(this.db, type, locale);
    const body = row ? parseBody(row) : null;
    const defaults = sectionDefaults(DOCUMENT_BUILDERS[type], locale);
    const logo = await currentLogo(this.db);
    return {
      type, locale, custom: !!row, version: row ? Number(row.version) : 0, updatedAt: row?.updated_at ?? null, updatedByLabel: row?.updated_by_label ?? null,
      sections: templateSections(body, DOCUMENT_BUILDERS[type].sectionKeys).map((s) => ({ ...s, defaultHeading: defaults.get(s.key)?.heading ?? s.key, defaultGuidance: defaults.get(s.key)?.guidance ?? '' })),
      titlePage: { lines: body?.titlePage.lines ?? [] },
      logo: logo ? logoInfo(logo) : null,
    };
  }

  /** Saves the template (optimistic lock: the version as read, 0 while the defaults apply). */
  async save(actor: Actor, type: DocumentType, locale: DocumentLocale, input: DocumentTemplateSave): Promise<DocumentTemplateView> {
    const { version, ...rest } = input;
    const body: DocumentTemplateBody = { sections: rest.sections.map((s) => ({ ...s, intro: s.intro.trim() === '' ? '' : s.intro })), titlePage: rest.titlePage };
    const problem = templateProblem(body, DOCUMENT_BUILDERS[type].sectionKeys);
    if (problem) throw invalid(problem.field, problem.message);
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const row = await findTemplate(trx, type, locale);
      if ((row ? Number(row.version) : 0) !== version) throw versionConflict();
      const before = row ? parseBody(row) : null;
      const values = { body: JSON.stringify(body), version: version + 1, updated_at: now, updated_by_label: actor.label };
      if (row) {
        const done = await trx.updateTable('document_template').set(values).where('type', '=', type).where('locale', '=', locale).where('version', '=', version).executeTakeFirst();
        if (Number(done.numUpdatedRows) !== 1) throw versionConflict();
      } else {
        await trx.insertInto('document_template').values({ type, locale, ...values }).execute();
      }
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'template.update', entityType: TEMPLATE_ENTITY, entityId: `${type}/${locale}`,
        changes: [
          { field: 'order', before: (before?.sections ?? []).map((s) => s.key), after: body.sections.map((s) => s.key) },
          { field: 'titlePage', before: before?.titlePage.lines ?? [], after: body.titlePage.lines },
          { field: 'template', before: digest(before), after: digest(body) },
        ],
      }, now);
    });
    return this.get(actor, type, locale);
  }

  /** Back to the type's defaults; nothing to write (and no event) when no template was saved. */
  async reset(actor: Actor, type: DocumentType, locale: DocumentLocale): Promise<DocumentTemplateView> {
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const row = await findTemplate(trx, type, locale);
      if (!row) return;
      await trx.deleteFrom('document_template').where('type', '=', type).where('locale', '=', locale).execute();
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'template.reset', entityType: TEMPLATE_ENTITY, entityId: `${type}/${locale}`, changes: [{ field: 'template', before: digest(parseBody(row)), after: null }],
      }, now);
    });
    return this.get(actor, type, locale);
  }

  async logo(): Promise<ExportFile> {
    const row = await currentLogo(this.db);
    if (!row) throw notFound('Logo');
    return { body: Buffer.from(row.data, 'base64'), contentType: row.media_type, fileName: `logo.${row.media_type === 'image/png' ? 'png' : 'jpg'}` };
  }

  /** Sets the logo every template prints; earlier logos stay stored by hash for the versions frozen with them. */
  async setLogo(actor: Actor, input: DocumentLogoUpload): Promise<DocumentLogoInfo> {
    const bytes = await checkedLogo(input.mediaType, input.data);
    const hash = sha256(bytes);
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const before = await currentLogo(trx);
      if (before?.sha256 === hash) return;
      await trx.updateTable('document_logo').set({ current: 0 }).where('current', '=', 1).execute();
      const known = await trx.selectFrom('document_logo').select('sha256').where('sha256', '=', hash).executeTakeFirst();
      if (known) await trx.updateTable('document_logo').set({ current: 1, uploaded_at: now, uploaded_by_label: actor.label }).where('sha256', '=', hash).execute();
      else await trx.insertInto('document_logo').values({ sha256: hash, media_type: input.mediaType, data: bytes.toString('base64'), size: bytes.length, current: 1, uploaded_at: now, uploaded_by_label: actor.label }).execute();
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'template.logo', entityType: LOGO_ENTITY, entityId: hash,
        changes: [{ field: 'logo', before: before?.sha256 ?? null, after: { sha256: hash, mediaType: input.mediaType, size: bytes.length } }],
      }, now);
    });
    return logoInfo((await currentLogo(this.db))!);
  }

  /** No logo on new versions; the bytes stay for the versions frozen with it. */
  async removeLogo(actor: Actor): Promise<void> {
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const before = await currentLogo(trx);
      if (!before) return;
      await trx.updateTable('document_logo').set({ current: 0 }).where('sha256', '=', before.sha256).execute();
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'template.logo', entityType: LOGO_ENTITY, entityId: before.sha256, changes: [{ field: 'logo', before: before.sha256, after: null }],
      }, now);
    });
  }
}
