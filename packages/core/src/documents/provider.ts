import { z } from 'zod';
import type { DocumentLocale } from '../schemas/documents.js';

/**
 * The provider of a system as the records name it, shared by the instructions for use, the declaration of conformity
 * and the registration data: the own organisation when it holds the provider role, otherwise the linked vendor.
 * `source` says which; `none` when neither is recorded.
 */
export const ProviderInput = z.object({
  source: z.enum(['organisation', 'vendor', 'none']),
  name: z.string(),
  address: z.string(),
  contact: z.string(),
});
export type ProviderInput = z.infer<typeof ProviderInput>;

/** A released document of the same system (declaration, instructions, technical documentation) as a reference. */
export const ReleasedDocumentRef = z.object({ documentId: z.string(), title: z.string(), number: z.number(), releasedAt: z.string() });
export type ReleasedDocumentRef = z.infer<typeof ReleasedDocumentRef>;

const PROVIDER_TEXT = {
  de: { name: 'Name', address: 'Anschrift', contact: 'Kontakt', source: { organisation: 'eigene Organisation (Anbieterrolle)', vendor: 'Lieferant laut Lieferantenverzeichnis', none: '' }, basis: 'Grundlage' },
  en: { name: 'Name', address: 'Address', contact: 'Contact', source: { organisation: 'own organisation (provider role)', vendor: 'vendor from the vendor register', none: '' }, basis: 'Basis' },
} as const;

/** The provider's details as key–value pairs in the document's language (empty values are dropped by keyValues). */
export function providerItems(provider: ProviderInput, lang: DocumentLocale): [string, string][] {
  const t = PROVIDER_TEXT[lang];
  return [[t.name, provider.name], [t.address, provider.address], [t.contact, provider.contact], [t.basis, t.source[provider.source]]];
}

/** The labels of the provider's fields, for `field-missing` subjects. */
export const providerFieldLabel = (field: 'name' | 'address' | 'contact', lang: DocumentLocale): string => PROVIDER_TEXT[lang][field];

/** One line of a released document reference, e.g. `Technische Dokumentation – X, Fassung 2 vom 2026-11-20`. */
export function releasedRefLine(ref: ReleasedDocumentRef, lang: DocumentLocale): string {
  const at = ref.releasedAt.slice(0, 10);
  return lang === 'de' ? `${ref.title}, Fassung ${ref.number} vom ${at} (Dokument ${ref.documentId})` : `${ref.title}, version ${ref.number} of ${at} (document ${ref.documentId})`;
}
