import { Table, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

interface Props {
  field: string;
  label: string;
  /** Current sort: `field` ascending, `-field` descending. */
  sort: string;
  onSort: (sort: string) => void;
}

/** A column header that sorts by its field; announces the state through aria-sort. */
export function SortableTh({ field, label, sort, onSort }: Props) {
  const { t } = useTranslation();
  const direction = sort === field ? 'ascending' : sort === `-${field}` ? 'descending' : 'none';
  const Icon = direction === 'ascending' ? IconArrowUp : direction === 'descending' ? IconArrowDown : IconArrowsSort;
  const next = direction === 'ascending' ? `-${field}` : field;
  return (
    <Table.Th aria-sort={direction}>
      <UnstyledButton className="sort-button" onClick={() => onSort(next)} title={t('common.sortBy', { column: label })}>
        {label}
        <Icon size={14} stroke={1.8} aria-hidden color={direction === 'none' ? 'var(--mantine-color-gray-6)' : undefined} />
      </UnstyledButton>
    </Table.Th>
  );
}
