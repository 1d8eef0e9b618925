import type { TFunction } from 'i18next';
import { OPERATOR_ROLES, type CatalogDiff, type OperatorRole } from '@konform/core';
import { formatDate } from '../../i18n/format';
import { formatLegalRef } from '../../i18n/legal-ref';
import { localized } from './localized';

export type DiffChange = CatalogDiff['changed'][number]['changes'][number];
export type DiffField = DiffChange['field'];

type Text = { de: string; en: string };

function isText(value: unknown): value is Text {
  return typeof value === 'object' && value !== null && typeof (value as Text).de === 'string' && typeof (value as Text).en === 'string';
}

function isRole(value: unknown): value is OperatorRole {
  return OPERATOR_ROLES.some((r) => r === value);
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

/**
 * One side of a changed requirement field, as the reader sees it: dates in the UI language, texts in the UI language,
 * roles by name, evidence hints one per line, conditions as compact JSON.
 */
export function formatDiffValue(field: DiffField, value: unknown, language: string, t: TFunction): string {
  if (isEmpty(value)) return '–';
  switch (field) {
    case 'date':
    case 'appliesFrom':
      return typeof value === 'string' ? formatDate(value, language) : JSON.stringify(value);
    case 'title':
    case 'description':
      return isText(value) ? localized(value, language) : JSON.stringify(value);
    case 'evidence':
      if (!Array.isArray(value)) return JSON.stringify(value);
      return value.length === 0 ? '–' : value.map((item) => (isText(item) ? localized(item, language) : JSON.stringify(item))).join('\n');
    case 'roles':
      if (!Array.isArray(value)) return JSON.stringify(value);
      return value.length === 0 ? t('catalogs.rolesAll') : value.map((role) => (isRole(role) ? t(`system.operatorRoles.${role}`) : JSON.stringify(role))).join(', ');
    case 'kind':
      return value === 'group' || value === 'requirement' ? t(`catalogs.diff.kinds.${value}`) : JSON.stringify(value);
    case 'ref':
      return typeof value === 'string' ? formatLegalRef(value, language) : JSON.stringify(value);
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}
