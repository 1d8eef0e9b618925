// Pure helpers for the fundamental rights impact assessment (Art. 27 KI-VO): which fields each element holds,
// suggestions from the records, what a save sends and which version is exported.
import { EMPTY_FRIA_CONTENT, type FriaContent, type FriaElement, type FriaState, type FriaVersion } from '@konform/core';

/** The content fields of each element (a)–(f) of Art. 27(1). */
export const ELEMENT_FIELDS: Record<FriaElement, readonly (keyof FriaContent)[]> = {
  a: ['processes'],
  b: ['period', 'frequency'],
  c: ['affectedCategories'],
  d: ['risksOfHarm', 'riskIds'],
  e: ['humanOversight'],
  f: ['materialisationMeasures', 'complaintMechanism', 'internalGovernance'],
};

export type FriaSuggestions = FriaState['suggestions'];

/** What "apply the suggestion from the records" writes into an element; null when the records suggest nothing. */
export function suggestionFor(element: FriaElement, suggestions: FriaSuggestions): Partial<FriaContent> | null {
  switch (element) {
    case 'a':
      return suggestions.processes.trim() === '' ? null : { processes: suggestions.processes };
    case 'c':
      return suggestions.affectedCategories.trim() === '' ? null : { affectedCategories: suggestions.affectedCategories };
    case 'd':
      return suggestions.risksOfHarm.trim() === '' && suggestions.riskIds.length === 0 ? null : { risksOfHarm: suggestions.risksOfHarm, riskIds: [...suggestions.riskIds] };
    case 'e':
      return suggestions.humanOversight.trim() === '' ? null : { humanOversight: suggestions.humanOversight };
    default:
      return null;
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && (a as unknown[]).map(String).sort().join('\n') === (b as unknown[]).map(String).sort().join('\n');
  if (typeof a === 'string' && typeof b === 'string') return a.trim() === b.trim();
  return a === b;
}

/** True when every field of the patch already holds its value (the suggestion is applied). */
export function holds(values: FriaContent, patch: Partial<FriaContent>): boolean {
  return (Object.keys(patch) as (keyof FriaContent)[]).every((key) => sameValue(values[key], patch[key]));
}

/** Same content as the server stores it (strings are trimmed, the order of risks does not matter). */
export function sameContent(a: FriaContent, b: FriaContent): boolean {
  return (Object.keys(EMPTY_FRIA_CONTENT) as (keyof FriaContent)[]).every((key) => sameValue(a[key], b[key]));
}

/** The form starts from the newest version (draft or approved), or empty. */
export function initialContent(current: FriaVersion | null): FriaContent {
  const content = current?.content ?? EMPTY_FRIA_CONTENT;
  return { ...content, riskIds: [...content.riskIds] };
}

/** The version a save sends: the draft's lock, or 0 to start a new draft (none yet, or after an approved version). */
export function saveVersion(current: FriaVersion | null): number {
  return current?.state === 'draft' ? current.version : 0;
}

/** The content as sent: strings trimmed like the server does. */
export function savePayload(current: FriaVersion | null, values: FriaContent, reason: string) {
  const content = Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, typeof value === 'string' ? value.trim() : value]),
  ) as FriaContent;
  const trimmed = reason.trim();
  return { version: saveVersion(current), content, ...(trimmed === '' ? {} : { reason: trimmed }) };
}

/** The number the next save gets: the draft's own, or the one after the newest version. */
export function nextNumber(current: FriaVersion | null): number {
  if (current === null) return 1;
  return current.state === 'draft' ? current.number : current.number + 1;
}

/** The version exported unless the reader picks another: the approved one, else the newest. */
export function defaultExportNumber(state: Pick<FriaState, 'approved' | 'versions'>): number | null {
  return state.approved?.number ?? state.versions[0]?.number ?? null;
}
