import { useSearchParams } from 'react-router-dom';
import { RISK_STATUSES, type RiskStatus } from '@konform/core';
import { cellParam, parseCell, type HeatMapCell } from './risk-display';

export const RISK_PAGE_SIZES = [25, 50, 100, 200] as const;

function isStatus(value: string | null): value is RiskStatus {
  return value !== null && (RISK_STATUSES as readonly string[]).includes(value);
}

/**
 * The register's filters live in the address (status, cell, overdue, page, size), so a filtered list can be
 * bookmarked and the back button works; other parameters (e.g. `tab`) are kept.
 */
export function useRiskFilters() {
  const [search, setSearch] = useSearchParams();
  const status = search.get('status');
  const cell = parseCell(search.get('cell'));
  const overdue = search.get('overdue') === 'true';
  const requestedSize = Number(search.get('size'));
  const size = (RISK_PAGE_SIZES as readonly number[]).includes(requestedSize) ? requestedSize : 50;
  const page = Math.max(1, Number(search.get('page')) || 1);

  const update = (changes: Record<string, string | null>) =>
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === '') next.delete(key);
          else next.set(key, value);
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      },
      { replace: true },
    );

  return {
    status: isStatus(status) ? status : '',
    cell,
    overdue,
    page,
    size,
    /** Query parameters for the risk list endpoints. */
    params: {
      status: isStatus(status) ? status : undefined,
      cell: cell === null ? undefined : cellParam(cell),
      overdue: overdue ? 'true' : undefined,
      limit: size,
      offset: (page - 1) * size,
    },
    setStatus: (value: string) => update({ status: value }),
    setCell: (value: HeatMapCell | null) => update({ cell: value === null ? null : cellParam(value) }),
    setOverdue: (value: boolean) => update({ overdue: value ? 'true' : null }),
    setPage: (value: number) => update({ page: value <= 1 ? null : String(value) }),
    setSize: (value: number) => update({ size: String(value) }),
    clear: () => update({ status: null, cell: null, overdue: null }),
  };
}

export type RiskFilters = ReturnType<typeof useRiskFilters>;
