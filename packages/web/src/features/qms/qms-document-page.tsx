import { useState, type ReactNode } from 'react';
import { Anchor, Button, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFilePlus, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { art17Element, type QmsDocumentDetail } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { formatDate, formatDateTime } from '../../i18n/format';
import { formatLegalRef } from '../../i18n/legal-ref';
import { ErrorAlert } from '../../shared/error-alert';
import { localized } from '../catalogs/localized';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { DocumentFormDrawer } from './document-form-drawer';
import { DocumentStatus, ReviewDate, VersionStateBadge } from './qms-badges';
import { useCreateQmsVersion, useQmsCoverage, useQmsDocument } from './qms-queries';
import { VersionPanel } from './version-panel';
import './qms.css';

/** The version shown unless one is chosen: the one being written or reviewed, else the one in force, else the newest. */
function defaultVersion(document: QmsDocumentDetail): number | null {
  return document.working?.number ?? document.released?.number ?? document.versions[0]?.number ?? null;
}

function Facts({ document }: { document: QmsDocumentDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { names } = useUnitOptions();
  const coverage = useQmsCoverage();
  const clauses = new Map((coverage.data?.iso42001 ?? []).map((r) => [r.key, r]));
  const row = (label: string, value: ReactNode) => (
    <Table.Tr>
      <Table.Th scope="row" w="30%" style={{ whiteSpace: 'normal' }}>
        {label}
      </Table.Th>
      <Table.Td>{value}</Table.Td>
    </Table.Tr>
  );
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="qms-facts-title">
      <Title order={2} fz="lg" id="qms-facts-title" mb="sm">
        {t('qms.detail.facts')}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Table withRowBorders={false} data-testid="qms-facts">
          <Table.Tbody>
            {row(t('qms.list.columns.kind'), t(`qms.kinds.${document.kind}`))}
            {row(t('qms.list.columns.owner'), document.ownerActive ? document.ownerLabel : t('qms.detail.ownerInactive', { name: document.ownerLabel }))}
            {row(t('qms.form.orgUnit'), names.get(document.orgUnitId) ?? t('common.none'))}
            {row(t('qms.detail.reviewCycle'), t('qms.detail.months', { count: document.reviewMonths }))}
            {row(t('qms.list.columns.nextReview'), <ReviewDate document={document} />)}
            {row(t('qms.list.columns.status'), <DocumentStatus document={document} />)}
          </Table.Tbody>
        </Table>
        <Stack gap="sm">
          <div>
            <Text fz="sm" fw={600}>
              {t('qms.detail.coversArt17')}
            </Text>
            {document.art17Elements.length === 0 ? (
              <Text fz="sm" c="dimmed">
                {t('qms.detail.coversNone')}
              </Text>
            ) : (
              <List size="sm" spacing={2} data-testid="qms-covers-art17">
                {document.art17Elements.map((e) => (
                  <List.Item key={e}>
                    {formatLegalRef(art17Element(e).ref, lang)} – {localized(art17Element(e).title, lang)}
                  </List.Item>
                ))}
              </List>
            )}
          </div>
          <div>
            <Text fz="sm" fw={600}>
              {t('qms.detail.coversIso')}
            </Text>
            {document.isoClauses.length === 0 ? (
              <Text fz="sm" c="dimmed">
                {t('qms.detail.coversNone')}
              </Text>
            ) : (
              <List size="sm" spacing={2} data-testid="qms-covers-iso">
                {document.isoClauses.map((key) => {
                  const clause = clauses.get(key);
                  return <List.Item key={key}>{clause ? `${clause.ref} ${localized(clause.title, lang)}` : key}</List.Item>;
                })}
              </List>
            )}
          </div>
          <Text fz="xs" c="dimmed">
            {t('qms.form.coversHint')}
          </Text>
        </Stack>
      </SimpleGrid>
    </Paper>
  );
}

function Versions({ document, selected, onSelect }: { document: QmsDocumentDetail; selected: number | null; onSelect: (n: number) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { can } = useAuth();
  const create = useCreateQmsVersion(document.id);
  const mayStart = can('qms.edit') && document.working === null && document.released !== null;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="qms-versions-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="lg" id="qms-versions-title">
          {t('qms.versions.title')}
        </Title>
        {mayStart ? (
          <Button
            variant="default"
            leftSection={<IconFilePlus size={16} aria-hidden />}
            loading={create.isPending}
            onClick={() =>
              create.mutate({}, {
                onSuccess: (v) => {
                  notifications.show({ color: 'teal', message: t('qms.versions.started', { number: v.number }) });
                  onSelect(v.number);
                },
              })
            }
            data-testid="qms-new-version"
          >
            {t('qms.versions.newVersion')}
          </Button>
        ) : null}
      </Group>
      <ErrorAlert error={create.error} />
      <Table.ScrollContainer minWidth={760}>
        <Table striped withTableBorder data-testid="qms-versions">
          <caption className="visually-hidden">{t('qms.versions.caption')}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('qms.versions.number')}</Table.Th>
              <Table.Th scope="col">{t('qms.versions.state')}</Table.Th>
              <Table.Th scope="col">{t('qms.editor.changeNote')}</Table.Th>
              <Table.Th scope="col">{t('qms.versions.updated')}</Table.Th>
              <Table.Th scope="col">{t('qms.versions.released')}</Table.Th>
              <Table.Th scope="col">{t('qms.list.columns.nextReview')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {document.versions.map((v) => (
              <Table.Tr key={v.number} data-testid={`qms-version-${v.number}`} data-state={v.state}>
                <Table.Th scope="row" fw={500}>
                  {v.number === selected ? (
                    <Text span fz="sm" fw={700} aria-current="true">
                      {t('qms.versions.numberValue', { number: v.number })}
                    </Text>
                  ) : (
                    <Anchor component="button" type="button" fz="sm" onClick={() => onSelect(v.number)} aria-label={t('qms.versions.show', { number: v.number })}>
                      {t('qms.versions.numberValue', { number: v.number })}
                    </Anchor>
                  )}
                </Table.Th>
                <Table.Td>
                  <VersionStateBadge state={v.state} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'normal' }}>{v.changeNote === '' ? t('common.none') : v.changeNote}</Table.Td>
                <Table.Td>{t('qms.versions.byOn', { name: v.updatedBy, date: formatDateTime(v.updatedAt, lang) })}</Table.Td>
                <Table.Td>{v.releasedAt === null ? t('common.none') : t('qms.versions.byOn', { name: v.releasedBy ?? '', date: formatDateTime(v.releasedAt, lang) })}</Table.Td>
                <Table.Td>{v.state === 'released' && document.released !== null ? formatDate(document.released.nextReview, lang) : t('common.none')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** One document of the AI management system: its data, what it covers, its versions, and the chosen version. */
export function QmsDocumentPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const query = useQmsDocument(id);
  const [editing, setEditing] = useState(false);
  const document = query.data;
  usePageTitle(document?.title);

  if (document === undefined) return query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />;
  const requested = Number(search.get('version'));
  const selected = document.versions.some((v) => v.number === requested) ? requested : defaultVersion(document);
  const select = (n: number) => setSearch({ version: String(n) }, { replace: true });

  return (
    <Stack gap="md" maw={1440}>
      <div>
        <Anchor component={Link} to="/qms/documents" fz="sm">
          {t('qms.detail.back')}
        </Anchor>
        <Group justify="space-between" align="flex-start" mt={4}>
          <div>
            <Title order={1}>{document.title}</Title>
            <Text c="dimmed" fz="sm" data-testid="qms-document-status">
              {t(`qms.kinds.${document.kind}`)} · <DocumentStatus document={document} />
            </Text>
          </div>
          {can('qms.edit') ? (
            <Button leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(true)} data-testid="qms-edit-document">
              {t('qms.detail.edit')}
            </Button>
          ) : null}
        </Group>
      </div>
      <Facts document={document} />
      <Versions document={document} selected={selected} onSelect={select} />
      {selected !== null ? <VersionPanel key={selected} document={document} number={selected} onReload={() => void query.refetch()} /> : null}
      {editing ? <DocumentFormDrawer document={document} onClose={() => setEditing(false)} onReload={() => void query.refetch()} /> : null}
    </Stack>
  );
}
