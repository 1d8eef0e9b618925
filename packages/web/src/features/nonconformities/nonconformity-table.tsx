import { Anchor, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { actionDueState, nextDueAction, openActionCount, type NonconformityListItem } from '@konform/core';
import { formatDate } from '../../i18n/format';
import { RegisterTable } from '../../shared/register-table';
import { SeverityBadge, StatusBadge } from './nonconformity-badges';
import { berlinToday } from './nonconformity-display';

interface Props {
  items: NonconformityListItem[];
  /** Unit id → name, for organisation-wide non-conformities. */
  unitNames: Map<string, string>;
  /** A system's tab leaves the system column out. */
  showSystem: boolean;
  caption: string;
  empty: string;
}

/** The next open action's due date; an overdue one is marked in words and with an icon. */
function NextDue({ item, today }: { item: NonconformityListItem; today: string }) {
  const { t, i18n } = useTranslation();
  const next = nextDueAction(item.actions);
  if (next === null || next.dueDate === null) return <>{t('common.none')}</>;
  const date = formatDate(next.dueDate, i18n.language);
  if (actionDueState(next, today) !== 'overdue') return <>{date}</>;
  return (
    <Text component="span" fz="sm" className="capa-overdue" data-overdue>
      <IconAlertTriangle size={14} aria-hidden style={{ verticalAlign: '-2px', marginRight: 4 }} />
      {t('capa.actions.overdueSince', { date })}
    </Text>
  );
}

/** Non-conformities with their system or unit, severity, status, open actions and the next due action. */
export function NonconformityTable({ items, unitNames, showSystem, caption, empty }: Props) {
  const { t } = useTranslation();
  const today = berlinToday();
  return (
    <RegisterTable
      testId="nonconformity-table"
      caption={caption}
      columns={showSystem ? 6 : 5}
      empty={empty}
      minWidth={900}
      head={
        <>
          <Table.Th style={{ minWidth: '16rem' }}>{t('capa.fields.title')}</Table.Th>
          {showSystem ? <Table.Th>{t('capa.fields.systemOrUnit')}</Table.Th> : null}
          <Table.Th>{t('capa.fields.severity')}</Table.Th>
          <Table.Th>{t('capa.fields.status')}</Table.Th>
          <Table.Th>{t('capa.fields.openActions')}</Table.Th>
          <Table.Th>{t('capa.fields.nextDue')}</Table.Th>
        </>
      }
      rows={items.map((nc) => (
        <Table.Tr key={nc.id} data-testid={`nonconformity-row-${nc.id}`}>
          <Table.Td>
            <Anchor component={Link} to={`/nonconformities/${nc.id}`} fz="sm" fw={600}>
              {nc.title}
            </Anchor>
            <Text fz="xs" c="dimmed">
              {t(`capa.sources.${nc.source}`)}
            </Text>
          </Table.Td>
          {showSystem ? (
            <Table.Td>
              {nc.systemId !== null ? (
                <Anchor component={Link} to={`/systems/${nc.systemId}?tab=nonconformities`} fz="sm">
                  {nc.systemName ?? nc.systemId}
                </Anchor>
              ) : (
                <Text fz="sm">{t('capa.orgWideIn', { unit: unitNames.get(nc.orgUnitId) ?? t('common.none') })}</Text>
              )}
            </Table.Td>
          ) : null}
          <Table.Td>
            <SeverityBadge severity={nc.severity} />
          </Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>
            <StatusBadge status={nc.status} />
          </Table.Td>
          <Table.Td>{t('capa.fields.openActionsCount', { open: openActionCount(nc.actions), total: nc.actions.length })}</Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>
            <NextDue item={nc} today={today} />
          </Table.Td>
        </Table.Tr>
      ))}
    />
  );
}
