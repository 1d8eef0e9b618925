import { useState } from 'react';
import { Button, Checkbox, NumberInput, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { RetentionPolicy } from '@konform/core';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { useRetentionPolicies, useUpdateRetention } from './privacy-queries';

/** One record type: its period (never below the legal minimum), what starts it, the legal basis and the legal hold. */
function PolicyRow({ policy }: { policy: RetentionPolicy }) {
  const { t } = useTranslation();
  const update = useUpdateRetention();
  const [months, setMonths] = useState<number | string>(policy.months);
  const [hold, setHold] = useState(policy.hold);
  const [error, setError] = useState<string | undefined>();
  const type = t(`privacy.retention.types.${policy.recordType}`);
  const basis = t(`privacy.retention.basis.${policy.recordType}`);
  const tooShort = t('privacy.retention.tooShort', { min: policy.minMonths, basis });

  const save = () => {
    const value = typeof months === 'number' ? months : Number.parseInt(months, 10);
    if (!Number.isInteger(value) || value < policy.minMonths) {
      setError(tooShort);
      return;
    }
    setError(undefined);
    update.mutate(
      { recordType: policy.recordType, input: { months: value, hold, version: policy.version } },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t('privacy.retention.saved') }),
        // The server's refusal of a too-short period names the field: shown in the user's language.
        onError: (e) => { if (isApiError(e) && e.status === 400 && e.problem.errors?.some((x) => x.path === 'months')) setError(tooShort); },
      },
    );
  };

  return (
    <Table.Tr data-testid={`retention-${policy.recordType}`}>
      <Table.Td>{type}</Table.Td>
      <Table.Td>
        <NumberInput aria-label={t('privacy.retention.monthsOf', { type })} value={months} onChange={setMonths} min={1} max={1200} w={110} error={error} data-testid={`retention-months-${policy.recordType}`} />
        <Text fz="xs" c="dimmed">{t('privacy.retention.minimum', { min: policy.minMonths })}</Text>
      </Table.Td>
      <Table.Td>{t(`privacy.retention.starts.${policy.start}`)}</Table.Td>
      <Table.Td>{basis}</Table.Td>
      <Table.Td>
        <Checkbox aria-label={t('privacy.retention.holdOf', { type })} checked={hold} onChange={(e) => setHold(e.currentTarget.checked)} />
      </Table.Td>
      <Table.Td>
        <Button size="xs" variant="light" aria-label={t('privacy.retention.saveOf', { type })} loading={update.isPending} onClick={save} data-testid={`retention-save-${policy.recordType}`}>
          {t('privacy.retention.save')}
        </Button>
        {update.error && !(isApiError(update.error) && update.error.status === 400) ? <ErrorAlert error={update.error} /> : null}
      </Table.Td>
    </Table.Tr>
  );
}

/** The retention periods of every record type (privacy.manage). */
export function RetentionPanel() {
  const { t } = useTranslation();
  const policies = useRetentionPolicies();
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} fz="h4">{t('privacy.retention.title')}</Title>
        <Text fz="sm" c="dimmed">{t('privacy.retention.intro')}</Text>
        <ErrorAlert error={policies.error} />
        <Table.ScrollContainer minWidth={800}>
          <Table verticalSpacing="sm">
            <caption className="visually-hidden">{t('privacy.retention.caption')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('privacy.retention.type')}</Table.Th>
                <Table.Th>{t('privacy.retention.months')}</Table.Th>
                <Table.Th>{t('privacy.retention.start')}</Table.Th>
                <Table.Th>{t('privacy.retention.legalBasis')}</Table.Th>
                <Table.Th>{t('privacy.retention.hold')}</Table.Th>
                <Table.Th><span className="visually-hidden">{t('privacy.retention.save')}</span></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(policies.data ?? []).map((p) => <PolicyRow key={`${p.recordType}:${p.version}`} policy={p} />)}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}
