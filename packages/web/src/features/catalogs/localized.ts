/** A text the catalogues carry in both languages, shown in the UI language. */
export function localized(text: { de: string; en: string } | null | undefined, language: string): string {
  if (text === null || text === undefined) return '';
  return language === 'en' ? text.en : text.de;
}

/** `catalogId:requirementId` → its two parts; the catalogue is empty when the key has no colon. */
export function splitRequirementKey(key: string): { catalogId: string; requirementId: string } {
  const at = key.indexOf(':');
  return at < 0 ? { catalogId: '', requirementId: key } : { catalogId: key.slice(0, at), requirementId: key.slice(at + 1) };
}

/** Where a requirement is shown: its catalogue page with the requirement opened. */
export function requirementHref(key: string): string {
  const { catalogId, requirementId } = splitRequirementKey(key);
  return `/catalogs/${encodeURIComponent(catalogId)}?req=${encodeURIComponent(requirementId)}`;
}
