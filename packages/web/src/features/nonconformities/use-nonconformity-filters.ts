import { NONCONFORMITY_SEVERITIES, NONCONFORMITY_SOURCES, NONCONFORMITY_STATUSES } from '@konform/core';
import { oneOf, useUrlFilters } from '../../shared/use-url-filters';

/** The list's filters live in the address (status, severity, source, system, page, size); `tab` and others are kept. */
export function useNonconformityFilters(fixedSystemId?: string) {
  const { search, page, size, paging, update, setPage, setSize } = useUrlFilters();
  const status = oneOf(NONCONFORMITY_STATUSES, search.get('status'));
  const severity = oneOf(NONCONFORMITY_SEVERITIES, search.get('severity'));
  const source = oneOf(NONCONFORMITY_SOURCES, search.get('source'));
  const systemId = fixedSystemId ?? search.get('system') ?? '';

  return {
    status,
    severity,
    source,
    systemId,
    page,
    size,
    filtered: status !== '' || severity !== '' || source !== '' || (fixedSystemId === undefined && systemId !== ''),
    params: { status, severity, source, systemId, ...paging },
    setStatus: (value: string) => update({ status: value }),
    setSeverity: (value: string) => update({ severity: value }),
    setSource: (value: string) => update({ source: value }),
    setSystem: (value: string) => update({ system: value }),
    setPage,
    setSize,
  };
}

export type NonconformityFilters = ReturnType<typeof useNonconformityFilters>;
