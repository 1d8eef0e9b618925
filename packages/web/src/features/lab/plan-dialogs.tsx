import { useState } from 'react';
import { Button, Group, List, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { LabPlanDetail } from '@konform/core';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { planFieldErrors } from './plan-case-editor';
import { usePlanTransition, type PlanTransition } from './plan-queries';

interface Props {
  plan: LabPlanDetail;
  action: PlanTransition;
  onClose: () => void;
  /** The plan the action answered with: the fixed or retired plan, or the new revision. */
  onDone: (plan: LabPlanDetail) => void;
  onReload: () => void;
}

/**
 * Confirms fixing, revising or retiring a plan: what the action does, what it means for runs, and (to retire) the
 * reason. Problems the server finds when fixing are listed by case.
 */
export function PlanTransitionDialog({ plan, action, onClose, onDone, onReload }: Props) {
  const { t } = useTranslation();
  const mutation = usePlanTransition(plan.id, action);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const fieldErrors = planFieldErrors(mutation.error, t);
  const caseProblems = Object.entries(fieldErrors).map(([path, message]) => {
    const index = /^cases\.(\d+)\./.exec(path)?.[1];
    const kase = index === undefined ? undefined : plan.cases[Number(index)];
    return kase === undefined ? message : `${kase.key}: ${message}`;
  });
  const revisionOpen = isApiError(mutation.error) && mutation.error.code === 'revision-open';

  const confirm = () => {
    if (action === 'retire' && reason.trim() === '') {
      setMissing(true);
      return;
    }
    mutation.mutate(action === 'retire' ? { version: plan.version, reason: reason.trim() } : { version: plan.version }, {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', message: t(`labPlans.${action}.done`, { name: saved.name }) });
        onDone(saved);
        onClose();
      },
    });
  };

  return (
    <Modal opened onClose={onClose} title={t(`labPlans.${action}.title`)} size="lg" centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="md" data-testid={`lab-plan-${action}-dialog`}>
        <Text fz="sm">{t(`labPlans.${action}.text`, { name: plan.name })}</Text>
        {action === 'fix' && plan.revises !== null ? <Text fz="sm">{t('labPlans.fix.retiresOld', { name: plan.revises.name })}</Text> : null}
        {action === 'fix' && plan.cases.some((c) => c.method.status !== 'validated') ? (
          <Text fz="sm" c="dark.9" data-testid="lab-plan-fix-unvalidated">
            {t('labPlans.fix.unvalidated', { keys: plan.cases.filter((c) => c.method.status !== 'validated').map((c) => c.key).join(', ') })}
          </Text>
        ) : null}
        {action === 'retire' ? (
          <Textarea
            label={t('labPlans.retire.reason')}
            required
            autosize
            minRows={2}
            maxLength={1000}
            value={reason}
            error={missing && reason.trim() === '' ? t('common.required') : undefined}
            aria-invalid={missing && reason.trim() === ''}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-autofocus
            data-testid="lab-plan-retire-reason"
          />
        ) : null}
        {caseProblems.length > 0 ? (
          <div role="alert">
            <Text fz="sm" c="red.9" fw={600}>
              {t('labPlans.fix.problemsTitle')}
            </Text>
            <List size="sm" c="red.9">
              {caseProblems.map((p) => (
                <List.Item key={p}>{p}</List.Item>
              ))}
            </List>
          </div>
        ) : revisionOpen ? (
          <Text fz="sm" c="red.9" role="alert">
            {t('labPlans.revise.open')}
          </Text>
        ) : (
          <ErrorAlert error={mutation.error} onReload={() => { mutation.reset(); onReload(); onClose(); }} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} {...(action === 'retire' ? {} : { 'data-autofocus': true })}>
            {t('common.cancel')}
          </Button>
          <Button color={action === 'retire' ? 'red.9' : undefined} loading={mutation.isPending} onClick={confirm} data-testid={`lab-plan-${action}-submit`}>
            {t(`labPlans.${action}.submit`)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
