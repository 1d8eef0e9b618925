import { useState, type ReactNode } from 'react';
import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconNote, IconTruckLoading } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CUSTODY_NEXT, type CustodyState, type DatasetVersion, type TestItemType } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { formatDate, formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { FactList } from '../../shared/fact-list';
import { CustodyDialog } from './custody-dialog';
import { DigestCopy } from './digest-copy';
import { NotesDialog } from './notes-dialog';
import { useCustody, type ItemVersion } from './model-queries';
import { ImpactPanel } from '../relations/impact-panel';
import { ModelCardSection } from '../documents/model-card-section';
import { ModelCardExchange } from '../exchange/model-card-exchange';

// Light badges with dark text of the same hue: readable at 4.5:1 on every colour.
const STATE_COLORS: Record<CustodyState, string> = { none: 'gray', received: 'blue', stored: 'teal', 'released-to-run': 'orange', returned: 'teal', disposed: 'dark' };
const STATE_TEXT: Record<CustodyState, string> = { none: 'gray.8', received: 'blue.9', stored: 'teal.9', 'released-to-run': 'dark.9', returned: 'teal.9', disposed: 'dark.9' };

export function CustodyBadge({ state }: { state: CustodyState }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLORS[state]} c={STATE_TEXT[state]} variant="light" tt="none" data-testid="custody-state">
      {t(`models.custody.states.${state}`)}
    </Badge>
  );
}

/** One version: facts and digest, datasheet (datasets), manifest, the systems using it, and its chain of custody. */
export function VersionCard({ type, itemId, version }: { type: TestItemType; itemId: string; version: ItemVersion }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const custody = useCustody(type, itemId, version.id);
  const [recording, setRecording] = useState(false);
  const [editingNotes, setEditingNotes] = useState(false);
  const none = t('common.none');
  const or = (s: string) => (s.trim() === '' ? none : s);
  const headingId = `version-${version.id}`;
  const sheet = type === 'dataset' ? (version as DatasetVersion).datasheet : null;
  const state = custody.data?.state ?? version.custodyState;

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={headingId} data-testid={`version-${version.label}`}>
      <Group justify="space-between" mb="sm" align="flex-start">
        <Group gap="sm">
          <Title order={3} id={headingId} fz="h4">
            {t('models.versions.heading', { label: version.label })}
          </Title>
          <CustodyBadge state={state} />
        </Group>
        {can('model.edit') ? (
          <Group gap="xs">
            <Button size="xs" variant="default" leftSection={<IconNote size={14} aria-hidden />} onClick={() => setEditingNotes(true)} data-testid="notes-edit">
              {t('models.notes.edit')}
            </Button>
            {CUSTODY_NEXT[state].length > 0 ? (
              <Button size="xs" variant="default" leftSection={<IconTruckLoading size={14} aria-hidden />} onClick={() => setRecording(true)} data-testid="custody-record">
                {t('models.custody.record')}
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Group>
      <Stack gap="md">
        <FactList
          keepLineBreaks
          rows={[
            [t('models.fields.receivedOn'), formatDate(version.receivedOn, i18n.language)],
            [t('models.fields.source'), version.source.startsWith('http') ? <Anchor key="s" href={version.source} target="_blank" rel="noreferrer noopener" fz="sm">{version.source}</Anchor> : or(version.source)],
            [t('models.fields.licence'), or(version.licence)],
            [t('models.fields.manifestDigest'), <DigestCopy key="d" digest={version.manifestDigest} testId="version-digest" />],
            [t('models.fields.notes'), or(version.notes)],
            [t('models.versions.recordedBy'), `${version.createdBy} · ${formatDateTime(version.createdAt, i18n.language)}`],
          ]}
        />
        {sheet !== null ? (
          <div>
            <Title order={4} fz="sm" mb="xs">
              {t('models.datasheet.title')}
            </Title>
            <FactList
              keepLineBreaks
              rows={[
                [t('models.datasheet.origin'), or(sheet.origin)],
                [t('models.datasheet.collectionPeriod'), sheet.collectionFrom === null && sheet.collectionTo === null ? none : `${formatDate(sheet.collectionFrom, i18n.language)} – ${formatDate(sheet.collectionTo, i18n.language)}`],
                [t('models.datasheet.personalData'), sheet.personalData ? t('common.yes') : t('common.no')],
                ...(sheet.personalData ? [[t('models.datasheet.legalBasis'), or(sheet.legalBasis)] as [string, ReactNode]] : []),
                [t('models.datasheet.gapsAndBiases'), or(sheet.gapsAndBiases)],
                [t('models.datasheet.intendedUse'), or(sheet.intendedUse)],
                [t('models.datasheet.independentOfTraining'), `${t(`models.independence.${sheet.independentOfTraining}`)}${sheet.independenceNote ? ` – ${sheet.independenceNote}` : ''}`],
              ]}
            />
          </div>
        ) : null}
        <div>
          <Title order={4} fz="sm" mb="xs">
            {t('models.versions.manifest', { count: version.manifest.length })}
          </Title>
          <Table.ScrollContainer minWidth={720} mah={320}>
            <Table striped data-testid="manifest-table">
              <caption className="visually-hidden">{t('models.versions.manifestCaption', { label: version.label })}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('models.versions.path')}</Table.Th>
                  <Table.Th>SHA-256</Table.Th>
                  <Table.Th ta="right">{t('models.versions.size')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {version.manifest.map((e) => (
                  <Table.Tr key={e.path}>
                    <Table.Td fz="sm" style={{ wordBreak: 'break-all' }}>{e.path}</Table.Td>
                    <Table.Td ff="monospace" fz="xs" style={{ wordBreak: 'break-all' }}>{e.sha256}</Table.Td>
                    <Table.Td fz="sm" ta="right">{e.size === undefined ? none : e.size.toLocaleString(i18n.language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </div>
        <div>
          <Title order={4} fz="sm" mb="xs">
            {t('models.versions.usedBy')}
          </Title>
          {version.usedBy.length === 0 ? (
            <Text fz="sm" c="dimmed">{t('models.versions.unused')}</Text>
          ) : (
            <Group gap="xs">
              {version.usedBy.map((u) => (
                <Anchor key={`${u.systemId}-${u.role}`} component={Link} to={`/systems/${u.systemId}?tab=models`} fz="sm">
                  {u.systemName} ({t(`models.roles.${u.role}`)})
                </Anchor>
              ))}
            </Group>
          )}
        </div>
        {type === 'model' ? <ModelCardSection modelVersionId={version.id} /> : null}
        {type === 'model' ? <ModelCardExchange modelId={itemId} versionId={version.id} label={version.label} /> : null}
        <ImpactPanel type={type} versionId={version.id} />
        <div>
          <Title order={4} fz="sm" mb="xs">
            {t('models.custody.title')}
          </Title>
          <ErrorAlert error={custody.error} />
          {custody.data === undefined || custody.data.items.length === 0 ? (
            <Text fz="sm" c="dimmed">{custody.isPending ? t('app.loading') : t('models.custody.empty')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={720}>
              <Table striped data-testid="custody-table">
                <caption className="visually-hidden">{t('models.custody.caption', { label: version.label })}</caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('models.custody.event')}</Table.Th>
                    <Table.Th>{t('models.custody.at')}</Table.Th>
                    <Table.Th>{t('models.custody.by')}</Table.Th>
                    <Table.Th>{t('models.custody.location')}</Table.Th>
                    <Table.Th>{t('models.custody.note')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {custody.data.items.map((e) => (
                    <Table.Tr key={e.id}>
                      <Table.Td>{t(`models.custody.events.${e.event}`)}</Table.Td>
                      <Table.Td>{formatDateTime(e.at, i18n.language)}</Table.Td>
                      <Table.Td>{e.by}</Table.Td>
                      <Table.Td>{or(e.location)}</Table.Td>
                      <Table.Td>{or(e.note)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </div>
      </Stack>
      {editingNotes ? <NotesDialog type={type} itemId={itemId} version={version} onClose={() => setEditingNotes(false)} /> : null}
      {recording ? <CustodyDialog type={type} itemId={itemId} versionId={version.id} versionLabel={version.label} state={state} onClose={() => setRecording(false)} /> : null}
    </Paper>
  );
}
