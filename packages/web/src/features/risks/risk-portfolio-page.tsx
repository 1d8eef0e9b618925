import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconGridDots } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { ErrorAlert } from '../../shared/error-alert';
import { Pager } from '../../shared/pager';
import { HeatMaps } from './heat-maps';
import { RiskFilters } from './risk-filters';
import { usePortfolioHeatMap, usePortfolioRisks } from './risk-queries';
import { RiskRegisterTable } from './risk-register-table';
import { RISK_PAGE_SIZES, useRiskFilters } from './use-risk-filters';
import { useSourceIndex } from './use-source-index';

/** Every risk of the AI systems in the reader's scope: portfolio heat maps, filters (cell, status, overdue), list. */
export function RiskPortfolioPage() {
  const { t } = useTranslation();
  usePageTitle(t('risks.portfolio.title'));
  const filters = useRiskFilters();
  const heatMap = usePortfolioHeatMap();
  const list = usePortfolioRisks(filters.params);
  const { refs } = useSourceIndex();
  const filtered = filters.status !== '' || filters.overdue || filters.cell !== null;

  return (
    <Stack gap="md" maw={1440}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{t('risks.portfolio.title')}</Title>
          <Text c="dimmed" fz="sm">
            {t('risks.portfolio.intro')}
          </Text>
        </div>
        <Button component={Link} to="/risk-matrix" variant="default" leftSection={<IconGridDots size={16} aria-hidden />}>
          {t('risks.toMatrix')}
        </Button>
      </Group>
      <Paper withBorder p="lg" component="section" aria-labelledby="portfolio-heatmap-title">
        <Title order={2} id="portfolio-heatmap-title" mb="sm">
          {t('risks.portfolio.heatMaps')}
        </Title>
        {heatMap.data === undefined ? (
          heatMap.isPending ? <FullPageLoader /> : <ErrorAlert error={heatMap.error} />
        ) : (
          <HeatMaps heatMap={heatMap.data} selected={filters.cell} onSelect={filters.setCell} />
        )}
      </Paper>
      <Paper withBorder component="section" aria-labelledby="portfolio-list-title" aria-busy={list.isFetching}>
        <Stack gap="sm" p="lg" pb="sm">
          <Title order={2} fz="lg" id="portfolio-list-title">
            {t('risks.portfolio.list')}
          </Title>
          <RiskFilters filters={filters} heatMap={heatMap.data} />
        </Stack>
        {list.data === undefined ? (
          list.isPending ? <FullPageLoader /> : <ErrorAlert error={list.error} />
        ) : (
          <>
            <RiskRegisterTable
              risks={list.data.items}
              sourceRefs={refs}
              showSystem
              caption={t('risks.portfolio.list')}
              empty={filtered ? t('risks.register.emptyFiltered') : t('risks.portfolio.empty')}
            />
            <div style={{ padding: '0 var(--mantine-spacing-sm) var(--mantine-spacing-sm)' }}>
              <Pager
                page={filters.page}
                size={filters.size}
                total={list.data.total}
                sizes={RISK_PAGE_SIZES}
                onPage={filters.setPage}
                onSize={filters.setSize}
                summary={t('risks.register.count', { count: list.data.total })}
              />
            </div>
          </>
        )}
      </Paper>
    </Stack>
  );
}
