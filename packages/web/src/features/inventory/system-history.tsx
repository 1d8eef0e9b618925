import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '@konform/core';
import { FullPageLoader } from '../../app/route-guards';
import { formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { fieldLabel, formatChangeValue, visibleChanges } from './format-change';
import { useSystemHistory } from './system-queries';

const KNOWN_VERBS = ['create', 'update', 'archive', 'restore'] as const;

/** 'system.update' → "Geändert"; unknown actions are named as they are. */
function ActionLabel({ action }: { action: string }) {
  const { t } = useTranslation();
  const verb = KNOWN_VERBS.find((v) => action === `system.${v}`);
  return verb === undefined ? t('history.actions.other', { action }) : t(`history.actions.${verb}`);
}

function EventEntry({ event, unitNames }: { event: AuditEvent; unitNames: Map<string, string> }) {
  const { t, i18n } = useTranslation();
  const format = (field: string, value: unknown) => formatChangeValue(field, value, t, i18n.language, unitNames);
  const changes = visibleChanges(event.changes);
  return (
    <Paper withBorder p="md" component="li">
      <Group justify="space-between" gap="xs" mb={changes.length > 0 || event.reason !== null ? 'sm' : 0}>
        <Group gap="xs">
          <Title order={2} fz="sm">
            <ActionLabel action={event.action} />
          </Title>
          <Text fz="sm" c="dimmed">
            {t('history.by', { actor: event.actorLabel })}
            {event.clientAddress !== null ? ` · ${t('history.from', { address: event.clientAddress })}` : ''}
          </Text>
        </Group>
        <Group gap="xs">
          <Badge variant="outline" color="gray.7">
            {t('history.event', { seq: event.seq })}
          </Badge>
          <Text fz="sm" c="dimmed" component="time" dateTime={event.occurredAt}>
            {formatDateTime(event.occurredAt, i18n.language)}
          </Text>
        </Group>
      </Group>
      {event.reason !== null && event.reason !== '' ? (
        <Text fz="sm" mb="sm">
          {t('history.reason', { reason: event.reason })}
        </Text>
      ) : null}
      {changes.length > 0 ? (
        <Table withTableBorder fz="sm" layout="fixed">
          <caption className="visually-hidden">{t('history.changesCaption')}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="22%">{t('history.field')}</Table.Th>
              <Table.Th>{t('history.before')}</Table.Th>
              <Table.Th>{t('history.after')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map((change) => (
              <Table.Tr key={change.field}>
                <Table.Th scope="row" fw={500}>
                  {fieldLabel(change.field, t)}
                </Table.Th>
                <Table.Td style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{format(change.field, change.before)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{format(change.field, change.after)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Paper>
  );
}

/** The system's audit events, newest first, each with field-level before/after. */
export function SystemHistory({ systemId, unitNames }: { systemId: string; unitNames: Map<string, string> }) {
  const { t } = useTranslation();
  const query = useSystemHistory(systemId, true);
  if (query.isPending) return <FullPageLoader />;
  if (query.data === undefined) return <ErrorAlert error={query.error} />;
  const events = [...query.data.items].sort((a, b) => b.seq - a.seq);
  if (events.length === 0) return <Text c="dimmed">{t('history.empty')}</Text>;
  return (
    <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
      {events.map((event) => (
        <EventEntry key={event.seq} event={event} unitNames={unitNames} />
      ))}
    </Stack>
  );
}
