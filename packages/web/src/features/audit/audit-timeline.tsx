import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '@konform/core';
import { formatDateTime } from '../../i18n/format';

type Change = AuditEvent['changes'][number];

/**
 * `page`: the timeline is the content of its own tab (roomier, each entry a heading, with the client address).
 * `compact`: the timeline sits in a section of a detail page under the section's heading.
 */
export type AuditTimelineVariant = 'page' | 'compact';

const LOOK = {
  page: { list: 'sm', entry: 'md', below: 'sm', fieldWidth: '22%' },
  compact: { list: 'xs', entry: 'sm', below: 'xs', fieldWidth: '28%' },
} as const;

interface Props {
  /** In the order they are to be shown. */
  events: readonly AuditEvent[];
  /** The words for a known action (`system.update` → "Geändert"); undefined names the action as it is. */
  actionLabel: (action: string) => string | undefined;
  fieldLabel: (field: string) => string;
  /** A before/after value in words. */
  formatValue: (field: string, value: unknown) => string;
  /** Which of an event's changes to list, in which order. */
  visibleChanges: (changes: readonly Change[]) => Change[];
  variant: AuditTimelineVariant;
}

function EventEntry({ event, variant, ...words }: Omit<Props, 'events'> & { event: AuditEvent }) {
  const { t, i18n } = useTranslation();
  const look = LOOK[variant];
  const changes = words.visibleChanges(event.changes);
  const action = words.actionLabel(event.action) ?? t('history.actions.other', { action: event.action });
  const spaced = changes.length > 0 || (variant === 'page' && event.reason !== null);
  return (
    <Paper withBorder p={look.entry} component="li">
      <Group justify="space-between" gap="xs" mb={spaced ? look.below : 0}>
        <Group gap="xs">
          {variant === 'page' ? (
            <Title order={2} fz="sm">
              {action}
            </Title>
          ) : (
            <Text fz="sm" fw={600}>
              {action}
            </Text>
          )}
          <Text fz="sm" c="dimmed">
            {t('history.by', { actor: event.actorLabel })}
            {variant === 'page' && event.clientAddress !== null ? ` · ${t('history.from', { address: event.clientAddress })}` : ''}
          </Text>
        </Group>
        <Group gap="xs">
          <Badge variant="outline" color="gray.7">
            {t('history.event', { seq: event.seq })}
          </Badge>
          {event.redactedAt ? (
            <Badge variant="light" color="gray" title={t('privacy.redactedHint')} data-testid="audit-redacted">
              {t('privacy.redacted')}
            </Badge>
          ) : null}
          <Text fz="sm" c="dimmed" component="time" dateTime={event.occurredAt}>
            {formatDateTime(event.occurredAt, i18n.language)}
          </Text>
        </Group>
      </Group>
      {event.reason !== null && event.reason !== '' ? (
        <Text fz="sm" mb={look.below}>
          {t('history.reason', { reason: event.reason })}
        </Text>
      ) : null}
      {changes.length > 0 ? (
        <Table withTableBorder fz="sm" layout="fixed">
          <caption className="visually-hidden">{t('history.changesCaption')}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={look.fieldWidth}>{t('history.field')}</Table.Th>
              <Table.Th>{t('history.before')}</Table.Th>
              <Table.Th>{t('history.after')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map((change) => (
              <Table.Tr key={change.field}>
                <Table.Th scope="row" fw={500}>
                  {words.fieldLabel(change.field)}
                </Table.Th>
                <Table.Td style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{words.formatValue(change.field, change.before)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{words.formatValue(change.field, change.after)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Paper>
  );
}

/** Audit events as a list of entries: action, actor, sequence number, time, reason and field-level before/after. */
export function AuditTimeline({ events, ...rest }: Props) {
  return (
    <Stack component="ol" gap={LOOK[rest.variant].list} p={0} m={0} style={{ listStyle: 'none' }}>
      {events.map((event) => (
        <EventEntry key={event.seq} event={event} {...rest} />
      ))}
    </Stack>
  );
}
