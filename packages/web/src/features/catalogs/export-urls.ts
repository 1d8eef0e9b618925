import type { CatalogExportFormat } from '@konform/core';
import { withQuery } from '../../api/client';

/** A catalogue version as a file (OSCAL JSON, Konform YAML or XLSX); the active version when none is named. */
export function catalogExportUrl(id: string, format: CatalogExportFormat, version?: string): string {
  return `/api${withQuery(`/catalogs/${encodeURIComponent(id)}/export`, { format, version })}`;
}
