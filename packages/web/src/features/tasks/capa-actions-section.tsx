import { Anchor, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { calendarDate, taskDueState, type CapaAction, type Nonconformity } from '@konform/core';
import { useCurrentUser } from '../../app/auth-context';
import { ErrorAlert } from '../../shared/error-alert';
import { DueDate } from './task-bits';
import { useMyCapaActions } from './task-queries';

interface Row {
  nc: Nonconformity;
  action: CapaAction;
}

/** The signed-in user's open corrective and preventive actions: the non-conformities' actions that name them as owner. */
export function CapaActionsSection({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const query = useMyCapaActions(enabled);
  const today = calendarDate(new Date());
  const rows: Row[] = (query.data?.items ?? [])
    .flatMap((nc) => (nc.actions ?? []).filter((a) => !a.done && a.ownerId === me.id).map((action) => ({ nc, action })))
    .sort((a, b) => (a.action.dueDate ?? '9999').localeCompare(b.action.dueDate ?? '9999'));

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="capa-actions-title" data-testid="capa-actions">
      <Stack gap="sm">
        <div>
          <Title order={2} fz="lg" id="capa-actions-title">
            {t('tasks.capa.title')}
          </Title>
          <Text fz="sm" c="dimmed">
            {t('tasks.capa.intro')}
          </Text>
        </div>
        {query.error ? <ErrorAlert error={query.error} /> : null}
        {rows.length === 0 ? (
          <Text fz="sm" c="dimmed">
            {t('tasks.capa.empty')}
          </Text>
        ) : (
          <div className="table-scroll">
            <Table striped verticalSpacing="xs">
              <caption className="visually-hidden">{t('tasks.capa.caption')}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('tasks.capa.action')}</Table.Th>
                  <Table.Th>{t('tasks.capa.kind')}</Table.Th>
                  <Table.Th>{t('tasks.capa.nonconformity')}</Table.Th>
                  <Table.Th>{t('tasks.fields.dueDate')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map(({ nc, action }) => {
                  const dueState = taskDueState({ status: 'open', dueDate: action.dueDate }, today);
                  return (
                    <Table.Tr key={`${nc.id}:${action.id}`} className={dueState === 'overdue' ? 'task-row-overdue' : undefined}>
                      <Table.Td>
                        <Text fz="sm">{action.description}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text fz="sm">{t(`tasks.capa.kinds.${action.kind}`)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/nonconformities/${nc.id}`} fz="sm">
                          {nc.title}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <DueDate task={{ dueDate: action.dueDate, dueState }} />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </Stack>
    </Paper>
  );
}
