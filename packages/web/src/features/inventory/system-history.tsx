import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FullPageLoader } from '../../app/route-guards';
import { ErrorAlert } from '../../shared/error-alert';
import { AuditTimeline } from '../audit/audit-timeline';
import { fieldLabel, formatChangeValue, visibleChanges } from './format-change';
import { useSystemHistory } from './system-queries';

const KNOWN_VERBS = ['create', 'update', 'archive', 'restore'] as const;

/** The system's audit events, newest first, each with field-level before/after. */
export function SystemHistory({ systemId, unitNames }: { systemId: string; unitNames: Map<string, string> }) {
  const { t, i18n } = useTranslation();
  const query = useSystemHistory(systemId, true);
  if (query.isPending) return <FullPageLoader />;
  if (query.data === undefined) return <ErrorAlert error={query.error} />;
  const events = [...query.data.items].sort((a, b) => b.seq - a.seq);
  if (events.length === 0) return <Text c="dimmed">{t('history.empty')}</Text>;
  return (
    <AuditTimeline
      variant="page"
      events={events}
      // 'system.update' → "Geändert"; unknown actions are named as they are.
      actionLabel={(action) => {
        const verb = KNOWN_VERBS.find((v) => action === `system.${v}`);
        return verb === undefined ? undefined : t(`history.actions.${verb}`);
      }}
      fieldLabel={(field) => fieldLabel(field, t)}
      formatValue={(field, value) => formatChangeValue(field, value, t, i18n.language, unitNames)}
      visibleChanges={visibleChanges}
    />
  );
}
