import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { errorMessage } from './error-message';

interface Props {
  error: unknown;
  /** Offered on a version conflict: reload the record and discard local edits. */
  onReload?: () => void;
}

/** Announces a failed request; a version conflict gets its own title and a reload button. */
export function ErrorAlert({ error, onReload }: Props) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  const conflict = isApiError(error) && error.isVersionConflict;
  return (
    <Alert
      color="red"
      variant="light"
      role="alert"
      icon={<IconAlertTriangle size={18} aria-hidden />}
      title={conflict ? t('errors.versionConflictTitle') : undefined}
    >
      <Group justify="space-between" align="center" gap="sm">
        <Text fz="sm">
          {errorMessage(error, t)}
        </Text>
        {conflict && onReload !== undefined ? (
          <Button size="xs" variant="white" color="red.9" onClick={onReload}>
            {t('common.reload')}
          </Button>
        ) : null}
      </Group>
    </Alert>
  );
}
