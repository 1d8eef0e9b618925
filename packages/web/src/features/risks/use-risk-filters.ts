import { RISK_STATUSES } from '@konform/core';
import { oneOf, useUrlFilters } from '../../shared/use-url-filters';
import { cellParam, parseCell, type HeatMapCell } from './risk-display';

/**
 * The register's filters live in the address (status, cell, overdue, page, size), so a filtered list can be
 * bookmarked and the back button works; other parameters (e.g. `tab`) are kept.
 */
export function useRiskFilters() {
  const { search, page, size, paging, update, setPage, setSize } = useUrlFilters();
  const status = oneOf(RISK_STATUSES, search.get('status'));
  const cell = parseCell(search.get('cell'));
  const overdue = search.get('overdue') === 'true';

  return {
    status,
    cell,
    overdue,
    page,
    size,
    /** Query parameters for the risk list endpoints. */
    params: {
      status: status || undefined,
      cell: cell === null ? undefined : cellParam(cell),
      overdue: overdue ? 'true' : undefined,
      ...paging,
    },
    setStatus: (value: string) => update({ status: value }),
    setCell: (value: HeatMapCell | null) => update({ cell: value === null ? null : cellParam(value) }),
    setOverdue: (value: boolean) => update({ overdue: value ? 'true' : null }),
    setPage,
    setSize,
    clear: () => update({ status: null, cell: null, overdue: null }),
  };
}

export type RiskFilters = ReturnType<typeof useRiskFilters>;
