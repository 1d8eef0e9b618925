import { Alert, Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFilePlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { AiSystem } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { useCreateDocument, useSystemDocuments } from './document-queries';
import { VersionStatusBadge } from './version-status-badge';

/** The system's generated documents (tab "Dokumentation"): the technical documentation of Annex IV for high-risk systems. */
export function SystemDocumentsTab({ system }: { system: AiSystem }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const query = useSystemDocuments(system.id);
  const create = useCreateDocument();
  const documents = query.data ?? [];
  const highRisk = system.riskClass === 'high';
  const start = () =>
    create.mutate({ type: 'annex-iv', systemId: system.id, locale: i18n.language === 'en' ? 'en' : 'de' }, {
      onSuccess: (doc) => {
        notifications.show({ color: 'teal', message: t('documents.created') });
        void navigate(`/documents/${doc.id}`);
      },
    });

  return (
    <Stack gap="md" mt="md">
      <Group justify="space-between">
        <Text c="dimmed" fz="sm">{t('documents.tabIntro')}</Text>
        {can('document.edit') && highRisk && !documents.some((d) => d.type === 'annex-iv') ? (
          <Button leftSection={<IconFilePlus size={16} aria-hidden />} onClick={start} loading={create.isPending} data-testid="documents-create">
            {t('documents.create')}
          </Button>
        ) : null}
      </Group>
      {!highRisk ? <Alert color="gray" variant="light">{t('documents.notHighRisk')}</Alert> : null}
      <ErrorAlert error={create.error ?? query.error} />
      {documents.length === 0 ? (
        query.isPending ? null : <Text fz="sm">{t('documents.none')}</Text>
      ) : (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('documents.columns.title')}</Table.Th>
              <Table.Th>{t('documents.columns.type')}</Table.Th>
              <Table.Th>{t('documents.columns.latest')}</Table.Th>
              <Table.Th>{t('documents.columns.released')}</Table.Th>
              <Table.Th>{t('documents.columns.updated')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {documents.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/documents/${d.id}`} data-testid="documents-open">{d.title}</Anchor>
                </Table.Td>
                <Table.Td>{t(`documents.types.${d.type}`)}</Table.Td>
                <Table.Td>{d.latestVersion ? <Group gap={6}>{d.latestVersion.number}<VersionStatusBadge status={d.latestVersion.status} /></Group> : '–'}</Table.Td>
                <Table.Td>{d.releasedNumber === null ? '–' : <Badge color="teal" variant="light" c="dark.9" miw="max-content">{d.releasedNumber}</Badge>}</Table.Td>
                <Table.Td>{formatDateTime(d.updatedAt, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
