import { Badge, Button, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiToken } from '@konform/core';
import { usePermissionLabel } from './token-permissions';
import { formatDateTime } from '../../i18n/format';
import { tokenStatus, type TokenStatus } from './token-status';

const STATUS_COLORS: Record<TokenStatus, string> = { active: 'teal.9', revoked: 'red.9', expired: 'gray.7' };
const STATUS_LABELS = {
  active: 'account.tokens.statusActive',
  revoked: 'account.tokens.statusRevoked',
  expired: 'account.tokens.statusExpired',
} as const satisfies Record<TokenStatus, string>;

interface Props {
  tokens: ApiToken[];
  onRevoke: (token: ApiToken) => void;
}

export function TokenTable({ tokens, onRevoke }: Props) {
  const { t, i18n } = useTranslation();
  const date = (iso: string | null, empty: string) => (iso === null ? empty : formatDateTime(iso, i18n.language));
  const permissionLabel = usePermissionLabel();
  const names = (list: { name: string }[]) => list.map((x) => x.name).join(', ');
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped withTableBorder bg="white">
        <caption className="visually-hidden">{t('account.tokens.tableCaption')}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('account.tokens.name')}</Table.Th>
            <Table.Th miw={200}>{t('account.tokens.scope')}</Table.Th>
            <Table.Th>{t('account.tokens.createdAt')}</Table.Th>
            <Table.Th>{t('account.tokens.expiresAt')}</Table.Th>
            <Table.Th>{t('account.tokens.lastUsedAt')}</Table.Th>
            <Table.Th miw={110}>{t('account.tokens.status')}</Table.Th>
            <Table.Th>{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tokens.map((token) => {
            const status = tokenStatus(token);
            return (
              <Table.Tr key={token.id}>
                <Table.Td fw={500}>{token.name}</Table.Td>
                <Table.Td fz="sm" maw={320}>
                  {token.permissions === null ? (
                    <Text fz="sm">{t('account.tokens.allPermissions')}</Text>
                  ) : (
                    <Text fz="sm" title={token.permissions.map(permissionLabel).join('\n')}>
                      {token.permissions.length <= 6 ? token.permissions.map(permissionLabel).join('; ') : t('account.tokens.permissionCount', { count: token.permissions.length })}
                    </Text>
                  )}
                  {token.systems !== null ? <Text fz="sm">{t('account.tokens.onlySystems', { names: names(token.systems) })}</Text> : null}
                  {token.orgUnits !== null ? <Text fz="sm">{t('account.tokens.onlyUnits', { names: names(token.orgUnits) })}</Text> : null}
                  {token.systems === null && token.orgUnits === null ? (
                    <Text fz="xs" c="dimmed">
                      {t('account.tokens.everywhere')}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(token.createdAt, i18n.language)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{date(token.expiresAt, t('account.tokens.noExpiry'))}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{date(token.lastUsedAt, t('account.tokens.never'))}</Table.Td>
                <Table.Td>
                  <Badge variant="outline" color={STATUS_COLORS[status]}>
                    {t(STATUS_LABELS[status])}
                  </Badge>
                  {status === 'revoked' ? (
                    <Text fz="xs" c="dimmed" mt={2}>
                      {formatDateTime(token.revokedAt, i18n.language)}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  {status === 'active' ? (
                    <Button size="xs" variant="default" c="red.9" onClick={() => onRevoke(token)} aria-label={t('account.tokens.revokeNamed', { name: token.name })}>
                      {t('account.tokens.revoke')}
                    </Button>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
