import type { TFunction } from 'i18next';
import { AUTONOMY_LEVELS, LIFECYCLE_STAGES, OPERATOR_ROLES, SOURCINGS } from '@konform/core';
import { formatDateTime } from '../../i18n/format';
import { isOneOf } from '../../shared/is-one-of';

const SYSTEM_FIELDS = [
  'name', 'shortName', 'purpose', 'description', 'orgUnitId', 'responsible', 'lifecycleStage', 'roles',
  'sourcing', 'vendor', 'deploymentContext', 'affectedPersons', 'autonomy', 'tags', 'archivedAt', 'createdAt', 'updatedAt', 'version',
] as const;
type SystemField = (typeof SYSTEM_FIELDS)[number];

function isSystemField(field: string): field is SystemField {
  return (SYSTEM_FIELDS as readonly string[]).includes(field);
}

// The vendor's name shows the change of vendor; its record id says nothing to a reader.
const HIDDEN_FIELDS = new Set(['id', 'version', 'createdAt', 'updatedAt', 'vendorId']);

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Changes worth showing, in the order of the form: no bookkeeping fields, no empty-to-empty rows. */
export function visibleChanges<C extends { field: string; before: unknown; after: unknown }>(changes: readonly C[]): C[] {
  const rank = (field: string) => {
    const index = (SYSTEM_FIELDS as readonly string[]).indexOf(field);
    return index === -1 ? SYSTEM_FIELDS.length : index;
  };
  return changes
    .filter((c) => !HIDDEN_FIELDS.has(c.field) && !(isEmpty(c.before) && isEmpty(c.after)))
    .sort((a, b) => rank(a.field) - rank(b.field) || a.field.localeCompare(b.field));
}

export function fieldLabel(field: string, t: TFunction): string {
  return isSystemField(field) ? t(`system.fields.${field}`) : field;
}

function scalar(field: string, value: unknown, t: TFunction, language: string, unitNames: Map<string, string>): string {
  if (value === null || value === undefined || value === '') return t('common.none');
  if (field === 'lifecycleStage' && isOneOf(LIFECYCLE_STAGES, value)) return t(`system.stages.${value}`);
  if (field === 'roles' && isOneOf(OPERATOR_ROLES, value)) return t(`system.operatorRoles.${value}`);
  if (field === 'sourcing' && isOneOf(SOURCINGS, value)) return t(`system.sourcings.${value}`);
  if (field === 'autonomy' && isOneOf(AUTONOMY_LEVELS, value)) return t(`system.autonomyLevels.${value}`);
  if (field === 'orgUnitId' && typeof value === 'string') return unitNames.get(value) ?? value;
  if (field.endsWith('At') && typeof value === 'string') return formatDateTime(value, language);
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** A before/after value of an audited change, in words a reader understands. */
export function formatChangeValue(field: string, value: unknown, t: TFunction, language: string, unitNames: Map<string, string>): string {
  if (Array.isArray(value)) {
    return value.length === 0 ? t('common.none') : value.map((v) => scalar(field, v, t, language, unitNames)).join(', ');
  }
  return scalar(field, value, t, language, unitNames);
}
