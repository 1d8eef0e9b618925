import { AUTONOMY_LEVELS, LIFECYCLE_STAGES, OPERATOR_ROLES, SOURCINGS } from '../schemas/systems.js';
import { FUNDAMENTAL_RIGHTS, RISK_AFFECTED_AREAS, RISK_STATUSES, RISK_TREATMENTS } from '../schemas/risks.js';
import { MARKINGS } from '../access/clearance.js';
import { cellError, type BulkCellError } from './rows.js';

export const BULK_KINDS = ['systems', 'risks'] as const;
type BulkKind = (typeof BULK_KINDS)[number];
export type BulkLang = 'de' | 'en';

/**
 * How a cell reads: `text` as is (trimmed), `list` a comma/semicolon-separated list, `int` a whole number or empty
 * (null), `date` an ISO date or empty (null), `enum` one of `values` (the API's ids), `enums` a list of them.
 */
export type BulkColumnType = 'id' | 'version' | 'text' | 'list' | 'int' | 'date' | 'enum' | 'enums';

export interface BulkColumn {
  /** The API field (stable, English). */
  key: string;
  label: Record<BulkLang, string>;
  type: BulkColumnType;
  values?: readonly string[];
  /** Shown in exports for orientation, ignored on import. */
  readOnly?: boolean;
  /** Empty cells of a nullable column mean null; of others the empty text (or the list []). */
  nullable?: boolean;
  width?: number;
}

const col = (key: string, de: string, en: string, type: BulkColumnType, extra: Partial<BulkColumn> = {}): BulkColumn => ({ key, label: { de, en }, type, ...extra });

/** The inventory's columns, in file order. `id` and `version` empty: a new system. */
export const SYSTEM_COLUMNS: readonly BulkColumn[] = [
  col('id', 'ID', 'ID', 'id', { width: 38 }),
  col('version', 'Version', 'Version', 'version', { width: 9 }),
  col('name', 'Name', 'Name', 'text', { width: 32 }),
  col('shortName', 'Kurzname', 'Short name', 'text'),
  col('purpose', 'Zweckbestimmung', 'Intended purpose', 'text', { width: 40 }),
  col('description', 'Beschreibung', 'Description', 'text', { width: 40 }),
  col('orgUnitId', 'Organisationseinheit (ID)', 'Organisational unit (id)', 'id', { width: 38 }),
  col('orgUnitName', 'Organisationseinheit', 'Organisational unit', 'text', { readOnly: true }),
  col('responsible', 'Verantwortlich', 'Responsible', 'text'),
  col('lifecycleStage', 'Lebenszyklusphase', 'Lifecycle stage', 'enum', { values: LIFECYCLE_STAGES }),
  col('roles', 'Rollen', 'Roles', 'enums', { values: OPERATOR_ROLES }),
  col('sourcing', 'Herkunft', 'Sourcing', 'enum', { values: SOURCINGS }),
  col('vendor', 'Anbieter', 'Vendor', 'text'),
  col('deploymentContext', 'Einsatzkontext', 'Deployment context', 'text', { width: 30 }),
  col('affectedPersons', 'Betroffene Personen', 'Affected persons', 'text', { width: 30 }),
  col('autonomy', 'Autonomiegrad', 'Autonomy', 'enum', { values: AUTONOMY_LEVELS }),
  col('tags', 'Schlagwörter', 'Tags', 'list'),
  col('classification', 'Einstufung (VS)', 'Classification level', 'enum', { values: MARKINGS }),
  col('riskClass', 'Risikoklasse (KI-VO)', 'Risk class (AI Act)', 'text', { readOnly: true }),
];

/** The risk register's columns. `id` and `version` empty: a new risk of the system named by `systemId`. */
export const RISK_COLUMNS: readonly BulkColumn[] = [
  col('id', 'ID', 'ID', 'id', { width: 38 }),
  col('version', 'Version', 'Version', 'version', { width: 9 }),
  col('systemId', 'KI-System (ID)', 'AI system (id)', 'id', { width: 38 }),
  col('systemName', 'KI-System', 'AI system', 'text', { readOnly: true, width: 28 }),
  col('number', 'Nr.', 'No.', 'text', { readOnly: true, width: 7 }),
  col('title', 'Titel', 'Title', 'text', { width: 36 }),
  col('description', 'Beschreibung', 'Description', 'text', { width: 40 }),
  col('sourceId', 'Risikoquelle', 'Risk source', 'text', { nullable: true }),
  col('affected', 'Betroffene Schutzgüter', 'Affected areas', 'enums', { values: RISK_AFFECTED_AREAS }),
  col('rights', 'Grundrechte', 'Fundamental rights', 'enums', { values: FUNDAMENTAL_RIGHTS }),
  col('affectedGroups', 'Betroffene Gruppen', 'Affected groups', 'text'),
  col('likelihood', 'Eintrittswahrscheinlichkeit', 'Likelihood', 'int', { nullable: true }),
  col('impact', 'Auswirkung', 'Impact', 'int', { nullable: true }),
  col('treatment', 'Behandlung', 'Treatment', 'enum', { values: RISK_TREATMENTS, nullable: true }),
  col('measures', 'Maßnahmen', 'Measures', 'list'),
  col('residualLikelihood', 'Restrisiko: Eintrittswahrscheinlichkeit', 'Residual likelihood', 'int', { nullable: true }),
  col('residualImpact', 'Restrisiko: Auswirkung', 'Residual impact', 'int', { nullable: true }),
  col('owner', 'Risikoeigner', 'Risk owner', 'text'),
  col('nextReview', 'Nächste Überprüfung', 'Next review', 'date', { nullable: true }),
  col('status', 'Status', 'Status', 'enum', { values: RISK_STATUSES }),
];

export const BULK_COLUMNS: Record<BulkKind, readonly BulkColumn[]> = { systems: SYSTEM_COLUMNS, risks: RISK_COLUMNS };

/** The most rows one import takes. */
export const BULK_ROW_LIMIT = 5000;

const normalise = (text: string) => text.normalize('NFC').trim().toLocaleLowerCase('de').replace(/\s+/g, ' ');

/**
 * Which column each header cell names: the German or the English label, or the key itself (any case). Unknown
 * headers are reported; a column named twice too.
 */
export function mapHeader(kind: BulkKind, header: readonly string[]): { columns: (BulkColumn | null)[]; errors: BulkCellError[] } {
  const byName = new Map<string, BulkColumn>();
  for (const c of BULK_COLUMNS[kind]) for (const name of [c.key, c.label.de, c.label.en]) byName.set(normalise(name), c);
  const seen = new Set<string>();
  const errors: BulkCellError[] = [];
  const columns = header.map((cell) => {
    if (cell.trim() === '') return null;
    const column = byName.get(normalise(cell)) ?? null;
    if (!column) errors.push(cellError(cell, 'unknown-column', 'Unknown column'));
    else if (seen.has(column.key)) errors.push(cellError(cell, 'duplicate-column', 'Column appears twice'));
    else seen.add(column.key);
    return column;
  });
  for (const required of ['id', 'version'] as const) {
    if (!seen.has(required)) errors.push(cellError(required, 'missing-column', 'Column missing'));
  }
  return { columns, errors };
}
