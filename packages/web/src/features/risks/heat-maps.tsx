import { Group, SimpleGrid, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { HeatMap } from '@konform/core';
import { HeatMapGrid } from './heat-map-grid';
import type { HeatMapCell } from './risk-display';
import './risks.css';

interface Props {
  heatMap: HeatMap;
  selected: HeatMapCell | null;
  onSelect: (cell: HeatMapCell | null) => void;
}

/** The inherent and the residual heat map side by side, with the counts of unrated and overdue risks. */
export function HeatMaps({ heatMap, selected, onSelect }: Props) {
  const { t } = useTranslation();
  return (
    <div>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
        <HeatMapGrid heatMap={heatMap} kind="inherent" selected={selected} onSelect={onSelect} />
        <HeatMapGrid heatMap={heatMap} kind="residual" selected={selected} onSelect={onSelect} />
      </SimpleGrid>
      <Group gap="lg" mt="sm">
        <Text fz="sm" data-testid="heatmap-unrated">
          {t('risks.heatMap.unrated', { count: heatMap.unrated })}
        </Text>
        <Text fz="sm" data-testid="heatmap-overdue" c={heatMap.overdue > 0 ? 'red.9' : undefined} fw={heatMap.overdue > 0 ? 600 : undefined}>
          {heatMap.overdue > 0 ? <IconAlertTriangle size={14} aria-hidden style={{ verticalAlign: '-2px', marginRight: 4 }} /> : null}
          {t('risks.heatMap.overdue', { count: heatMap.overdue })}
        </Text>
        <Text fz="xs" c="dimmed">
          {t('risks.heatMap.closedNotCounted')}
        </Text>
      </Group>
    </div>
  );
}
