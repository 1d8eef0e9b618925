import type { ReactNode } from 'react';
import { Paper, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { HeatMap, ListPage, Risk } from '@konform/core';
import { FullPageLoader } from '../../app/route-guards';
import { ErrorAlert } from '../../shared/error-alert';
import { RegisterSection } from '../../shared/register-section';
import { SectionHeader } from '../../shared/section-header';
import { HeatMaps } from './heat-maps';
import { RiskFilters } from './risk-filters';
import { usePortfolioHeatMap, usePortfolioRisks, useSystemHeatMap, useSystemRisks, type PortfolioRisk } from './risk-queries';
import { RiskRegisterTable } from './risk-register-table';
import { useRiskFilters, type RiskFilters as Filters } from './use-risk-filters';
import { useSourceIndex } from './use-source-index';

interface Props {
  /** One system's risks; without it, every risk in the reader's scope (the portfolio, with a system column). */
  systemId?: string;
  /** The heading of the heat-map section, and what stands beside it. */
  title: string;
  intro?: string;
  actions?: ReactNode;
  /** The register's caption for screen readers. */
  caption: string;
}

interface Loaded extends Omit<Props, 'systemId'> {
  portfolio: boolean;
  filters: Filters;
  heatMap: UseQueryResult<HeatMap>;
  list: UseQueryResult<ListPage<Risk | PortfolioRisk>>;
}

/** The heat maps of the inherent and residual risk, and below them the register, filtered by a cell, status or overdue. */
export function RiskOverview({ systemId, ...rest }: Props) {
  return systemId === undefined ? <PortfolioOverview {...rest} /> : <SystemOverview systemId={systemId} {...rest} />;
}

function PortfolioOverview(props: Omit<Props, 'systemId'>) {
  const filters = useRiskFilters();
  return <Sections {...props} portfolio filters={filters} heatMap={usePortfolioHeatMap()} list={usePortfolioRisks(filters.params)} />;
}

function SystemOverview({ systemId, ...props }: Props & { systemId: string }) {
  const filters = useRiskFilters();
  return <Sections {...props} portfolio={false} filters={filters} heatMap={useSystemHeatMap(systemId)} list={useSystemRisks(systemId, filters.params)} />;
}

function Sections({ portfolio, filters, heatMap, list, title, intro, actions, caption }: Loaded) {
  const { t } = useTranslation();
  const { refs } = useSourceIndex();
  const filtered = filters.status !== '' || filters.overdue || filters.cell !== null;
  const ids = portfolio ? { heatMap: 'portfolio-heatmap-title', list: 'portfolio-list-title' } : { heatMap: 'risks-heatmap-title', list: 'risks-register-title' };
  const plain = intro === undefined && actions === undefined;
  const heading = (
    <Title order={2} id={ids.heatMap} mb={plain ? 'sm' : undefined}>
      {title}
    </Title>
  );

  return (
    <>
      <Paper withBorder p="lg" component="section" aria-labelledby={ids.heatMap}>
        {plain ? (
          heading
        ) : (
          <SectionHeader heading={heading} intro={intro} actions={actions} mb="sm" />
        )}
        {heatMap.data === undefined ? (
          heatMap.isPending ? <FullPageLoader /> : <ErrorAlert error={heatMap.error} />
        ) : (
          <HeatMaps heatMap={heatMap.data} selected={filters.cell} onSelect={filters.setCell} />
        )}
      </Paper>
      <RegisterSection
        titleId={ids.list}
        list={list}
        filters={filters}
        summary={(count) => t('risks.register.count', { count })}
        table={(risks) => (
          <RiskRegisterTable
            risks={risks}
            sourceRefs={refs}
            showSystem={portfolio}
            caption={caption}
            empty={filtered ? t('risks.register.emptyFiltered') : portfolio ? t('risks.portfolio.empty') : t('risks.register.empty')}
          />
        )}
        header={
          <>
            <Title order={2} fz="lg" id={ids.list}>
              {portfolio ? t('risks.portfolio.list') : t('risks.register.title')}
            </Title>
            <RiskFilters filters={filters} heatMap={heatMap.data} />
          </>
        }
      />
    </>
  );
}
