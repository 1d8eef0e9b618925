import { useState } from 'react';
import { Button, Group, NativeSelect, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { labReportUrl } from './dashboard-queries';

const FORMATS = [
  { format: 'pdf', name: 'PDF' },
  { format: 'docx', name: 'DOCX' },
] as const;

/**
 * The test report of a run or a release gate (ISO/IEC 17025 7.8) as plain download links, in German or English
 * (the UI language first). Place it on a run's or a gate's page: `<ReportDownload kind="run" id={run.id} />`.
 */
export function ReportDownload({ kind, id }: { kind: 'run' | 'gate'; id: string }) {
  const { t, i18n } = useTranslation();
  const [locale, setLocale] = useState<'de' | 'en'>(i18n.language.startsWith('en') ? 'en' : 'de');
  return (
    <Group gap="xs" align="flex-end" role="group" aria-label={t('labDashboard.report.label')} data-testid={`lab-report-${kind}`}>
      <Text fz="sm" fw={600} aria-hidden pb={6}>
        {t('labDashboard.report.title')}
      </Text>
      <NativeSelect
        size="xs"
        label={t('labDashboard.report.language')}
        value={locale}
        onChange={(e) => setLocale(e.currentTarget.value === 'en' ? 'en' : 'de')}
        data={[
          { value: 'de', label: t('labDashboard.report.languages.de') },
          { value: 'en', label: t('labDashboard.report.languages.en') },
        ]}
        data-testid={`lab-report-${kind}-locale`}
      />
      {FORMATS.map(({ format, name }) => (
        <Button
          key={format}
          component="a"
          href={labReportUrl(kind, id, format, locale)}
          download
          size="xs"
          variant="default"
          leftSection={<IconDownload size={14} aria-hidden />}
          aria-label={t('labDashboard.report.named', { format: name })}
          data-testid={`lab-report-${kind}-${format}`}
        >
          {name}
        </Button>
      ))}
    </Group>
  );
}
