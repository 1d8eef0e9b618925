import { Button, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { QueryParams } from '../../api/client';
import { ExchangeProblem } from './exchange-problem';
import { useDownload } from './exchange-queries';

interface Props {
  path: string;
  params?: QueryParams;
  fallbackName: string;
  label: string;
  testId: string;
  known?: Record<string, string>;
  disabled?: boolean;
}

/** Downloads an export; a refusal (a problem document) is explained below the button instead of saving an error page. */
export function DownloadButton({ path, params, fallbackName, label, testId, known, disabled }: Props) {
  const { t } = useTranslation();
  const download = useDownload(path, fallbackName);
  return (
    <Stack gap={6} align="flex-start">
      <Button
        size="xs"
        variant="default"
        leftSection={<IconDownload size={14} aria-hidden />}
        onClick={() => download.mutate(params)}
        loading={download.isPending}
        disabled={disabled}
        data-testid={testId}
      >
        {label}
      </Button>
      {download.isSuccess ? (
        <Text fz="xs" c="dimmed" role="status" data-testid={`${testId}-done`}>
          {t('exchange.downloaded', { file: download.data })}
        </Text>
      ) : null}
      <ExchangeProblem error={download.error} known={known} testId={`${testId}-problem`} />
    </Stack>
  );
}
