import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/use-page-title';
import { ErasurePanel } from './erasure-panel';
import { RetentionPanel } from './retention-panel';

/** Administration → Retention and erasure (privacy.manage). */
export function PrivacyPage() {
  const { t } = useTranslation();
  usePageTitle(t('privacy.title'));
  return (
    <Stack gap="md" maw={1200}>
      <div>
        <Title order={1}>{t('privacy.title')}</Title>
        <Text c="dimmed" fz="sm" maw={760}>{t('privacy.intro')}</Text>
      </div>
      <RetentionPanel />
      <ErasurePanel />
    </Stack>
  );
}
