import { Button, Group, NativeSelect, Switch, Text } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { RISK_STATUSES, type HeatMap } from '@konform/core';
import { localized } from '../catalogs/localized';
import type { RiskFilters as Filters } from './use-risk-filters';

/** Status and overdue filters, and the heat-map cell the register is narrowed to (with a button to clear it). */
export function RiskFilters({ filters, heatMap }: { filters: Filters; heatMap: HeatMap | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const cell = filters.cell;
  const stepName = (axis: 'likelihood' | 'impact', value: number) => {
    const step = heatMap?.[axis].find((s) => s.value === value);
    return step === undefined ? String(value) : localized(step.label, lang);
  };
  return (
    <Group gap="lg" align="flex-end" role="search" aria-label={t('risks.register.filters')}>
      <NativeSelect
        label={t('risks.register.filterStatus')}
        value={filters.status}
        data={[{ value: '', label: t('common.all') }, ...RISK_STATUSES.map((s) => ({ value: s, label: t(`risks.statuses.${s}`) }))]}
        onChange={(e) => filters.setStatus(e.currentTarget.value)}
      />
      <Switch
        label={t('risks.register.filterOverdue')}
        checked={filters.overdue}
        onChange={(e) => filters.setOverdue(e.currentTarget.checked)}
        mb={6}
        data-testid="risk-filter-overdue"
      />
      {cell !== null ? (
        <Group gap="xs" mb={2} data-testid="risk-filter-cell">
          <Text fz="sm">
            {t('risks.register.cellFilter', {
              kind: t(`risks.heatMap.${cell.kind}Short`),
              likelihood: stepName('likelihood', cell.likelihood),
              impact: stepName('impact', cell.impact),
            })}
          </Text>
          <Button size="compact-sm" variant="default" leftSection={<IconX size={14} aria-hidden />} onClick={() => filters.setCell(null)}>
            {t('risks.register.clearCell')}
          </Button>
        </Group>
      ) : null}
    </Group>
  );
}
