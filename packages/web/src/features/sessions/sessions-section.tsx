import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { useEndOwnSession, useEndOwnSessions, useOwnSessions } from './session-queries';

/** A table of sessions: created, last seen, address, sign-in method; `onEnd` offers "end this session". */
export function SessionTable({ sessions, onEnd, busy }: { sessions: SessionInfo[]; onEnd?: (session: SessionInfo) => void; busy?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    // Focusable so that keyboard users can scroll it where it is narrower than the table (e.g. in the user dialog).
    <Table.ScrollContainer minWidth={640} type="native" tabIndex={0} role="region" aria-label={t('sessions.list.caption')}>
      <Table striped withTableBorder data-testid="session-table">
        <caption className="visually-hidden">{t('sessions.list.caption')}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('sessions.list.createdAt')}</Table.Th>
            <Table.Th>{t('sessions.list.lastSeenAt')}</Table.Th>
            <Table.Th>{t('sessions.list.expiresAt')}</Table.Th>
            <Table.Th>{t('sessions.list.address')}</Table.Th>
            <Table.Th>{t('sessions.list.method')}</Table.Th>
            {onEnd ? <Table.Th>{t('common.actions')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sessions.map((session) => (
            <Table.Tr key={session.id} data-current={session.current || undefined}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(session.createdAt, i18n.language)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(session.lastSeenAt, i18n.language)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(session.expiresAt, i18n.language)}</Table.Td>
              <Table.Td>{session.clientAddress ?? '–'}</Table.Td>
              <Table.Td>{t(`sessions.method.${session.signIn}`)}</Table.Td>
              {onEnd ? (
                <Table.Td>
                  {session.current ? (
                    <Badge variant="light" color="petrol">{t('sessions.list.current')}</Badge>
                  ) : (
                    <Button size="xs" variant="default" loading={busy} onClick={() => onEnd(session)} aria-label={t('sessions.list.endNamed', { date: formatDateTime(session.createdAt, i18n.language) })}>
                      {t('sessions.list.end')}
                    </Button>
                  )}
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Account page: the own open sessions, ending one, and "sign out everywhere" (other devices, or including this one). */
export function SessionsSection() {
  const { t } = useTranslation();
  const { signOut } = useAuth();
  const sessions = useOwnSessions();
  const endOne = useEndOwnSession();
  const endAll = useEndOwnSessions();
  const others = (sessions.data ?? []).filter((s) => !s.current).length;

  return (
    <Stack gap="md">
      <Text fz="sm" c="dimmed">
        {t('sessions.account.intro')}
      </Text>
      <ErrorAlert error={sessions.error ?? endOne.error ?? endAll.error} />
      {sessions.data ? <SessionTable sessions={sessions.data} onEnd={(s) => endOne.mutate(s.id, { onSuccess: () => notifications.show({ color: 'teal', message: t('sessions.account.ended') }) })} busy={endOne.isPending} /> : null}
      <Group>
        <Button
          variant="default"
          disabled={others === 0}
          loading={endAll.isPending && endAll.variables}
          onClick={() => endAll.mutate(true, { onSuccess: (r) => notifications.show({ color: 'teal', message: t('sessions.account.endedOthers', { count: r.ended }) }) })}
          data-testid="sessions-end-others"
        >
          {t('sessions.account.endOthers')}
        </Button>
        <Button
          color="red.8"
          variant="default"
          loading={endAll.isPending && !endAll.variables}
          // The own session ends too: the server clears the cookie; sign-out here shows the sign-in page.
          onClick={() => endAll.mutate(false, { onSuccess: () => void signOut().catch(() => undefined) })}
          data-testid="sessions-end-all"
        >
          {t('sessions.account.endAll')}
        </Button>
      </Group>
    </Stack>
  );
}
