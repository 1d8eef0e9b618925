import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconShieldCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ChainVerification } from '@konform/core';
import { api } from '../../api/client';
import { usePageTitle } from '../../app/use-page-title';
import { formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';

interface Result {
  verification: ChainVerification;
  checkedAt: string;
}

/** Recomputes the audit hash chain on the server and shows whether it is intact. */
export function AuditVerifyPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('audit.title'));
  const verify = useMutation({
    mutationFn: async (): Promise<Result> => ({
      verification: await api.get<ChainVerification>('/audit-events/verify'),
      checkedAt: new Date().toISOString(),
    }),
  });
  const result = verify.data;

  return (
    <Stack gap="md" maw={800}>
      <div>
        <Title order={1}>{t('audit.title')}</Title>
        <Text c="dimmed" fz="sm" mt={4}>
          {t('audit.intro')}
        </Text>
      </div>
      <Paper withBorder p="lg">
        <Stack gap="md" align="flex-start">
          <Button leftSection={<IconShieldCheck size={18} aria-hidden />} loading={verify.isPending} onClick={() => verify.mutate()}>
            {t('audit.verify')}
          </Button>
          <div aria-live="polite" style={{ width: '100%' }}>
            {result !== undefined ? (
              result.verification.ok ? (
                <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} aria-hidden />} title={t('audit.okTitle')}>
                  <Text fz="sm">{t('audit.okText', { count: result.verification.checked })}</Text>
                  <CheckpointLine verification={result.verification} />
                  <Text fz="xs" c="dimmed" mt={4}>
                    {t('audit.checkedAt', { date: formatDateTime(result.checkedAt, i18n.language) })}
                  </Text>
                </Alert>
              ) : (
                <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title={t('audit.brokenTitle')}>
                  <Text fz="sm">
                    {t('audit.brokenText', {
                      seq: result.verification.firstBroken?.seq ?? '?',
                      reason: result.verification.firstBroken === null ? '' : t(`audit.reasons.${result.verification.firstBroken.reason}`),
                      count: result.verification.checked,
                    })}
                  </Text>
                  <CheckpointLine verification={result.verification} />
                  <Text fz="xs" c="dimmed" mt={4}>
                    {t('audit.checkedAt', { date: formatDateTime(result.checkedAt, i18n.language) })}
                  </Text>
                </Alert>
              )
            ) : null}
          </div>
          <ErrorAlert error={verify.error} />
        </Stack>
      </Paper>
    </Stack>
  );
}

/** Which signed checkpoints the chain was compared with (truncation and rewrites show against them). */
function CheckpointLine({ verification }: { verification: ChainVerification }) {
  const { t, i18n } = useTranslation();
  const latest = verification.checkpoints.latest;
  return (
    <Text fz="sm" mt={4}>
      {latest
        ? t('audit.checkpoints', { count: verification.checkpoints.checked, seq: latest.seq, date: formatDateTime(latest.signedAt, i18n.language), key: latest.keyId.slice(0, 12) })
        : t('audit.noCheckpoints')}
    </Text>
  );
}
