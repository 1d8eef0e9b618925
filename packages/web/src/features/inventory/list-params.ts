import { LIFECYCLE_STAGES, OPERATOR_ROLES, RISK_CLASSES, SYSTEM_SORT_FIELDS, type LifecycleStage, type OperatorRole, type RiskClass } from '@konform/core';
import { CLASSIFICATION_FILTERS, type ClassificationFilter } from '../classification/classification-types';

export const PAGE_SIZES = [25, 50, 100] as const;
export type SortField = (typeof SYSTEM_SORT_FIELDS)[number];
export type ArchivedFilter = 'false' | 'true' | 'all';

/** The inventory list's state, kept in the URL query string. */
export interface ListParams {
  q: string;
  unit: string;
  stage: LifecycleStage | '';
  role: OperatorRole | '';
  archived: ArchivedFilter;
  riskClass: RiskClass | '';
  classification: ClassificationFilter | '';
  sort: string;
  page: number;
  size: number;
}

export const DEFAULT_PARAMS: ListParams = { q: '', unit: '', stage: '', role: '', archived: 'false', riskClass: '', classification: '', sort: 'name', page: 1, size: 25 };

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T | ''): T | '' {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

export function parseListParams(search: URLSearchParams): ListParams {
  const sort = search.get('sort') ?? DEFAULT_PARAMS.sort;
  const page = Number.parseInt(search.get('page') ?? '1', 10);
  const size = Number.parseInt(search.get('size') ?? '25', 10);
  const archived = search.get('archived');
  return {
    q: search.get('q') ?? '',
    unit: search.get('unit') ?? '',
    stage: oneOf(search.get('stage'), LIFECYCLE_STAGES, ''),
    role: oneOf(search.get('role'), OPERATOR_ROLES, ''),
    archived: archived === 'true' || archived === 'all' ? archived : 'false',
    riskClass: oneOf(search.get('riskClass'), RISK_CLASSES, ''),
    classification: oneOf(search.get('classification'), CLASSIFICATION_FILTERS, ''),
    sort: (SYSTEM_SORT_FIELDS as readonly string[]).includes(sort.replace(/^-/, '')) ? sort : DEFAULT_PARAMS.sort,
    page: Number.isFinite(page) && page >= 1 ? page : 1,
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PARAMS.size,
  };
}

/** Only non-default values go into the URL, so a plain /systems stays clean. */
export function toSearchParams(params: ListParams): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of Object.keys(DEFAULT_PARAMS) as (keyof ListParams)[]) {
    const value = params[key];
    if (value !== DEFAULT_PARAMS[key]) search.set(key, String(value));
  }
  return search;
}

/** The API query for the list endpoint. */
export function toApiQuery(params: ListParams) {
  return {
    q: params.q.trim(),
    unit: params.unit,
    stage: params.stage,
    role: params.role,
    archived: params.archived,
    riskClass: params.riskClass,
    classification: params.classification,
    sort: params.sort,
    limit: params.size,
    offset: (params.page - 1) * params.size,
  };
}
