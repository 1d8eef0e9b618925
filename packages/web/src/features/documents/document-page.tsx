import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { describeLacking, type DocumentDetail, type DocumentSectionView, type DocumentVersion } from '@konform/core';
import { useAuth, useCurrentUser } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { formatDate, formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { MarkdownView } from '../qms/markdown-view';
import { documentBundleUrl, documentExportUrl, useDocument, useFreezeVersion, useVersionStep } from './document-queries';
import { SectionEditor } from './section-editor';
import { SignVersionDialog } from './sign-version-dialog';
import { SectionStatusBadge, VersionStatusBadge } from './version-status-badge';

const FORMATS = ['pdf', 'docx', 'md', 'json'] as const;

function SectionCard({ doc, section }: { doc: DocumentDetail; section: DocumentSectionView }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const [editing, setEditing] = useState(false);
  const lang = i18n.language === 'en' ? 'en' : 'de';
  return (
    <Card withBorder padding="md" data-testid={`documents-section-${section.key}`}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={3} fz="md">{`${section.number}. ${section.heading}`}</Title>
          <Text c="dimmed" fz="xs">{section.guidance}</Text>
        </div>
        <SectionStatusBadge status={section.completeness.status} testId={`documents-status-${section.key}`} />
      </Group>
      {section.completeness.lacking.length > 0 ? (
        <List size="sm" mt="xs" c="red.9">
          {section.completeness.lacking.map((l, i) => <List.Item key={i}>{describeLacking(l, lang)}</List.Item>)}
        </List>
      ) : null}
      {section.recordLines.length > 0 ? (
        <details>
          <summary><Text span fz="sm">{t('documents.section.records', { count: section.recordLines.length })}</Text></summary>
          <List size="sm" mt={4}>{section.recordLines.map((line, i) => <List.Item key={i}>{line}</List.Item>)}</List>
        </details>
      ) : null}
      {editing ? (
        <SectionEditor documentId={doc.id} section={section} onDone={() => setEditing(false)} />
      ) : (
        <Stack gap={4} mt="xs">
          {section.text.markdown.trim() !== '' ? <MarkdownView source={section.text.markdown} headingOffset={3} empty="" /> : null}
          {section.text.updatedAt ? <Text c="dimmed" fz="xs">{t('documents.section.updated', { name: section.text.updatedByLabel, date: formatDateTime(section.text.updatedAt, i18n.language) })}</Text> : null}
          {can('document.edit') ? (
            <Button variant="subtle" size="xs" w="fit-content" leftSection={<IconPencil size={14} aria-hidden />} onClick={() => setEditing(true)} data-testid={`documents-edit-${section.key}`}>
              {section.text.markdown.trim() === '' ? t('documents.section.write') : t('documents.section.edit')}
            </Button>
          ) : null}
        </Stack>
      )}
    </Card>
  );
}

function VersionRow({ doc, version, onSign }: { doc: DocumentDetail; version: DocumentVersion; onSign: (step: 'review' | 'release') => void }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const me = useCurrentUser();
  const submit = useVersionStep(doc.id, version.number, 'submit');
  const back = useVersionStep(doc.id, version.number, 'return');
  const reviewed = version.signoffs.some((s) => s.meaning === 'reviewed');
  // Four eyes, as the server enforces: authors sign nothing; the reviewer does not release.
  const isAuthor = version.authors.includes(me.id);
  const isReviewer = version.signoffs.some((s) => s.meaning === 'reviewed' && s.signerId === me.id);
  const inReview = version.status === 'in-review';
  const mayReview = inReview && !reviewed && can('document.edit');
  const mayRelease = inReview && reviewed && can('document.release');
  const barred = (mayReview || mayRelease) && isAuthor ? t('documents.fourEyesAuthor') : mayRelease && isReviewer ? t('documents.fourEyesReviewer') : null;
  return (
    <Table.Tr data-testid={`documents-version-${version.number}`}>
      <Table.Td>{version.number}</Table.Td>
      <Table.Td><VersionStatusBadge status={version.status} /></Table.Td>
      <Table.Td>
        <Stack gap={2}>
          {version.signoffs.map((s) => <Text key={s.signatureId} fz="xs">{t(`documents.signoff.${s.meaning}`, { name: s.signerLabel, date: formatDateTime(s.signedAt, i18n.language) })}</Text>)}
          {version.retainUntil ? (
            <Text fz="xs" c="dimmed" data-testid="documents-retention">{t('documents.retainUntil', { date: formatDate(version.retainUntil, i18n.language) })}</Text>
          ) : version.retentionMonths ? (
            // The period starts when a newer version supersedes this one: no date to show yet.
            <Text fz="xs" c="dimmed" data-testid="documents-retention">
              {t('documents.retainAfterSuperseded', { period: version.retentionMonths % 12 === 0 ? t('documents.period.years', { count: version.retentionMonths / 12 }) : t('documents.period.months', { count: version.retentionMonths }) })}
            </Text>
          ) : null}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {version.status === 'draft' && can('document.edit') ? <Button size="xs" onClick={() => submit.mutate({ version: version.version })} loading={submit.isPending} data-testid="documents-submit">{t('documents.actions.submit')}</Button> : null}
          {mayReview && !isAuthor ? <Button size="xs" onClick={() => onSign('review')} data-testid="documents-review">{t('documents.actions.review')}</Button> : null}
          {mayRelease && !isAuthor && !isReviewer ? <Button size="xs" onClick={() => onSign('release')} data-testid="documents-release">{t('documents.actions.release')}</Button> : null}
          {version.status === 'in-review' && can('document.edit') ? <Button size="xs" variant="default" onClick={() => back.mutate({ version: version.version })} loading={back.isPending}>{t('documents.actions.return')}</Button> : null}
          {FORMATS.map((f) => (
            <Button key={f} size="xs" variant="default" component="a" href={documentExportUrl(doc.id, version.number, f)} download leftSection={<IconDownload size={12} aria-hidden />} data-testid={`documents-export-${f}`}>
              {f.toUpperCase()}
            </Button>
          ))}
          {version.keyId ? (
            <Button size="xs" variant="light" component="a" href={documentBundleUrl(doc.id, version.number)} download leftSection={<IconDownload size={12} aria-hidden />} data-testid="documents-bundle">
              {t('documents.actions.bundle')}
            </Button>
          ) : null}
        </Group>
        {barred ? <Text fz="xs" c="dimmed" mt={4} data-testid="documents-four-eyes">{barred}</Text> : null}
        <ErrorAlert error={submit.error ?? back.error} />
      </Table.Td>
    </Table.Tr>
  );
}

/** A generated document: completeness per section, authored text, versions with review and release signatures, downloads. */
export function DocumentPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { id = '' } = useParams();
  const query = useDocument(id);
  const freeze = useFreezeVersion(id);
  const [signing, setSigning] = useState<{ step: 'review' | 'release'; version: DocumentVersion } | null>(null);
  usePageTitle(query.data?.title);
  if (query.data === undefined) return query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />;
  const doc = query.data;
  const counts = { complete: 0, partial: 0, missing: 0 };
  for (const s of doc.sections) counts[s.completeness.status] += 1;
  const working = doc.versions.find((v) => v.status === 'draft' || v.status === 'in-review');
  const build = () => freeze.mutate(undefined, { onSuccess: (v) => notifications.show({ color: 'teal', message: t('documents.versionBuilt', { number: v.number }) }) });

  return (
    <Stack gap="md" maw={1100}>
      <div>
        {doc.systemId ? <Anchor component={Link} to={`/systems/${doc.systemId}?tab=documentation`} fz="sm">{t('documents.back', { name: doc.systemName })}</Anchor> : null}
        {doc.modelVersionLabel ? <Text fz="sm">{t('documents.subjectModel', { name: doc.modelVersionLabel })}</Text> : null}
        <Title order={1} mt={4}>{doc.title}</Title>
        <Text c="dimmed" fz="sm">{t(`documents.types.${doc.type}`)}</Text>
      </div>
      {doc.type === 'registration' ? <Alert color="petrol" variant="light" data-testid="documents-registration-note">{t('documents.registrationNote')}</Alert> : null}
      <Group gap="xs" data-testid="documents-completeness">
        <Badge color="teal" variant="light" c="dark.9" miw="max-content">{t('documents.counts.complete', { count: counts.complete })}</Badge>
        <Badge color="yellow" variant="light" c="dark.9" miw="max-content">{t('documents.counts.partial', { count: counts.partial })}</Badge>
        <Badge color="red" variant="light" c="dark.9" miw="max-content">{t('documents.counts.missing', { count: counts.missing })}</Badge>
      </Group>
      <section aria-labelledby="documents-versions-title">
        <Group justify="space-between">
          <Title order={2} fz="lg" id="documents-versions-title">{t('documents.versions')}</Title>
          {can('document.edit') && working?.status !== 'in-review' ? (
            <Button onClick={build} loading={freeze.isPending} data-testid="documents-freeze">{working ? t('documents.actions.rebuild') : t('documents.actions.freeze')}</Button>
          ) : null}
        </Group>
        <Text c="dimmed" fz="sm" mb="xs">{t('documents.versionsHint')}</Text>
        <ErrorAlert error={freeze.error} />
        {doc.versions.length === 0 ? <Alert color="gray" variant="light">{t('documents.noVersions')}</Alert> : (
          <Table withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('documents.columns.number')}</Table.Th>
                <Table.Th>{t('documents.columns.status')}</Table.Th>
                <Table.Th>{t('documents.columns.signoffs')}</Table.Th>
                <Table.Th>{t('documents.columns.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {doc.versions.map((v) => <VersionRow key={v.id} doc={doc} version={v} onSign={(step) => setSigning({ step, version: v })} />)}
            </Table.Tbody>
          </Table>
        )}
      </section>
      <section aria-labelledby="documents-sections-title">
        <Title order={2} fz="lg" id="documents-sections-title" mb="xs">{t('documents.sections')}</Title>
        <Stack gap="sm">{doc.sections.map((s) => <SectionCard key={s.key} doc={doc} section={s} />)}</Stack>
      </section>
      {signing ? <SignVersionDialog documentId={doc.id} step={signing.step} version={signing.version} onClose={() => setSigning(null)} /> : null}
    </Stack>
  );
}
