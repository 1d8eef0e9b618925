import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconGridDots } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { usePageTitle } from '../../app/use-page-title';
import { RiskOverview } from './risk-overview';
import { BulkActions } from '../bulk/bulk-actions';

/** Every risk of the AI systems in the reader's scope: portfolio heat maps, filters (cell, status, overdue), list. */
export function RiskPortfolioPage() {
  const { t } = useTranslation();
  usePageTitle(t('risks.portfolio.title'));

  return (
    <Stack gap="md" maw={1440}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{t('risks.portfolio.title')}</Title>
          <Text c="dimmed" fz="sm">
            {t('risks.portfolio.intro')}
          </Text>
        </div>
        <Group gap="xs">
          <BulkActions kind="risks" />
          <Button component={Link} to="/risk-matrix" variant="default" leftSection={<IconGridDots size={16} aria-hidden />}>
            {t('risks.toMatrix')}
          </Button>
        </Group>
      </Group>
      <RiskOverview title={t('risks.portfolio.heatMaps')} caption={t('risks.portfolio.list')} />
    </Stack>
  );
}
