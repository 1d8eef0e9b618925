import { useState } from 'react';
import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AiSystem } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { ErrorAlert } from '../../shared/error-alert';
import { Pager } from '../../shared/pager';
import { HeatMaps } from './heat-maps';
import { RiskFilters } from './risk-filters';
import { RiskFormDrawer } from './risk-form-drawer';
import { useSystemHeatMap, useSystemRisks } from './risk-queries';
import { RiskRegisterTable } from './risk-register-table';
import { RiskReportLinks } from './risk-report-links';
import { RISK_PAGE_SIZES, useRiskFilters } from './use-risk-filters';
import { useSourceIndex } from './use-source-index';

/** The system's risks (Art. 9 KI-VO): heat maps of the inherent and residual risk, the register, a new risk. */
export function SystemRisksTab({ system }: { system: AiSystem }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const filters = useRiskFilters();
  const heatMap = useSystemHeatMap(system.id);
  const list = useSystemRisks(system.id, filters.params);
  const { refs } = useSourceIndex();
  const [creating, setCreating] = useState(false);
  const editable = can('risk.edit') && system.archivedAt === null;
  const filtered = filters.status !== '' || filters.overdue || filters.cell !== null;

  return (
    <Stack gap="lg">
      <Paper withBorder p="lg" component="section" aria-labelledby="risks-heatmap-title">
        <Group justify="space-between" align="flex-start" mb="sm">
          <div>
            <Title order={2} id="risks-heatmap-title">
              {t('risks.systemTab.title')}
            </Title>
            <Text fz="sm" c="dimmed">
              {t('risks.systemTab.intro')}
            </Text>
          </div>
          <Group gap="md">
            <RiskReportLinks systemId={system.id} />
            <Anchor component={Link} to="/risk-matrix" fz="sm">
              {t('risks.toMatrix')}
            </Anchor>
            {editable ? (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)} data-testid="risk-create">
                {t('risks.register.add')}
              </Button>
            ) : null}
          </Group>
        </Group>
        {heatMap.data === undefined ? (
          heatMap.isPending ? <FullPageLoader /> : <ErrorAlert error={heatMap.error} />
        ) : (
          <HeatMaps heatMap={heatMap.data} selected={filters.cell} onSelect={filters.setCell} />
        )}
      </Paper>
      <Paper withBorder component="section" aria-labelledby="risks-register-title" aria-busy={list.isFetching}>
        <Stack gap="sm" p="lg" pb="sm">
          <Title order={2} fz="lg" id="risks-register-title">
            {t('risks.register.title')}
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
              caption={t('risks.register.caption', { system: system.name })}
              empty={filtered ? t('risks.register.emptyFiltered') : t('risks.register.empty')}
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
      {creating ? <RiskFormDrawer systemId={system.id} onClose={() => setCreating(false)} /> : null}
    </Stack>
  );
}
