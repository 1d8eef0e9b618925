import type { ComponentProps } from 'react';
import { Paper } from '@mantine/core';
import { ErrorAlert } from './error-alert';
import { Pager } from './pager';
import { RegisterTable } from './register-table';

type Props = Omit<ComponentProps<typeof RegisterTable>, 'scrollWhenEmpty'> & {
  /** The list query's error, shown above the table. */
  error: unknown;
  /** The pager's page, size and handlers (see `useSearchedPages`). */
  pager: Omit<ComponentProps<typeof Pager>, 'total' | 'summary'>;
  total: number;
  /** The count beside the pager, e.g. "42 suppliers". */
  summary: string;
};

/** A register table in a frame with the list's error above it and the pager below it; the table always scrolls sideways. */
export function PagedRegister({ error, pager, total, summary, ...table }: Props) {
  return (
    <>
      <ErrorAlert error={error} />
      <Paper withBorder>
        <RegisterTable {...table} scrollWhenEmpty />
      </Paper>
      <Pager {...pager} total={total} summary={summary} />
    </>
  );
}
