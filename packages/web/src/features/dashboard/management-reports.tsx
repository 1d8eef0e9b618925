import { useState } from 'react';
import { Button, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFileReport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth-context';
import { ClassifiedBadge } from '../../shared/classified-badge';
import { formatDate, formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { reportUrl, useGenerateReport, useManagementReports } from './dashboard-queries';

const FORMATS = [
  { format: 'pdf', name: 'PDF' },
  { format: 'docx', name: 'DOCX' },
] as const;

/** Stored management reports with their downloads, and (with report.create) the button that generates one of the chosen unit. */
export function ManagementReports({ orgUnitId }: { orgUnitId: string }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const [locale, setLocale] = useState<'de' | 'en'>(i18n.language.startsWith('en') ? 'en' : 'de');
  const reports = useManagementReports();
  const generate = useGenerateReport();
  const onGenerate = () =>
    generate.mutate(
      { ...(orgUnitId ? { orgUnitId } : {}), locale },
      { onSuccess: (r) => notifications.show({ color: 'teal', message: t('dashboard.reports.generated', { number: String(r.number).padStart(4, '0') }) }) },
    );
  const items = reports.data?.items ?? [];
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="dashboard-reports-title" data-testid="dashboard-reports">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end">
          <div>
            <Title order={2} fz="lg" id="dashboard-reports-title">
              {t('dashboard.reports.title')}
            </Title>
            <Text fz="sm" c="dimmed">
              {t('dashboard.reports.intro')}
            </Text>
          </div>
          <Group align="flex-end" gap="xs">
            <NativeSelect
              size="sm"
              label={t('dashboard.reports.language')}
              value={locale}
              onChange={(e) => setLocale(e.currentTarget.value === 'en' ? 'en' : 'de')}
              data={[
                { value: 'de', label: t('dashboard.reports.languages.de') },
                { value: 'en', label: t('dashboard.reports.languages.en') },
              ]}
              data-testid="dashboard-report-locale"
            />
            {can('report.create') ? (
              <Button leftSection={<IconFileReport size={16} aria-hidden />} onClick={onGenerate} loading={generate.isPending} data-testid="dashboard-report-generate">
                {t('dashboard.reports.generate')}
              </Button>
            ) : null}
          </Group>
        </Group>
        <ErrorAlert error={generate.error ?? reports.error} />
        {items.length === 0 ? (
          <Text fz="sm" c="dimmed" data-testid="dashboard-reports-empty">
            {reports.isPending ? t('app.loading') : t('dashboard.reports.none')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table striped fz="sm" data-testid="dashboard-reports-table">
              <caption className="visually-hidden">{t('dashboard.reports.title')}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('dashboard.reports.number')}</Table.Th>
                  <Table.Th>{t('dashboard.reports.scope')}</Table.Th>
                  <Table.Th>{t('dashboard.reports.asOf')}</Table.Th>
                  <Table.Th>{t('dashboard.reports.generatedBy')}</Table.Th>
                  <Table.Th>{t('dashboard.reports.download')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((r) => (
                  <Table.Tr key={r.id} data-testid={`dashboard-report-${r.number}`}>
                    <Table.Th scope="row" fw={500}>
                      MR-{String(r.number).padStart(4, '0')}
                    </Table.Th>
                    <Table.Td>
                      {r.orgUnitName ?? t('dashboard.allUnits')} <ClassifiedBadge level={r.classification === 'offen' ? 'offen' : 'VS-NfD'} short />
                    </Table.Td>
                    <Table.Td>{formatDate(r.snapshot.asOf, i18n.language)}</Table.Td>
                    <Table.Td>
                      {r.generatedByLabel}, {formatDateTime(r.generatedAt, i18n.language)}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        {FORMATS.map(({ format, name }) => (
                          <Button
                            key={format}
                            component="a"
                            href={reportUrl(r.id, format, locale)}
                            download
                            size="xs"
                            variant="default"
                            leftSection={<IconDownload size={14} aria-hidden />}
                            aria-label={t('dashboard.reports.named', { number: String(r.number).padStart(4, '0'), format: name })}
                            data-testid={`dashboard-report-${r.number}-${format}`}
                          >
                            {name}
                          </Button>
                        ))}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
