import { useState, type DragEvent } from 'react';
import { Alert, Anchor, Badge, Code, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { DocumentVerifyResult, VerifiedRelease } from '@konform/core';
import { isApiError } from '../../api/client';
import { usePageTitle } from '../../app/use-page-title';
import { formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { FileField } from '../../shared/file-field';
import { useVerifyFile } from './document-queries';

const FILE_COLORS = { ok: 'teal', changed: 'red', missing: 'red', unlisted: 'orange' } as const;

/** "Anyone can check that a released document has not been altered" (#9): a bundle or a single file, checked by the server. */
export function VerifyPage() {
  const { t } = useTranslation();
  const verify = useVerifyFile();
  const [chosen, setChosen] = useState<{ name: string; size: number } | null>(null);
  const [over, setOver] = useState(false);
  usePageTitle(t('documents.verify.title'));
  const check = (file: File | undefined) => {
    if (!file) return;
    setChosen({ name: file.name, size: file.size });
    verify.mutate(file);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    check(e.dataTransfer.files[0]);
  };
  const status = isApiError(verify.error) ? verify.error.status : undefined;
  const known = status === 413 ? t('documents.verify.tooLarge') : status === 400 ? (chosen?.size === 0 ? t('documents.verify.empty') : t('documents.verify.unreadable')) : null;

  return (
    <Stack gap="md" maw={1000}>
      <Title order={1}>{t('documents.verify.title')}</Title>
      <Text fz="sm">{t('documents.verify.intro')}</Text>
      <Paper
        withBorder
        p="xl"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        style={{ borderStyle: 'dashed', borderWidth: 2, background: over ? 'var(--mantine-color-petrol-0)' : undefined }}
        data-testid="verify-drop"
      >
        <Stack align="center" gap="xs">
          <IconUpload size={32} aria-hidden />
          <FileField
            label={t('documents.verify.drop')}
            accept=".zip,.docx,.pdf,.md,.json"
            hint={t('documents.verify.limit')}
            onFile={(file) => check(file ?? undefined)}
            clearAfterChoice
            testId="verify-file"
          />
        </Stack>
      </Paper>
      <div aria-live="polite">
        {verify.isPending ? <Text fz="sm">{t('documents.verify.checking')}</Text> : null}
        {known ? <Alert color="red" variant="light" role="alert" data-testid="verify-error">{known}</Alert> : <ErrorAlert error={verify.error} />}
        {verify.data && chosen !== null && !verify.isPending ? <VerifyResult name={chosen.name} result={verify.data} /> : null}
      </div>
    </Stack>
  );
}

function VerifyResult({ name, result }: { name: string; result: DocumentVerifyResult }) {
  const { t, i18n } = useTranslation();
  const bad = result.files.filter((f) => f.status !== 'ok');
  return (
    <Stack gap="sm" data-testid="verify-result" data-ok={result.ok ? 'true' : 'false'}>
      <Alert
        color={result.ok ? 'teal' : 'red'}
        variant="light"
        icon={result.ok ? <IconCircleCheck size={20} aria-hidden /> : <IconCircleX size={20} aria-hidden />}
        title={result.ok ? t('documents.verify.valid') : t('documents.verify.invalid')}
        data-testid="verify-verdict"
      >
        <Stack gap={4}>
          <Text fz="sm">{t('documents.verify.file', { name, size: `${result.size.toLocaleString(i18n.language)} B` })} · {result.kind === 'bundle' ? t('documents.verify.bundle') : t('documents.verify.single')}</Text>
          {result.problem ? <Text fz="sm" data-testid="verify-problem">{t(`documents.verify.problem.${result.problem}`)}</Text> : null}
          {bad.length > 0 ? <Text fz="sm" fw={600} data-testid="verify-changed">{t('documents.verify.changedNames', { names: bad.map((f) => f.path).join(', ') })}</Text> : null}
          {result.subject ? <Text fz="sm">{t('documents.verify.subject', { title: result.subject.title, version: result.subject.version ?? '–' })}</Text> : null}
          {result.issuedAt && result.keyId ? <Text fz="sm">{t('documents.verify.issued', { date: formatDateTime(result.issuedAt, i18n.language), key: result.keyId })}</Text> : null}
          <Text fz="xs">{t('documents.verify.sha256')}: <Code>{result.sha256}</Code></Text>
        </Stack>
      </Alert>
      {result.kind === 'bundle' && result.files.length > 0 ? (
        <Table withTableBorder data-testid="verify-files">
          <caption className="visually-hidden">{t('documents.verify.files')}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('documents.verify.files')}</Table.Th>
              <Table.Th>{t('documents.columns.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.files.map((f) => (
              <Table.Tr key={f.path} data-status={f.status}>
                <Table.Td style={{ wordBreak: 'break-all' }}>{f.path}</Table.Td>
                <Table.Td><Badge color={FILE_COLORS[f.status]} variant="light" c="dark.9" tt="none">{t(`documents.verify.fileStatus.${f.status}`)}</Badge></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {result.releases.map((r) => <ReleaseCard key={`${r.documentId}-${r.number}`} release={r} bundle={result.kind === 'bundle'} />)}
    </Stack>
  );
}

function ReleaseCard({ release, bundle }: { release: VerifiedRelease; bundle: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid="verify-release">
      <Group justify="space-between" align="flex-start">
        <div>
          <Text fw={600}>{t('documents.verify.release', { number: release.number, title: release.title })}</Text>
          <Text fz="sm" c="dimmed">{t(`documents.types.${release.type}`)}{release.subjectLabel ? ` · ${release.subjectLabel}` : ''}</Text>
        </div>
        <Anchor component={Link} to={`/documents/${release.documentId}`} fz="sm">{t('documents.verify.openDocument')}</Anchor>
      </Group>
      <Stack gap={4} mt="xs">
        <Text fz="sm">{t('documents.verify.releaseStatus', { status: t(`documents.status.${release.status}`), date: release.releasedAt ? formatDateTime(release.releasedAt, i18n.language) : '–' })}</Text>
        <Badge color={release.manifestVerified ? 'teal' : 'red'} variant="light" c="dark.9" tt="none" w="fit-content">
          {bundle ? t(release.manifestVerified ? 'documents.verify.manifestStored' : 'documents.verify.manifestNotStored') : t(release.manifestVerified ? 'documents.verify.manifestVerified' : 'documents.verify.manifestNotVerified')}
        </Badge>
        {release.keyId ? <Text fz="xs">{t('documents.verify.key', { key: release.keyId })}</Text> : null}
        <Text fz="sm" fw={500}>{t('documents.verify.signers')}</Text>
        <List size="sm">
          {release.signoffs.map((s) => <List.Item key={`${s.meaning}-${s.signedAt}`}>{t(`documents.signoff.${s.meaning}`, { name: s.signerLabel, date: formatDateTime(s.signedAt, i18n.language) })}</List.Item>)}
        </List>
      </Stack>
    </Paper>
  );
}
