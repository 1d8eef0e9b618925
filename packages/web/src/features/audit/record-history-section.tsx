import { Paper, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AuditEvent, ListPage } from '@konform/core';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { AuditTimeline } from './audit-timeline';

type Change = AuditEvent['changes'][number];

interface Props {
  /** The id of the section's heading (the section is labelled by it). */
  titleId: string;
  title: string;
  /** Shown instead of the trail when the reader may not see it (403). */
  forbidden: string;
  query: UseQueryResult<ListPage<AuditEvent>>;
  actionLabel: (action: string) => string | undefined;
  fieldLabel: (field: string) => string;
  formatValue: (field: string, value: unknown) => string;
  /** Fields the trail leaves out (internal ids). */
  hiddenFields: ReadonlySet<string>;
}

/** A record's audit trail (Änderungsprotokoll) as a section of its detail page, newest first. */
export function RecordHistorySection({ titleId, title, forbidden, query, hiddenFields, ...words }: Props) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={titleId}>
      <Title order={2} fz="lg" id={titleId} mb="sm">
        {title}
      </Title>
      {query.data === undefined ? (
        isApiError(query.error) && query.error.status === 403 ? (
          <Text fz="sm" c="dimmed">
            {forbidden}
          </Text>
        ) : (
          <ErrorAlert error={query.error} />
        )
      ) : query.data.items.length === 0 ? (
        <Text fz="sm" c="dimmed">
          {t('history.empty')}
        </Text>
      ) : (
        <AuditTimeline
          variant="compact"
          events={query.data.items}
          {...words}
          visibleChanges={(changes: readonly Change[]) => changes.filter((c) => !hiddenFields.has(c.field))}
        />
      )}
    </Paper>
  );
}
