import { useState } from 'react';
import { Alert, Anchor, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { ActInForce } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { ErrorAlert } from '../../shared/error-alert';
import { AcceptResultAlert } from './accept-result-alert';
import { useAcceptAct, useActInForce, useActPreview } from './catalog-update-queries';
import { ConfirmDecisionDialog } from './confirm-decision-dialog';
import { localized } from './localized';
import { UpdateReviewSections } from './update-review-sections';
import './catalogs.css';

/**
 * /catalogs/eu-ai-act/act-in-force/:act – what switching the AI Act text version would change: the dates of the
 * requirements (diff) and each AI system's due dates (impact); catalog.manage accepts the switch.
 */
export function ActReviewPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { can } = useAuth();
  const { act = '' } = useParams();
  const state = useActInForce();
  const preview = useActPreview(act);
  const accept = useAcceptAct(act);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<ActInForce | null>(null);
  usePageTitle(t('catalogs.act.reviewTitle'));

  if (state.data === undefined) return state.isPending ? <FullPageLoader /> : <ErrorAlert error={state.error} />;
  const titleOf = (id: string) => {
    const found = state.data.acts.find((a) => a.id === id);
    return found === undefined ? id : localized(found.title, lang);
  };
  const current = state.data.actInForce;
  const inForce = current === act;
  const back = (
    <Anchor component={Link} to="/catalogs/eu-ai-act" fz="sm">
      {t('catalogs.review.back')}
    </Anchor>
  );
  if (!state.data.acts.some((a) => a.id === act)) {
    return (
      <Stack gap="md" maw={1100}>
        <div>{back}</div>
        <Alert color="gray" variant="light" role="alert">
          {t('catalogs.act.unknown', { act })}
        </Alert>
      </Stack>
    );
  }
  const from = result === null ? current : null;

  return (
    <Stack gap="md" maw={1200}>
      <div>
        {back}
        <Title order={1} mt={4}>
          {t('catalogs.act.reviewTitle')}
        </Title>
        <Text fz="sm" mt={4} data-testid="review-from-to">
          {from === null || from === act ? t('catalogs.act.isInForce', { act: titleOf(act) }) : t('catalogs.act.fromTo', { from: titleOf(from), to: titleOf(act) })}
        </Text>
      </div>
      {result !== null ? (
        <AcceptResultAlert title={t('catalogs.act.acceptedTitle')}>
          {t('catalogs.act.acceptedText', { act: titleOf(result.actInForce) })}
          {preview.data?.impact ? ` ${t('catalogs.act.acceptedCounts', { systems: preview.data.impact.totals.systems, changed: preview.data.impact.totals.dueDateChanged })}` : null}
        </AcceptResultAlert>
      ) : inForce ? (
        <Alert color="gray" variant="light">
          <Text fz="sm">{t('catalogs.act.alreadyInForce')}</Text>
        </Alert>
      ) : (
        <Paper withBorder p="md">
          <Group justify="space-between" align="center">
            <Text fz="sm" maw={640}>
              {can('catalog.manage') ? t('catalogs.act.manageHint') : t('catalogs.act.readHint')}
            </Text>
            {can('catalog.manage') && preview.data !== undefined ? <Button onClick={() => setConfirming(true)}>{t('catalogs.act.accept')}</Button> : null}
          </Group>
        </Paper>
      )}
      {preview.data !== undefined ? <UpdateReviewSections preview={preview.data} /> : preview.isPending ? <FullPageLoader /> : <ErrorAlert error={preview.error} />}
      {confirming ? (
        <ConfirmDecisionDialog
          title={t('catalogs.act.acceptTitle')}
          confirmLabel={t('catalogs.act.acceptConfirm')}
          loading={accept.isPending}
          error={accept.error}
          onClose={() => {
            setConfirming(false);
            accept.reset();
          }}
          onConfirm={() =>
            accept.mutate(undefined, {
              onSuccess: (next) => {
                setConfirming(false);
                setResult(next);
                notifications.show({ color: 'teal', message: t('catalogs.act.acceptedText', { act: titleOf(next.actInForce) }) });
              },
            })
          }
        >
          <Text fz="sm">{t('catalogs.act.acceptIntro', { from: titleOf(current), to: titleOf(act) })}</Text>
          <List size="sm" spacing={4}>
            <List.Item>{t('catalogs.review.acceptTransaction')}</List.Item>
            <List.Item>{t('catalogs.act.acceptDates')}</List.Item>
          </List>
        </ConfirmDecisionDialog>
      ) : null}
    </Stack>
  );
}
