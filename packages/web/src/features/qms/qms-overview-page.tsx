import { Anchor, Button, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconFiles } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { QmsCoverage, QmsCoverageDocument } from '@konform/core';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { formatDate } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { UnitFilter, useUnitFilter } from '../../shared/overview';
import { CoverageTable } from './coverage-table';
import { QmsPageHeader } from './qms-page-header';
import { useQmsCoverage } from './qms-queries';

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Text fz="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz="xl" fw={700}>
        {value}
      </Text>
    </Paper>
  );
}

function ReviewList({ documents, empty, line }: { documents: QmsCoverageDocument[]; empty: string; line: (d: QmsCoverageDocument) => string }) {
  if (documents.length === 0) {
    return (
      <Text fz="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <List size="sm" spacing={4}>
      {documents.map((d) => (
        <List.Item key={d.id}>
          <Anchor component={Link} to={`/qms/documents/${d.id}`} fz="sm">
            {d.title}
          </Anchor>{' '}
          – {line(d)}
        </List.Item>
      ))}
    </List>
  );
}

/** The gaps: elements and clauses no document covers (a clause once, not each of its sub-clauses). */
function Gaps({ coverage }: { coverage: QmsCoverage }) {
  const { t, i18n } = useTranslation();
  const art17 = coverage.missing.filter((m) => m.framework === 'art17');
  const iso = coverage.missing.filter((m) => m.framework === 'iso42001');
  if (coverage.missing.length === 0) {
    return (
      <Text fz="sm" data-testid="qms-gaps-none">
        {t('qms.overview.gapsNone')}
      </Text>
    );
  }
  return (
    <Stack gap={6} data-testid="qms-gaps">
      {art17.length > 0 ? (
        <Text fz="sm">
          <Text span fw={600} fz="sm">
            {t('qms.overview.gapsArt17')}
          </Text>{' '}
          {t('qms.overview.gapsLetters', { letters: art17.map((m) => (i18n.language === 'en' ? `(${m.key})` : m.key)).join(', ') })}
        </Text>
      ) : null}
      {iso.length > 0 ? (
        <Text fz="sm">
          <Text span fw={600} fz="sm">
            {t('qms.overview.gapsIso')}
          </Text>{' '}
          {iso.map((m) => m.ref).join(', ')}
        </Text>
      ) : null}
    </Stack>
  );
}

/**
 * The AI management system at a glance: which document covers which Art. 17(1) element and which ISO/IEC 42001
 * clause (released, only a draft, overdue, missing), the gaps, and the reviews that are overdue or due soon.
 */
export function QmsOverviewPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [unit] = useUnitFilter();
  const coverage = useQmsCoverage(unit);
  usePageTitle(t('qms.overview.title'));
  const data = coverage.data;

  return (
    <Stack gap="md" maw={1440}>
      <QmsPageHeader
        title={t('qms.overview.title')}
        intro={t('qms.overview.intro')}
        switchView={
          <Button component={Link} to="/qms/documents" variant="default" leftSection={<IconFiles size={16} aria-hidden />} data-testid="qms-to-documents">
            {t('qms.overview.toDocuments')}
          </Button>
        }
      />
      <UnitFilter label={t('qms.overview.unit')} allLabel={t('qms.overview.allUnits')} filtersLabel={t('qms.overview.filters')} testId="qms-coverage-unit" />
      {data === undefined ? (
        coverage.isPending ? <FullPageLoader /> : <ErrorAlert error={coverage.error} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            <Figure label={t('qms.overview.figureArt17')} value={t('qms.overview.ofTotal', { covered: data.counts.art17.covered, total: data.counts.art17.total })} testId="qms-figure-art17" />
            <Figure label={t('qms.overview.figureIso')} value={t('qms.overview.ofTotal', { covered: data.counts.iso42001.covered, total: data.counts.iso42001.total })} testId="qms-figure-iso" />
            <Figure label={t('qms.overview.figureOverdue')} value={String(data.overdue.length)} testId="qms-figure-overdue" />
            <Figure label={t('qms.overview.figureDueSoon')} value={String(data.dueSoon.length)} testId="qms-figure-due-soon" />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <Paper withBorder p="lg" component="section" aria-labelledby="qms-gaps-title">
              <Title order={2} fz="lg" id="qms-gaps-title" mb="xs">
                {t('qms.overview.gapsTitle')}
              </Title>
              <Gaps coverage={data} />
            </Paper>
            <Paper withBorder p="lg" component="section" aria-labelledby="qms-overdue-title" data-testid="qms-overdue">
              <Title order={2} fz="lg" id="qms-overdue-title" mb="xs">
                {t('qms.overview.overdueTitle')}
              </Title>
              <ReviewList documents={data.overdue} empty={t('qms.overview.overdueNone')} line={(d) => t('qms.overview.overdueSince', { date: formatDate(d.nextReview, lang) })} />
            </Paper>
            <Paper withBorder p="lg" component="section" aria-labelledby="qms-due-title" data-testid="qms-due-soon">
              <Title order={2} fz="lg" id="qms-due-title" mb="xs">
                {t('qms.overview.dueSoonTitle')}
              </Title>
              <ReviewList documents={data.dueSoon} empty={t('qms.overview.dueSoonNone')} line={(d) => t('qms.overview.dueOn', { date: formatDate(d.nextReview, lang) })} />
            </Paper>
          </SimpleGrid>
          <Paper withBorder p="lg" component="section" aria-labelledby="qms-art17-title">
            <Title order={2} fz="lg" id="qms-art17-title">
              {t('qms.coverage.art17Title')}
            </Title>
            <Text fz="sm" c="dimmed" mb="sm">
              {t('qms.coverage.art17Intro')}
            </Text>
            <CoverageTable rows={data.art17} caption={t('qms.coverage.art17Title')} legal testId="qms-coverage-art17" />
          </Paper>
          <Paper withBorder p="lg" component="section" aria-labelledby="qms-iso-title">
            <Title order={2} fz="lg" id="qms-iso-title">
              {t('qms.coverage.isoTitle')}
            </Title>
            <Text fz="sm" c="dimmed" mb="sm">
              {data.iso42001.length === 0 ? t('qms.coverage.isoMissingCatalogue') : t('qms.coverage.isoIntro')}
            </Text>
            {data.iso42001.length > 0 ? <CoverageTable rows={data.iso42001} caption={t('qms.coverage.isoTitle')} testId="qms-coverage-iso" /> : null}
          </Paper>
          <Text fz="xs" c="dimmed">
            {t('qms.coverage.legend')}
          </Text>
        </>
      )}
    </Stack>
  );
}
