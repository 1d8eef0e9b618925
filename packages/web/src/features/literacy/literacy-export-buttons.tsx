import { Button, Group } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { withQuery } from '../../api/client';

const FORMATS = [
  { format: 'pdf', name: 'PDF' },
  { format: 'docx', name: 'DOCX' },
] as const;

/** The unit's literacy status as a record document, in the UI language (plain links: the browser sends the session cookie). */
export function LiteracyExportButtons({ orgUnitId }: { orgUnitId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'de';
  return (
    <Group gap="xs" role="group" aria-label={t('literacy.export.label')}>
      {FORMATS.map(({ format, name }) => (
        <Button
          key={format}
          component="a"
          href={withQuery('/api/trainings/status/export', { orgUnitId, format, lang })}
          download
          size="xs"
          variant="default"
          leftSection={<IconDownload size={14} aria-hidden />}
          aria-label={t('literacy.export.named', { format: name })}
          data-testid={`literacy-export-${format}`}
        >
          {name}
        </Button>
      ))}
    </Group>
  );
}
