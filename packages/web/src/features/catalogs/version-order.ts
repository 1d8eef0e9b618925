import type { CatalogVersionEntry } from '@konform/core';

/** The version a decided one is best compared with: the active one for a discarded version, else the next older accepted one. */
export function previousVersionOf(versions: CatalogVersionEntry[], version: string, activeVersion: string | null): string | null {
  const index = versions.findIndex((v) => v.version === version);
  if (index < 0) return null;
  if (versions[index]?.state === 'discarded') return activeVersion === version ? null : activeVersion;
  return versions.slice(index + 1).find((v) => v.state === 'active' || v.state === 'superseded')?.version ?? null;
}
