import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth-context';

/**
 * One area "Vorfälle und Beschwerden": incidents and complaints are two pages, switched by links that look like tabs
 * (real tabs would need panels on the same page).
 */
export function IncidentsTabs({ active }: { active: 'incidents' | 'complaints' }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const link = (key: 'incidents' | 'complaints', to: string, label: string) => (
    <Button component={Link} to={to} variant={active === key ? 'filled' : 'default'} size="xs" aria-current={active === key ? 'page' : undefined} data-testid={`tab-${key}`}>
      {label}
    </Button>
  );
  return (
    <Group component="nav" aria-label={t('incidents.area')} gap="xs">
      {can('incident.read') ? link('incidents', '/incidents', t('incidents.nav')) : null}
      {can('complaint.read') ? link('complaints', '/complaints', t('complaints.nav')) : null}
    </Group>
  );
}
