import { Button, Group, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { riskReportUrl, type RiskReportFormat } from '../fria/export-urls';

const FORMATS: RiskReportFormat[] = ['pdf', 'docx', 'xlsx'];
const NAMES: Record<RiskReportFormat, string> = { pdf: 'PDF', docx: 'DOCX', xlsx: 'XLSX', md: 'Markdown' };

/** The system's risk report as plain download links (the browser sends the session cookie), in the UI language. */
export function RiskReportLinks({ systemId }: { systemId: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Group gap={4} role="group" aria-label={t('risks.report.label')} data-testid="risk-report">
      <Text fz="sm" c="dimmed" mr={4} aria-hidden>
        {t('risks.report.title')}
      </Text>
      {FORMATS.map((format) => (
        <Button
          key={format}
          component="a"
          href={riskReportUrl(systemId, format, i18n.language)}
          download
          size="xs"
          variant="default"
          leftSection={<IconDownload size={14} aria-hidden />}
          aria-label={t('risks.report.named', { format: NAMES[format] })}
          data-testid={`risk-report-${format}`}
        >
          {NAMES[format]}
        </Button>
      ))}
    </Group>
  );
}
