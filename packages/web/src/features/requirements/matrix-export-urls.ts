import { withQuery } from '../../api/client';

export type MatrixExportFormat = 'xlsx' | 'csv';

function lang(language: string): 'de' | 'en' {
  return language === 'en' ? 'en' : 'de';
}

/** One AI system's compliance matrix as a file, with headers and texts in the UI language. */
export function systemMatrixExportUrl(systemId: string, format: MatrixExportFormat, language: string, all: boolean): string {
  return `/api${withQuery(`/systems/${encodeURIComponent(systemId)}/requirements/export`, { format, lang: lang(language), applies: all ? 'all' : 'true' })}`;
}

/** The whole portfolio's matrix rows (every system the reader may see) as a file. */
export function portfolioMatrixExportUrl(format: MatrixExportFormat, language: string): string {
  return `/api${withQuery('/requirements/export', { format, lang: lang(language) })}`;
}
