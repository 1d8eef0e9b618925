import { Group, NativeSelect, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface Props {
  page: number;
  size: number;
  total: number;
  sizes: readonly number[];
  onPage: (page: number) => void;
  onSize: (size: number) => void;
  /** Shown before the page controls, e.g. "42 AI systems". */
  summary: string;
}

/** Total count, page size select and page navigation below a table. */
export function Pager({ page, size, total, sizes, onPage, onSize, summary }: Props) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / size));
  return (
    <Group justify="space-between" mt="sm" gap="md">
      <Group gap="md">
        <Text fz="sm" c="dimmed" aria-live="polite">
          {summary}
        </Text>
        <NativeSelect
          size="xs"
          label={t('common.pageSize')}
          styles={{ root: { display: 'flex', alignItems: 'center', gap: 8 }, label: { fontWeight: 400 } }}
          value={String(size)}
          data={sizes.map((s) => String(s))}
          onChange={(event) => onSize(Number(event.currentTarget.value))}
        />
      </Group>
      {pages > 1 ? (
        <nav aria-label={t('common.pagination')}>
          <Pagination
            size="sm"
            total={pages}
            value={Math.min(page, pages)}
            onChange={onPage}
            withEdges
            getItemProps={(p) => ({ 'aria-label': t('common.page', { page: p }) })}
            getControlProps={(control) => ({
              'aria-label':
                control === 'first'
                  ? t('common.firstPage')
                  : control === 'previous'
                    ? t('common.previousPage')
                    : control === 'next'
                      ? t('common.nextPage')
                      : t('common.lastPage'),
            })}
          />
        </nav>
      ) : null}
    </Group>
  );
}
