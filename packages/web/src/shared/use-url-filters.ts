import { useSearchParams } from 'react-router-dom';

/** The page sizes a filtered list offers. */
export const PAGE_SIZES = [25, 50, 100, 200] as const;

/** The value if it is one of the list's, otherwise '' (no filter). */
export function oneOf<T extends string>(list: readonly T[], value: string | null): T | '' {
  return value !== null && (list as readonly string[]).includes(value) ? (value as T) : '';
}

/**
 * A list's filters live in the address, so a filtered list can be bookmarked and the back button works. This reads
 * the page and its size and writes changes: an empty value removes its parameter, any change but the page's own goes
 * back to the first page, other parameters (e.g. `tab`) are kept, and the address is replaced rather than pushed.
 */
export function useUrlFilters(sizes: readonly number[] = PAGE_SIZES, defaultSize = 50) {
  const [search, setSearch] = useSearchParams();
  const requestedSize = Number(search.get('size'));
  const size = sizes.includes(requestedSize) ? requestedSize : defaultSize;
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
    search,
    page,
    size,
    /** `limit` and `offset` for the list endpoint. */
    paging: { limit: size, offset: (page - 1) * size },
    update,
    setPage: (value: number) => update({ page: value <= 1 ? null : String(value) }),
    setSize: (value: number) => update({ size: String(value) }),
  };
}

export type UrlFilters = ReturnType<typeof useUrlFilters>;
