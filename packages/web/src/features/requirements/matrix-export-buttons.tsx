import { Button, Group } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { MatrixExportFormat } from './matrix-export-urls';

const FORMATS: MatrixExportFormat[] = ['xlsx', 'csv'];

/** Plain download links (the browser sends the session cookie); the server neutralises formulas in the cells. */
export function MatrixExportButtons({ hrefOf, label }: { hrefOf: (format: MatrixExportFormat) => string; label: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" role="group" aria-label={label}>
      {FORMATS.map((format) => (
        <Button key={format} component="a" href={hrefOf(format)} download size="xs" variant="default" leftSection={<IconDownload size={14} aria-hidden />}>
          {t(`matrix.export.${format}`)}
        </Button>
      ))}
    </Group>
  );
}
