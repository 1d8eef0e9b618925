import { useEffect, useState, type FormEvent } from 'react';
import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Nonconformity } from '@konform/core';
import { fieldErrorsOf } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { useUpdateNonconformity } from './nonconformity-queries';

/** The root-cause analysis (ISO/IEC 42001 10.2 b): why did it happen, could it happen elsewhere? */
export function RootCauseSection({ nc, editable, onReload }: { nc: Nonconformity; editable: boolean; onReload: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateNonconformity(nc.id);
  const [rootCause, setRootCause] = useState(nc.rootCause);
  const error = fieldErrorsOf(update.error).rootCause;

  useEffect(() => setRootCause(nc.rootCause), [nc.rootCause, nc.version]);

  const save = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ version: nc.version, rootCause: rootCause.trim() }, { onSuccess: () => notifications.show({ color: 'teal', message: t('capa.rootCause.saved') }) });
  };

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="capa-root-cause-title">
      <Title order={2} fz="lg" id="capa-root-cause-title" mb="xs">
        {t('capa.rootCause.title')}
      </Title>
      {editable ? (
        <form onSubmit={save} noValidate>
          <Stack gap="sm">
            <Textarea
              label={t('capa.rootCause.label')}
              description={t('capa.rootCause.hint')}
              autosize
              minRows={3}
              maxLength={10_000}
              value={rootCause}
              error={error}
              onChange={(e) => setRootCause(e.currentTarget.value)}
              data-testid="capa-root-cause"
            />
            <ErrorAlert error={error === undefined ? update.error : null} onReload={onReload} />
            <Group justify="flex-end">
              <Button type="submit" variant="default" loading={update.isPending} disabled={rootCause.trim() === nc.rootCause}>
                {t('capa.rootCause.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }} c={nc.rootCause === '' ? 'dimmed' : undefined}>
          {nc.rootCause === '' ? t('capa.rootCause.empty') : nc.rootCause}
        </Text>
      )}
    </Paper>
  );
}
