import type { ReactNode } from 'react';
import { Paper, Stack } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ListPage } from '@konform/core';
import { FullPageLoader } from '../app/route-guards';
import { ErrorAlert } from './error-alert';
import { Pager } from './pager';
import { PAGE_SIZES, type UrlFilters } from './use-url-filters';

interface Props<T> {
  /** The id of the heading in `header`, which labels the section. */
  titleId: string;
  /** The heading and the filters above the list. */
  header: ReactNode;
  list: UseQueryResult<ListPage<T>>;
  filters: Pick<UrlFilters, 'page' | 'size' | 'setPage' | 'setSize'>;
  /** The table of the loaded page. */
  table: (items: T[]) => ReactNode;
  /** The count beside the pager, e.g. "42 risks". */
  summary: (total: number) => string;
}

/** A section with a filtered, paged register: heading and filters, the table once loaded, and the pager below it. */
export function RegisterSection<T>({ titleId, header, list, filters, table, summary }: Props<T>) {
  return (
    <Paper withBorder component="section" aria-labelledby={titleId} aria-busy={list.isFetching}>
      <Stack gap="sm" p="lg" pb="sm">
        {header}
      </Stack>
      {list.data === undefined ? (
        list.isPending ? <FullPageLoader /> : <ErrorAlert error={list.error} />
      ) : (
        <>
          {table(list.data.items)}
          <div style={{ padding: '0 var(--mantine-spacing-sm) var(--mantine-spacing-sm)' }}>
            <Pager
              page={filters.page}
              size={filters.size}
              total={list.data.total}
              sizes={PAGE_SIZES}
              onPage={filters.setPage}
              onSize={filters.setSize}
              summary={summary(list.data.total)}
            />
          </div>
        </>
      )}
    </Paper>
  );
}
