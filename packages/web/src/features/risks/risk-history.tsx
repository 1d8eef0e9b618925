import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FUNDAMENTAL_RIGHTS, RISK_AFFECTED_AREAS, RISK_STATUSES, RISK_TREATMENTS, type AuditEvent } from '@konform/core';
import { isApiError } from '../../api/client';
import { formatDate, formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { useMeasures } from '../catalogs/catalog-queries';
import { localized } from '../catalogs/localized';
import { useRiskHistory, useRiskMatrix } from './risk-queries';
import { useSourceIndex } from './use-source-index';

const ACTIONS = ['create', 'update', 'accept', 'rerate'] as const;
const FIELDS = [
  'title', 'description', 'sourceId', 'affected', 'rights', 'affectedGroups', 'likelihood', 'impact', 'inherentLevel', 'treatment', 'measures',
  'residualLikelihood', 'residualImpact', 'residualLevel', 'owner', 'nextReview', 'status', 'signatures', 'required',
] as const;
type Field = (typeof FIELDS)[number];
const HIDDEN = new Set(['systemId']);

function isField(field: string): field is Field {
  return (FIELDS as readonly string[]).includes(field);
}

function includes<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

/** A before/after value in words: enum values translated, levels and sources by their labels, measures by title. */
function useFormatValue(): (field: string, value: unknown) => string {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const matrix = useRiskMatrix();
  const { refs } = useSourceIndex();
  const measures = useMeasures();
  const one = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('common.none');
    if (field === 'treatment' && includes(RISK_TREATMENTS, value)) return t(`risks.treatments.${value}`);
    if (field === 'status' && includes(RISK_STATUSES, value)) return t(`risks.statuses.${value}`);
    if (field === 'affected' && includes(RISK_AFFECTED_AREAS, value)) return t(`risks.affectedAreas.${value}`);
    if (field === 'rights' && includes(FUNDAMENTAL_RIGHTS, value)) return t(`risks.rights.${value}`);
    if ((field === 'inherentLevel' || field === 'residualLevel') && typeof value === 'string') {
      const level = matrix.data?.config.levels.find((l) => l.id === value);
      return level === undefined ? value : localized(level.label, lang);
    }
    if (field === 'sourceId' && typeof value === 'string') return refs.get(value) ?? value;
    if (field === 'measures' && typeof value === 'string') {
      const m = measures.data?.items.find((x) => x.id === value);
      return m === undefined ? value : localized(m.title, lang);
    }
    if (field === 'nextReview' && typeof value === 'string') return formatDate(value, lang);
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
    return JSON.stringify(value);
  };
  return (field, value) => {
    if (Array.isArray(value)) return value.length === 0 ? t('common.none') : value.map((v) => one(field, v)).join('; ');
    return one(field, value);
  };
}

function Entry({ event, format }: { event: AuditEvent; format: (field: string, value: unknown) => string }) {
  const { t, i18n } = useTranslation();
  const verb = ACTIONS.find((a) => event.action === `risk.${a}`);
  const changes = event.changes.filter((c) => !HIDDEN.has(c.field));
  return (
    <Paper withBorder p="sm" component="li">
      <Group justify="space-between" gap="xs" mb={changes.length > 0 ? 'xs' : 0}>
        <Group gap="xs">
          <Text fz="sm" fw={600}>
            {verb === undefined ? t('history.actions.other', { action: event.action }) : t(`risks.history.actions.${verb}`)}
          </Text>
          <Text fz="sm" c="dimmed">
            {t('history.by', { actor: event.actorLabel })}
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
        <Text fz="sm" mb="xs">
          {t('history.reason', { reason: event.reason })}
        </Text>
      ) : null}
      {changes.length > 0 ? (
        <Table withTableBorder fz="sm" layout="fixed">
          <caption className="visually-hidden">{t('history.changesCaption')}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="28%">{t('history.field')}</Table.Th>
              <Table.Th>{t('history.before')}</Table.Th>
              <Table.Th>{t('history.after')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map((c) => (
              <Table.Tr key={c.field}>
                <Table.Th scope="row" fw={500}>
                  {isField(c.field) ? t(`risks.history.fields.${c.field}`) : c.field}
                </Table.Th>
                <Table.Td style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{format(c.field, c.before)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{format(c.field, c.after)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Paper>
  );
}

/** The risk's audit trail (Änderungsprotokoll), newest first, including re-ratings after a matrix change. */
export function RiskHistory({ riskId }: { riskId: string }) {
  const { t } = useTranslation();
  const query = useRiskHistory(riskId, true);
  const format = useFormatValue();
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="risk-history-title">
      <Title order={2} fz="lg" id="risk-history-title" mb="sm">
        {t('risks.history.title')}
      </Title>
      {query.data === undefined ? (
        isApiError(query.error) && query.error.status === 403 ? (
          <Text fz="sm" c="dimmed">
            {t('risks.history.forbidden')}
          </Text>
        ) : (
          <ErrorAlert error={query.error} />
        )
      ) : query.data.items.length === 0 ? (
        <Text fz="sm" c="dimmed">
          {t('history.empty')}
        </Text>
      ) : (
        <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {query.data.items.map((e) => (
            <Entry key={e.seq} event={e} format={format} />
          ))}
        </Stack>
      )}
    </Paper>
  );
}
