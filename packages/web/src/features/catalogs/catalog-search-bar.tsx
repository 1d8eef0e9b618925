import { useState, type ReactNode } from 'react';
import { Group, Paper, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';

/**
 * Search and filters kept in the address (`q` and the page's own parameters), so a filtered view can be bookmarked.
 * `text` is what the field shows; `q` is the trimmed text, debounced, for the query.
 */
export function useCatalogSearch() {
  const [search, setSearch] = useSearchParams();
  const [text, setText] = useState(search.get('q') ?? '');
  const [q] = useDebouncedValue(text.trim(), 300);
  const setParam = (key: string, value: string) =>
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === '') next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  const changeText = (value: string) => {
    setText(value);
    setParam('q', value.trim());
  };
  return { search, text, q, setParam, changeText };
}

export type CatalogSearch = ReturnType<typeof useCatalogSearch>;

interface Props {
  search: CatalogSearch;
  label: string;
  placeholder: string;
  /** The page's further filters, beside the text field. */
  children: ReactNode;
}

/** The filter bar of a catalogue page: a text search and the page's own filters. */
export function CatalogSearchBar({ search, label, placeholder, children }: Props) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" role="search" aria-label={t('catalogs.filters')}>
      <Group gap="md" align="flex-end">
        <TextInput
          label={label}
          placeholder={placeholder}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search.text}
          onChange={(e) => search.changeText(e.currentTarget.value)}
          style={{ flex: '1 1 16rem' }}
        />
        {children}
      </Group>
    </Paper>
  );
}
