import { Paper, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AuditEvent, ListPage } from '@konform/core';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { isOneOf } from '../../shared/is-one-of';
import { AuditTimeline } from './audit-timeline';

type Change = AuditEvent['changes'][number];

interface Props<V extends string, F extends string> {
  /** The id of the section's heading (the section is labelled by it). */
  titleId: string;
  title: string;
  /** Shown instead of the trail when the reader may not see it (403). */
  forbidden: string;
  query: UseQueryResult<ListPage<AuditEvent>>;
  /** The record's audit entity: actions `<entity>.<verb>` of the listed verbs are named, any other by the timeline. */
  entity: string;
  verbs: readonly V[];
  verbLabel: (verb: V) => string;
  /** The record's fields: the listed ones are named, any other is shown as it is. */
  fields: readonly F[];
  fieldLabel: (field: F) => string;
  formatValue: (field: string, value: unknown) => string;
  /** Fields the trail leaves out (internal ids). */
  hiddenFields: ReadonlySet<string>;
}

/** A record's audit trail (Änderungsprotokoll) as a section of its detail page, newest first. */
export function RecordHistorySection<V extends string, F extends string>({ titleId, title, forbidden, query, entity, verbs, verbLabel, fields, fieldLabel, formatValue, hiddenFields }: Props<V, F>) {
  const { t } = useTranslation();
  const actionLabel = (action: string) => {
    const verb = verbs.find((v) => action === `${entity}.${v}`);
    return verb === undefined ? undefined : verbLabel(verb);
  };
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
          actionLabel={actionLabel}
          fieldLabel={(field) => (isOneOf(fields, field) ? fieldLabel(field) : field)}
          formatValue={formatValue}
          visibleChanges={(changes: readonly Change[]) => changes.filter((c) => !hiddenFields.has(c.field))}
        />
      )}
    </Paper>
  );
}
