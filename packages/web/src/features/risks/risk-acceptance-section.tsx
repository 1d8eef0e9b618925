import { Alert, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconSignature } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Risk } from '@konform/core';
import { useAuth, useCurrentUser } from '../../app/auth-context';
import { formatDateTime } from '../../i18n/format';
import { AcceptanceBadge } from './acceptance-badge';
import { LevelBadge } from './level-badge';
import { roleName, roleNames } from './role-names';

interface Props {
  risk: Risk;
  archived: boolean;
  onAccept: () => void;
}

/** Why the user cannot sign now, or null when the button is offered. */
function useBlocker(risk: Risk, archived: boolean): string | null {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { acceptance } = risk;
  if (archived) return t('errors.archived');
  if (risk.status === 'closed') return t('risks.acceptance.closed');
  if (acceptance.level === null) return t('risks.acceptance.notRated');
  if (acceptance.state === 'accepted') return null;
  const mine = new Set<string>(user.roles.map((r) => r.role));
  const entitled = [...acceptance.roles, ...acceptance.deputies].some((r) => mine.has(r));
  return entitled ? null : t('risks.acceptance.mayNotSign', { roles: roleNames([...mine], t) });
}

/** The acceptance block: state, the level whose rule applies, who may accept, and the signatures given so far. */
export function RiskAcceptanceSection({ risk, archived, onAccept }: Props) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { acceptance } = risk;
  const level = risk.residualLevel ?? risk.inherentLevel;
  const blocker = useBlocker(risk, archived);
  const offer = can('risk.accept') && blocker === null && acceptance.state !== 'accepted';

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="risk-acceptance-title" data-testid="risk-acceptance">
      <Group justify="space-between" align="flex-start" mb="sm">
        <Group gap="sm">
          <Title order={2} fz="lg" id="risk-acceptance-title">
            {t('risks.acceptance.title')}
          </Title>
          <AcceptanceBadge acceptance={acceptance} />
        </Group>
        {offer ? (
          <Button leftSection={<IconSignature size={16} aria-hidden />} onClick={onAccept} data-testid="risk-accept">
            {t('risks.acceptance.accept')}
          </Button>
        ) : null}
      </Group>
      <Stack gap="md">
        {acceptance.state === 'stale' ? (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title={t('risks.acceptance.staleTitle')} data-testid="risk-acceptance-stale">
            <Text fz="sm">{t('risks.acceptance.staleText')}</Text>
          </Alert>
        ) : null}
        <dl className="detail-list">
          <dt>{t('risks.acceptance.level')}</dt>
          <dd>
            <LevelBadge level={level} />
            <Text component="span" fz="xs" c="dimmed" ml="xs">
              {risk.residualLevel !== null ? t('risks.acceptance.levelResidual') : t('risks.acceptance.levelInherent')}
            </Text>
          </dd>
          <dt>{t('risks.acceptance.roles')}</dt>
          <dd>{roleNames(acceptance.roles, t)}</dd>
          <dt>{t('risks.acceptance.deputies')}</dt>
          <dd>{acceptance.deputies.length === 0 ? t('risks.acceptance.noDeputies') : roleNames(acceptance.deputies, t)}</dd>
          <dt>{t('risks.acceptance.signatures')}</dt>
          <dd data-testid="risk-acceptance-count">{t('risks.acceptance.signaturesCount', { given: acceptance.signatures.length, required: acceptance.required })}</dd>
        </dl>
        {acceptance.signatures.length === 0 ? (
          <Text fz="sm" c="dimmed">
            {t('risks.acceptance.noSignatures')}
          </Text>
        ) : (
          <Table withTableBorder data-testid="risk-signatures">
            <caption className="visually-hidden">{t('risks.acceptance.signaturesCaption')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('risks.acceptance.signer')}</Table.Th>
                <Table.Th>{t('risks.acceptance.role')}</Table.Th>
                <Table.Th>{t('risks.acceptance.signedAt')}</Table.Th>
                <Table.Th>{t('risks.acceptance.justification')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {acceptance.signatures.map((s) => (
                <Table.Tr key={s.signatureId}>
                  <Table.Td>{s.signerLabel}</Table.Td>
                  <Table.Td>{roleName(s.role, t)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(s.signedAt, i18n.language)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{s.justification}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {can('risk.accept') && blocker !== null ? (
          <Text fz="sm" c="dimmed">
            {blocker}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
