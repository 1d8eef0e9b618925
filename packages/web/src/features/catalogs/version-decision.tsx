import { useState } from 'react';
import { Alert, Button, Group, List, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { CatalogAcceptResult } from '@konform/core';
import { isApiError } from '../../api/client';
import { useAcceptVersion, useDiscardVersion } from './catalog-update-queries';
import { ConfirmDecisionDialog } from './confirm-decision-dialog';

interface Props {
  catalogId: string;
  version: string;
  title: string;
  /** The active version the review compared against (null: the catalogue is new); accepting checks it is unchanged. */
  expectedActive: string | null;
  onAccepted: (result: CatalogAcceptResult) => void;
  onReload: () => void;
}

/** Accept or discard a proposed version, each after a confirmation. */
export function VersionDecision({ catalogId, version, title, expectedActive, onAccepted, onReload }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<'accept' | 'discard' | null>(null);
  const accept = useAcceptVersion(catalogId, version);
  const discard = useDiscardVersion(catalogId, version);
  const close = () => {
    setDialog(null);
    accept.reset();
    discard.reset();
  };
  const conflict = isApiError(accept.error) && accept.error.status === 409;

  return (
    <>
      <Group gap="sm">
        <Button onClick={() => setDialog('accept')}>{t('catalogs.review.accept')}</Button>
        <Button variant="default" color="red.8" onClick={() => setDialog('discard')}>
          {t('catalogs.review.discard')}
        </Button>
      </Group>
      {dialog === 'accept' ? (
        <ConfirmDecisionDialog
          title={t('catalogs.review.acceptTitle', { version })}
          confirmLabel={t('catalogs.review.acceptConfirm')}
          loading={accept.isPending}
          error={accept.error}
          errorText={
            conflict ? (
              <Alert color="red" variant="light" role="alert">
                <Group justify="space-between" align="center" gap="sm">
                  <Text fz="sm">{t('catalogs.review.conflict')}</Text>
                  <Button
                    size="xs"
                    variant="white"
                    color="red.9"
                    onClick={() => {
                      close();
                      onReload();
                    }}
                  >
                    {t('common.reload')}
                  </Button>
                </Group>
              </Alert>
            ) : undefined
          }
          onClose={close}
          onConfirm={() =>
            accept.mutate(expectedActive, {
              onSuccess: (result) => {
                setDialog(null);
                notifications.show({ color: 'teal', message: t('catalogs.review.accepted', { title, version: result.version }) });
                onAccepted(result);
              },
            })
          }
        >
          <Text fz="sm">
            {expectedActive === null ? t('catalogs.review.acceptIntroNew', { title, version }) : t('catalogs.review.acceptIntro', { title, from: expectedActive, version })}
          </Text>
          <List size="sm" spacing={4}>
            <List.Item>{t('catalogs.review.acceptTransaction')}</List.Item>
            <List.Item>{t('catalogs.review.acceptCarryOver')}</List.Item>
            <List.Item>{t('catalogs.review.acceptRetired')}</List.Item>
          </List>
        </ConfirmDecisionDialog>
      ) : null}
      {dialog === 'discard' ? (
        <ConfirmDecisionDialog
          title={t('catalogs.review.discardTitle', { version })}
          confirmLabel={t('catalogs.review.discardConfirm')}
          danger
          loading={discard.isPending}
          error={discard.error}
          onClose={close}
          onConfirm={() =>
            discard.mutate(undefined, {
              onSuccess: () => {
                setDialog(null);
                notifications.show({ color: 'teal', message: t('catalogs.review.discarded', { title, version }) });
                void navigate(expectedActive === null ? '/catalogs' : `/catalogs/${encodeURIComponent(catalogId)}`);
              },
            })
          }
        >
          <Text fz="sm">{t('catalogs.review.discardIntro', { title, version })}</Text>
        </ConfirmDecisionDialog>
      ) : null}
    </>
  );
}
