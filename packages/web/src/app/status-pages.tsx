import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { usePageTitle } from './use-page-title';

function StatusPage({ title, text }: { title: string; text: string }) {
  const { t } = useTranslation();
  usePageTitle(title);
  return (
    <Stack gap="sm" maw={640}>
      <Title order={1}>{title}</Title>
      <Text>{text}</Text>
      <Anchor component={Link} to="/systems">
        {t('app.backToInventory')}
      </Anchor>
    </Stack>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return <StatusPage title={t('app.notFoundTitle')} text={t('app.notFoundText')} />;
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return <StatusPage title={t('app.forbiddenTitle')} text={t('app.forbiddenText')} />;
}
