import { useSearchParams } from 'react-router-dom';
import { NONCONFORMITY_SEVERITIES, NONCONFORMITY_SOURCES, NONCONFORMITY_STATUSES } from '@konform/core';

export const NC_PAGE_SIZES = [25, 50, 100, 200] as const;

function oneOf<T extends string>(list: readonly T[], value: string | null): T | '' {
  return value !== null && (list as readonly string[]).includes(value) ? (value as T) : '';
}

/** The list's filters live in the address (status, severity, source, system, page, size); `tab` and others are kept. */
export function useNonconformityFilters(fixedSystemId?: string) {
  const [search, setSearch] = useSearchParams();
  const status = oneOf(NONCONFORMITY_STATUSES, search.get('status'));
  const severity = oneOf(NONCONFORMITY_SEVERITIES, search.get('severity'));
  const source = oneOf(NONCONFORMITY_SOURCES, search.get('source'));
  const systemId = fixedSystemId ?? search.get('system') ?? '';
  const requestedSize = Number(search.get('size'));
  const size = (NC_PAGE_SIZES as readonly number[]).includes(requestedSize) ? requestedSize : 50;
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
    status,
    severity,
    source,
    systemId,
    page,
    size,
    filtered: status !== '' || severity !== '' || source !== '' || (fixedSystemId === undefined && systemId !== ''),
    params: { status, severity, source, systemId, limit: size, offset: (page - 1) * size },
    setStatus: (value: string) => update({ status: value }),
    setSeverity: (value: string) => update({ severity: value }),
    setSource: (value: string) => update({ source: value }),
    setSystem: (value: string) => update({ system: value }),
    setPage: (value: number) => update({ page: value <= 1 ? null : String(value) }),
    setSize: (value: number) => update({ size: String(value) }),
  };
}

export type NonconformityFilters = ReturnType<typeof useNonconformityFilters>;
