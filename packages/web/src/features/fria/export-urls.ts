import { withQuery } from '../../api/client';

export type FriaExportFormat = 'pdf' | 'docx' | 'md';
export type RiskReportFormat = 'pdf' | 'docx' | 'xlsx' | 'md';

function lang(language: string): 'de' | 'en' {
  return language === 'en' ? 'en' : 'de';
}

/** The FRIA as the notification to the market surveillance authority (Art. 27(3)), in the UI language. */
export function friaExportUrl(systemId: string, format: FriaExportFormat, language: string, number?: number | null): string {
  return `/api${withQuery(`/systems/${encodeURIComponent(systemId)}/fria/export`, { format, lang: lang(language), number })}`;
}

/** The system's risk report (DOCX, PDF, Markdown) or register (XLSX), in the UI language. */
export function riskReportUrl(systemId: string, format: RiskReportFormat, language: string): string {
  return `/api${withQuery(`/systems/${encodeURIComponent(systemId)}/risks/export`, { format, lang: lang(language) })}`;
}
