import { useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconEye } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { mayVerifyNonconformity, nextNonconformityStatus, nonconformityStepBlocker, type Nonconformity } from '@konform/core';
import { isApiError } from '../../api/client';
import { useAuth, useCurrentUser } from '../../app/auth-context';
import { ErrorAlert } from '../../shared/error-alert';
import { NonconformityStepper } from './nonconformity-stepper';
import { useTransitionNonconformity } from './nonconformity-queries';
import { VerifyDialog } from './verify-dialog';

/** The step a button takes; verification has a dialog of its own. */
function StepButton({ nc, onReload }: { nc: Nonconformity; onReload: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const me = useCurrentUser();
  const transition = useTransitionNonconformity(nc.id);
  const [verifying, setVerifying] = useState(false);
  const next = nextNonconformityStatus(nc.status);
  if (next === null) {
    return (
      <Text fz="sm" data-testid="capa-closed-note">
        {t('capa.next.closed')}
      </Text>
    );
  }

  if (next === 'verified') {
    if (!can('nonconformity.verify')) return <Text fz="sm">{t('capa.next.verifyByOthers')}</Text>;
    const allowed = mayVerifyNonconformity(nc, me.id);
    return (
      <Stack gap="xs">
        <Text fz="sm">{t('capa.next.implemented')}</Text>
        <Group>
          <Button
            leftSection={<IconEye size={16} aria-hidden />}
            disabled={!allowed}
            aria-describedby={allowed ? undefined : 'capa-four-eyes'}
            onClick={() => setVerifying(true)}
            data-testid="capa-verify"
          >
            {t('capa.steps.verified')}
          </Button>
        </Group>
        {allowed ? null : (
          <Alert id="capa-four-eyes" color="petrol" variant="light" title={t('capa.fourEyes.title')} data-testid="capa-four-eyes">
            <Text fz="sm">{t('capa.fourEyes.text')}</Text>
          </Alert>
        )}
        {verifying ? <VerifyDialog nc={nc} onClose={() => setVerifying(false)} onReload={onReload} /> : null}
      </Stack>
    );
  }

  if (!can('nonconformity.edit')) return <Text fz="sm">{t(`capa.next.${nc.status}`)}</Text>;
  const blocker = nonconformityStepBlocker(nc);
  // The server judged the step otherwise (someone changed the record in between): say so in words, reload offered below.
  const refused = isApiError(transition.error) && (transition.error.status === 400 || transition.error.code === 'invalid-transition');
  const take = () =>
    transition.mutate(
      { version: nc.version, to: next },
      { onSuccess: (saved) => notifications.show({ color: 'teal', message: t('capa.next.moved', { status: t(`capa.statuses.${saved.status}`) }) }) },
    );
  return (
    <Stack gap="xs">
      <Text fz="sm">{t(`capa.next.${nc.status}`)}</Text>
      <Group>
        <Button
          disabled={blocker !== null}
          aria-describedby={blocker === null ? undefined : 'capa-step-blocker'}
          loading={transition.isPending}
          onClick={take}
          data-testid={`capa-step-${next}`}
        >
          {t(`capa.steps.${next}`)}
        </Button>
      </Group>
      {blocker === null ? null : (
        <Text id="capa-step-blocker" fz="sm" c="dimmed">
          {t(`capa.blockers.${blocker}`)}
        </Text>
      )}
      {refused ? (
        <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle size={18} aria-hidden />}>
          <Text fz="sm">{t('capa.next.refused')}</Text>
        </Alert>
      ) : (
        <ErrorAlert error={transition.error} onReload={onReload} />
      )}
    </Stack>
  );
}

/** Where the non-conformity stands (stepper), what the last verification found, and the next step. */
export function WorkflowPanel({ nc, onReload }: { nc: Nonconformity; onReload: () => void }) {
  const { t } = useTranslation();
  const ineffective = nc.verification !== null && !nc.verification.effective && nc.status === 'actions-planned';
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="capa-workflow-title">
      <Stack gap="md">
        <Title order={2} fz="lg" id="capa-workflow-title">
          {t('capa.workflow.title')}
        </Title>
        <NonconformityStepper status={nc.status} />
        {ineffective ? (
          <Alert color="orange" variant="light" title={t('capa.workflow.ineffectiveTitle')} data-testid="capa-ineffective">
            <Text fz="sm" c="dark.9">
              {t('capa.workflow.ineffectiveText', { note: nc.verification?.note ?? '' })}
            </Text>
          </Alert>
        ) : null}
        <StepButton key={nc.version} nc={nc} onReload={onReload} />
      </Stack>
    </Paper>
  );
}
