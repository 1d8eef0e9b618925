import { Anchor, Button, Group, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFilePlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { DocumentLocale } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { ErrorAlert } from '../../shared/error-alert';
import { useCreateDocument, useModelVersionDocuments } from './document-queries';
import { VersionStatusBadge } from './version-status-badge';

/** On a model version: its model card (one per language), opened or created from here. */
export function ModelCardSection({ modelVersionId }: { modelVersionId: string }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const query = useModelVersionDocuments(modelVersionId);
  const create = useCreateDocument();
  const cards = query.data ?? [];
  const locale: DocumentLocale = i18n.language === 'en' ? 'en' : 'de';
  const headingId = `model-card-${modelVersionId}`;
  const start = () =>
    create.mutate({ type: 'model-card', modelVersionId, locale }, {
      onSuccess: (doc) => {
        notifications.show({ color: 'teal', message: t('documents.created') });
        void navigate(`/documents/${doc.id}`);
      },
    });
  return (
    <section aria-labelledby={headingId} data-testid="model-card-section">
      <Title order={4} fz="sm" mb="xs" id={headingId}>{t('documents.modelCard.heading')}</Title>
      <Text c="dimmed" fz="sm" mb="xs">{t('documents.modelCard.intro')}</Text>
      <Group gap="sm">
        {cards.map((d) => (
          <Group key={d.id} gap={6}>
            <Anchor component={Link} to={`/documents/${d.id}`} fz="sm" data-testid="model-card-open">{t('documents.modelCard.open', { lang: t(`documents.new.languages.${d.locale}`) })}</Anchor>
            {d.latestVersion ? <VersionStatusBadge status={d.latestVersion.status} /> : null}
          </Group>
        ))}
        {cards.length === 0 && !query.isPending ? <Text fz="sm">{t('documents.modelCard.none')}</Text> : null}
        {can('document.edit') && !cards.some((d) => d.locale === locale) ? (
          <Button size="xs" variant="light" leftSection={<IconFilePlus size={14} aria-hidden />} onClick={start} loading={create.isPending} data-testid="model-card-create">
            {t('documents.modelCard.create')}
          </Button>
        ) : null}
      </Group>
      <ErrorAlert error={create.error ?? query.error} />
    </section>
  );
}
