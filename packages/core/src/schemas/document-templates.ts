import { z } from 'zod';
import { Timestamp } from './common.js';
import { DocumentLocale, DocumentType } from './documents.js';

/**
 * Templates of generated documents (#9), one per organisation, type and language: the order of the sections, their
 * headings and guidance in the organisation's own wording, an optional introduction per section and the lines of
 * the title page (e.g. the authority's name and address). One logo serves every template. A version freezes the
 * template it was built with, so a later change never alters what a released version shows.
 */
export const TEMPLATE_LIMITS = { sections: 40, key: 80, heading: 200, guidance: 2000, intro: 4000, titleLines: 12, titleLine: 200 } as const;

export const LOGO_MEDIA_TYPES = ['image/png', 'image/jpeg'] as const;
export const LogoMediaType = z.enum(LOGO_MEDIA_TYPES);
export type LogoMediaType = z.infer<typeof LogoMediaType>;
/** The largest logo accepted, in bytes (512 KiB). */
export const LOGO_MAX_BYTES = 512 * 1024;

export const DocumentTemplateSection = z.strictObject({
  key: z.string().min(1).max(TEMPLATE_LIMITS.key),
  /** null: the type's own heading. */
  heading: z.string().trim().min(1).max(TEMPLATE_LIMITS.heading).nullable(),
  /** null: the type's own guidance. */
  guidance: z.string().trim().max(TEMPLATE_LIMITS.guidance).nullable(),
  /** Markdown printed under the heading before the section's content; '' none. */
  intro: z.string().max(TEMPLATE_LIMITS.intro),
});
export type DocumentTemplateSection = z.infer<typeof DocumentTemplateSection>;

/** What a template holds (stored, and frozen into a version). `sections` lists every section key once, in print order. */
export const DocumentTemplateBody = z.strictObject({
  sections: z.array(DocumentTemplateSection).max(TEMPLATE_LIMITS.sections),
  titlePage: z.strictObject({ lines: z.array(z.string().trim().min(1).max(TEMPLATE_LIMITS.titleLine)).max(TEMPLATE_LIMITS.titleLines) }),
});
export type DocumentTemplateBody = z.infer<typeof DocumentTemplateBody>;

/** PUT body: the template and the version as read (0 while the type still prints its defaults). */
export const DocumentTemplateSave = DocumentTemplateBody.extend({ version: z.number().int().min(0) });
export type DocumentTemplateSave = z.infer<typeof DocumentTemplateSave>;

export const DocumentTemplateParams = z.strictObject({ type: DocumentType, locale: DocumentLocale });
export type DocumentTemplateParams = z.infer<typeof DocumentTemplateParams>;

export const DocumentLogoInfo = z.object({
  sha256: z.string(),
  mediaType: LogoMediaType,
  size: z.number().int(),
  uploadedAt: Timestamp,
  uploadedByLabel: z.string(),
});
export type DocumentLogoInfo = z.infer<typeof DocumentLogoInfo>;

/** PUT /api/document-templates/logo: the image as base64 (PNG or JPEG, at most 512 KiB decoded). */
export const DocumentLogoUpload = z.strictObject({
  mediaType: LogoMediaType,
  // Generous here; the decoded size is checked by the server, which names the field and the limit.
  data: z.string().min(1).max(2 * LOGO_MAX_BYTES),
});
export type DocumentLogoUpload = z.infer<typeof DocumentLogoUpload>;

/** A template as the settings page sees it: every section in print order, with the type's defaults beside the overrides. */
export const DocumentTemplateView = z.object({
  type: DocumentType,
  locale: DocumentLocale,
  /** false: nothing saved, the type's defaults apply. */
  custom: z.boolean(),
  version: z.number().int(),
  updatedAt: Timestamp.nullable(),
  updatedByLabel: z.string().nullable(),
  sections: z.array(DocumentTemplateSection.extend({ defaultHeading: z.string(), defaultGuidance: z.string() })),
  titlePage: z.object({ lines: z.array(z.string()) }),
  logo: DocumentLogoInfo.nullable(),
});
export type DocumentTemplateView = z.infer<typeof DocumentTemplateView>;
