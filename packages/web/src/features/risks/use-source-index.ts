import { useMemo } from 'react';
import type { RiskSourceCatalog } from '@konform/core';
import { useRiskSources } from './risk-queries';

export type RiskSource = RiskSourceCatalog['sources'][number];

/** The risk-source catalogue indexed by id, and each source's official reference for tables. */
export function useSourceIndex() {
  const query = useRiskSources();
  return useMemo(() => {
    const sources = query.data?.sources ?? [];
    return {
      catalog: query.data,
      byId: new Map<string, RiskSource>(sources.map((s) => [s.id, s])),
      refs: new Map(sources.map((s) => [s.id, s.ref])),
    };
  }, [query.data]);
}
