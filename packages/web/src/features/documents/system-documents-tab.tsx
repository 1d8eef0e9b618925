import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconFilePlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AiSystem, DocumentSummary } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { CreateDocumentDialog, SYSTEM_DOCUMENT_TYPES } from './create-document-dialog';
import { useSystemDocuments } from './document-queries';
import { VersionStatusBadge } from './version-status-badge';

/** The system's generated documents (tab "Dokumentation"), grouped by type, and the dialog that creates one. */
export function SystemDocumentsTab({ system }: { system: AiSystem }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const query = useSystemDocuments(system.id);
  const [creating, setCreating] = useState(false);
  const documents = query.data ?? [];
  const groups = SYSTEM_DOCUMENT_TYPES.map((type) => ({ type, items: documents.filter((d) => d.type === type) })).filter((g) => g.items.length > 0);

  return (
    <Stack gap="md" mt="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text c="dimmed" fz="sm">{t('documents.tabIntro')}</Text>
        {can('document.edit') ? (
          <Button leftSection={<IconFilePlus size={16} aria-hidden />} onClick={() => setCreating(true)} data-testid="documents-create" style={{ flexShrink: 0 }}>
            {t('documents.create')}
          </Button>
        ) : null}
      </Group>
      {system.riskClass !== 'high' ? <Alert color="gray" variant="light">{t('documents.notHighRisk')}</Alert> : null}
      <ErrorAlert error={query.error} />
      {documents.length === 0 ? (query.isPending ? null : <Text fz="sm">{t('documents.none')}</Text>) : null}
      {groups.map((g) => (
        <section key={g.type} aria-labelledby={`documents-group-${g.type}`} data-testid={`documents-group-${g.type}`}>
          <Title order={3} fz="md" mb={4} id={`documents-group-${g.type}`}>{t(`documents.types.${g.type}`)}</Title>
          <DocumentTable documents={g.items} />
        </section>
      ))}
      {creating ? <CreateDocumentDialog system={system} onClose={() => setCreating(false)} /> : null}
    </Stack>
  );
}

function DocumentTable({ documents }: { documents: DocumentSummary[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Table striped withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('documents.columns.title')}</Table.Th>
          <Table.Th>{t('documents.new.language')}</Table.Th>
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
            <Table.Td>{t(`documents.new.languages.${d.locale}`)}</Table.Td>
            <Table.Td>{d.latestVersion ? <Group gap={6}>{d.latestVersion.number}<VersionStatusBadge status={d.latestVersion.status} /></Group> : '–'}</Table.Td>
            <Table.Td>{d.releasedNumber === null ? '–' : <Badge color="teal" variant="light" c="dark.9" miw="max-content">{d.releasedNumber}</Badge>}</Table.Td>
            <Table.Td>{formatDateTime(d.updatedAt, i18n.language)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
