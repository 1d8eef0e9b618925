import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconExternalLink, IconPencil, IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { formatDate, formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { FileField } from '../../shared/file-field';
import { useCatalogRequirements } from '../catalogs/catalog-queries';
import { localized, splitRequirementKey } from '../catalogs/localized';
import { useSystem } from '../inventory/system-queries';
import { fileErrorOf } from './evidence-create-form';
import { EvidenceEditForm } from './evidence-edit-form';
import { downloadHref, useEvidence, useUploadVersion } from './evidence-queries';
import { MarkingBadge } from './marking-badge';
import { RecordTasks } from '../tasks/record-tasks';
import '../catalogs/catalogs.css';
import { formatLegalRef } from '../../i18n/legal-ref';

function SystemName({ id }: { id: string }) {
  const query = useSystem(id);
  return (
    <Anchor component={Link} to={`/systems/${id}?tab=matrix`} fz="sm">
      {query.data?.name ?? id}
    </Anchor>
  );
}

/** A requirement by its reference and title (the catalogue's requirements are fetched once per catalogue and cached), linking to the system's matrix. */
function RequirementUse({ requirementKey, systemId }: { requirementKey: string; systemId: string }) {
  const { i18n } = useTranslation();
  const { can } = useAuth();
  const { catalogId } = splitRequirementKey(requirementKey);
  const query = useCatalogRequirements(catalogId, {}, can('catalog.read'));
  const item = query.data?.items.find((r) => r.key === requirementKey);
  return (
    <Anchor component={Link} to={`/systems/${systemId}?tab=matrix`} fz="sm" className={item === undefined ? 'hash' : undefined}>
      {item === undefined ? requirementKey : `${formatLegalRef(item.ref, i18n.language)} – ${localized(item.title, i18n.language)}`}
    </Anchor>
  );
}

function formatSize(bytes: number, language: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

function NewVersion({ evidenceId }: { evidenceId: string }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [key, setKey] = useState(0);
  const upload = useUploadVersion(evidenceId);
  const fileError = fileErrorOf(upload.error, t);
  return (
    <Group gap="sm" align="flex-end">
      <FileField label={t('evidence.newVersionFile')} resetKey={key} error={fileError} onFile={setFile} />
      <Button
        leftSection={<IconUpload size={16} aria-hidden />}
        disabled={file === null}
        loading={upload.isPending}
        onClick={() =>
          file !== null &&
          upload.mutate(file, {
            onSuccess: () => {
              notifications.show({ color: 'teal', message: t('evidence.versionUploaded') });
              setFile(null);
              setKey((k) => k + 1);
            },
          })
        }
      >
        {t('evidence.uploadVersion')}
      </Button>
      {fileError === undefined ? <ErrorAlert error={upload.error} /> : null}
    </Group>
  );
}

/** One evidence item: metadata (editable), versions with downloads, a new version, where it is used. */
export function EvidenceDetailPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { id = '' } = useParams();
  const query = useEvidence(id);
  const [editing, setEditing] = useState(false);
  usePageTitle(query.data?.title ?? t('evidence.title'));
  const lang = i18n.language;

  if (query.data === undefined) return query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />;
  const evidence = query.data;
  const writable = can('evidence.write');

  return (
    <Stack gap="md" maw={1100}>
      <div>
        <Anchor component={Link} to="/evidence" fz="sm">
          {t('evidence.back')}
        </Anchor>
        <Group justify="space-between" align="flex-start" mt={4}>
          <Group gap="sm">
            <Title order={1}>{evidence.title}</Title>
            <MarkingBadge marking={evidence.classification} />
          </Group>
          {writable && !editing ? (
            <Button leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          ) : null}
        </Group>
      </div>
      <Paper withBorder p="lg" component="section" aria-labelledby="evidence-meta-title">
        <Title order={2} fz="lg" id="evidence-meta-title" mb="sm">
          {t('evidence.metadata')}
        </Title>
        {editing ? (
          <EvidenceEditForm evidence={evidence} onDone={() => setEditing(false)} onReload={() => void query.refetch()} />
        ) : (
          <dl className="detail-list">
            <dt>{t('evidence.fields.description')}</dt>
            <dd>{evidence.description === '' ? '–' : evidence.description}</dd>
            <dt>{t('evidence.kind')}</dt>
            <dd>{evidence.kind === 'file' ? t('evidence.kindFile') : t('evidence.kindLink')}</dd>
            {evidence.url !== null ? (
              <>
                <dt>{t('evidence.fields.url')}</dt>
                <dd>
                  <Anchor href={evidence.url} target="_blank" rel="noopener noreferrer" fz="sm">
                    <IconExternalLink size={14} aria-hidden /> {evidence.url}
                  </Anchor>
                </dd>
              </>
            ) : null}
            {evidence.labRunId !== null ? (
              <>
                <dt>{t('labRuns.evidenceSource.label')}</dt>
                <dd>
                  <Anchor component={Link} to={`/lab/runs/${evidence.labRunId}`} fz="sm" data-testid="evidence-lab-run">
                    {t('labRuns.evidenceSource.open')}
                  </Anchor>
                </dd>
              </>
            ) : null}
            <dt>{t('evidence.fields.owner')}</dt>
            <dd>{evidence.owner === '' ? '–' : evidence.owner}</dd>
            <dt>{t('evidence.fields.validUntil')}</dt>
            <dd>{formatDate(evidence.validUntil, lang)}</dd>
            <dt>{t('evidence.fields.system')}</dt>
            <dd>
              <SystemName id={evidence.systemId} />
            </dd>
            <dt>{t('evidence.createdBy')}</dt>
            <dd>
              {evidence.createdBy.label}, {formatDateTime(evidence.createdAt, lang)}
            </dd>
          </dl>
        )}
      </Paper>
      {evidence.kind === 'file' ? (
        <Paper withBorder p="lg" component="section" aria-labelledby="evidence-versions-title">
          <Title order={2} fz="lg" id="evidence-versions-title" mb="sm">
            {t('evidence.versions')}
          </Title>
          <Table verticalSpacing="xs" fz="sm">
            <caption className="visually-hidden">{t('evidence.versions')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('evidence.versionNumber')}</Table.Th>
                <Table.Th>{t('evidence.filename')}</Table.Th>
                <Table.Th>{t('evidence.size')}</Table.Th>
                <Table.Th>{t('evidence.sha256')}</Table.Th>
                <Table.Th>{t('evidence.uploaded')}</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {evidence.versions.map((v) => (
                <Table.Tr key={v.number}>
                  <Table.Td>{v.number}</Table.Td>
                  <Table.Td>
                    {v.filename}
                    <Text fz="xs" c="dimmed">
                      {v.contentType}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatSize(v.size, lang)}</Table.Td>
                  <Table.Td>
                    <Text component="code" fz="xs" className="hash" title={v.sha256}>
                      {v.sha256.slice(0, 12)}…
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {v.uploadedBy.label}
                    <Text fz="xs" c="dimmed">
                      {formatDateTime(v.uploadedAt, lang)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Anchor href={downloadHref(evidence.id, v.number)} download fz="sm" aria-label={t('evidence.downloadVersion', { number: v.number })}>
                      <Group gap={4} wrap="nowrap">
                        <IconDownload size={14} aria-hidden />
                        {t('evidence.download')}
                      </Group>
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {writable ? (
            <div style={{ marginTop: 'var(--mantine-spacing-md)' }}>
              <NewVersion evidenceId={evidence.id} />
            </div>
          ) : null}
        </Paper>
      ) : null}
      <Paper withBorder p="lg" component="section" aria-labelledby="evidence-used-title">
        <Title order={2} fz="lg" id="evidence-used-title" mb="sm">
          {t('evidence.whereUsed')}
        </Title>
        {evidence.links.length === 0 ? (
          <Text fz="sm" c="dimmed">
            {t('evidence.notUsed')}
          </Text>
        ) : (
          <Table verticalSpacing="xs" fz="sm">
            <caption className="visually-hidden">{t('evidence.whereUsed')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('evidence.fields.system')}</Table.Th>
                <Table.Th>{t('evidence.usedFor')}</Table.Th>
                <Table.Th>{t('evidence.linkedBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {evidence.links.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td>
                    <SystemName id={l.systemId} />
                  </Table.Td>
                  <Table.Td>
                    {l.requirementKey !== null ? (
                      <RequirementUse requirementKey={l.requirementKey} systemId={l.systemId} />
                    ) : l.measureId !== null ? (
                      <Badge size="sm" variant="light" color="blue" c="dark.9">
                        {t('evidence.measure', { id: l.measureId })}
                      </Badge>
                    ) : (
                      t('evidence.wholeSystem')
                    )}
                  </Table.Td>
                  <Table.Td>
                    {l.createdBy.label}
                    <Text fz="xs" c="dimmed">
                      {formatDateTime(l.createdAt, lang)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <RecordTasks record={{ recordType: 'evidence', recordId: evidence.id, systemId: evidence.systemId }} />
    </Stack>
  );
}
