import { useEffect, useState, type ChangeEvent } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import { useSearchParams } from 'react-router-dom';

/**
 * A searchable, paged list whose search text, page and page size live in the address (`q`, `page`, `size`). The
 * search is written to the address a moment after typing stops (and then goes back to the first page); page and size
 * changes are pushed, so the back button steps through them.
 */
export function useSearchedPages(sizes: readonly number[]) {
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(q, 250);
  const size = sizes.find((s) => String(s) === params.get('size')) ?? sizes[0]!;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);

  useEffect(() => {
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (debounced.trim() === '') next.delete('q');
      else next.set('q', debounced.trim());
      if ((p.get('q') ?? '') !== debounced.trim()) next.delete('page');
      return next;
    }, { replace: true });
  }, [debounced, setParams]);

  return {
    /** Value and change handler for the search field. */
    search: { value: q, onChange: (e: ChangeEvent<HTMLInputElement>) => setQ(e.currentTarget.value) },
    /** `q`, `limit` and `offset` for the list endpoint. */
    query: { q: debounced.trim() || undefined, limit: size, offset: (page - 1) * size },
    /** The props of the `Pager` but the total and its summary. */
    pager: {
      page,
      size,
      sizes,
      onPage: (value: number) =>
        setParams((p) => {
          const next = new URLSearchParams(p);
          if (value === 1) next.delete('page');
          else next.set('page', String(value));
          return next;
        }),
      onSize: (value: number) =>
        setParams((p) => {
          const next = new URLSearchParams(p);
          next.set('size', String(value));
          next.delete('page');
          return next;
        }),
    },
  };
}
