import { z } from 'zod';

/** A block of a generated document; renderers turn the same model into DOCX, PDF and Markdown. */
export const DocBlock = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('heading'), level: z.union([z.literal(1), z.literal(2), z.literal(3)]), text: z.string() }),
  z.strictObject({ type: z.literal('paragraph'), text: z.string() }),
  z.strictObject({ type: z.literal('list'), ordered: z.boolean().default(false), items: z.array(z.string()) }),
  /** `widths`: relative column widths (any positive numbers). */
  z.strictObject({ type: z.literal('table'), columns: z.array(z.string()).min(1), rows: z.array(z.array(z.string())), widths: z.array(z.number().positive()).optional() }),
  z.strictObject({ type: z.literal('keyValue'), items: z.array(z.strictObject({ key: z.string(), value: z.string() })) }),
  z.strictObject({ type: z.literal('pageBreak') }),
]);
export type DocBlock = z.infer<typeof DocBlock>;

/**
 * A document as Konform generates it: metadata shown on the title page and in every page's header and footer
 * (marking, document id, version, date), and the body as blocks.
 */
export const DocumentModel = z.strictObject({
  /** Stable id, e.g. `RISK-<system>-<date>`; printed on every page. */
  id: z.string().min(1),
  title: z.string().min(1),
  subtitle: z.string().optional(),
  version: z.string().min(1),
  /** ISO date the document speaks for. */
  date: z.iso.date(),
  language: z.enum(['de', 'en']),
  /** Classification marking printed at the top and bottom of every page, e.g. `VS – NUR FÜR DEN DIENSTGEBRAUCH`; null: none. */
  marking: z.string().nullable(),
  organisation: z.string().optional(),
  author: z.string().optional(),
  /** Lines printed on the title page above the title (the organisation's template: name, address, free text). */
  titlePage: z.strictObject({ lines: z.array(z.string()) }).optional(),
  /** The organisation's logo on the title page (PDF, DOCX; Markdown leaves it out): PNG or JPEG, base64. */
  logo: z.strictObject({ mediaType: z.enum(['image/png', 'image/jpeg']), data: z.base64() }).optional(),
  blocks: z.array(DocBlock),
});
export type DocumentModel = z.infer<typeof DocumentModel>;
export type DocumentModelInput = z.input<typeof DocumentModel>;

export const DOCUMENT_FORMATS = ['docx', 'pdf', 'md'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];
