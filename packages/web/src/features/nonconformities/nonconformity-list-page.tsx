import { Button, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth-context';
import { usePageTitle } from '../../app/use-page-title';
import { NonconformityOverview } from './nonconformity-overview';
import './nonconformities.css';

/** Quality management: every non-conformity in the reader's scope with its corrective and preventive actions. */
export function NonconformityListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  usePageTitle(t('capa.list.title'));
  return (
    <Stack gap="md" maw={1440}>
      <div>
        <Title order={1}>{t('capa.list.title')}</Title>
        <Text c="dimmed" fz="sm">
          {t('capa.list.intro')}
        </Text>
      </div>
      <NonconformityOverview
        title={t('capa.list.heading')}
        caption={t('capa.list.caption')}
        actions={
          can('nonconformity.edit') ? (
            <Button component={Link} to="/nonconformities/new" leftSection={<IconPlus size={16} aria-hidden />} data-testid="nonconformity-create">
              {t('capa.record')}
            </Button>
          ) : undefined
        }
      />
    </Stack>
  );
}
