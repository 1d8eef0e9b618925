import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Anchor, Badge, Button, Group, List, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { COMPLAINT_STATUSES, type Complaint, type ComplaintStatus } from '@konform/core';
import { fieldErrorsOf } from '../../api/client';
import { useAuth } from '../../app/auth-context';
import { usePageTitle } from '../../app/use-page-title';
import { formatDate } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { useComplaint, useUpdateComplaint } from './complaint-queries';

function AnswerForm({ complaint, editable }: { complaint: Complaint; editable: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateComplaint(complaint.id);
  const errors = fieldErrorsOf(update.error);
  const initial = () => ({ dueDate: complaint.dueDate, answer: complaint.answer, answeredOn: complaint.answeredOn ?? '', status: complaint.status });
  const [v, setV] = useState(initial);
  useEffect(() => setV(initial()), [complaint.version]); // eslint-disable-line react-hooks/exhaustive-deps -- reset when the server's version changes
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ version: complaint.version, dueDate: v.dueDate, answer: v.answer.trim(), answeredOn: v.answeredOn === '' ? null : v.answeredOn, status: v.status });
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate data-testid="complaint-answer-form">
        <Stack gap="md">
          <Title order={2} fz="h4">{t('complaints.answer.title')}</Title>
          <Textarea label={t('complaints.fields.answer')} autosize minRows={4} value={v.answer} disabled={!editable} onChange={(e) => { const value = e.currentTarget.value; setV((s) => ({ ...s, answer: value })); }} error={errors.answer} data-testid="complaint-answer" />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput type="date" label={t('complaints.fields.answeredOn')} value={v.answeredOn} disabled={!editable} onChange={(e) => { const value = e.currentTarget.value; setV((s) => ({ ...s, answeredOn: value })); }} error={errors.answeredOn} data-testid="complaint-answered-on" />
            <TextInput type="date" label={t('complaints.fields.dueDate')} value={v.dueDate} disabled={!editable} onChange={(e) => { const value = e.currentTarget.value; setV((s) => ({ ...s, dueDate: value })); }} error={errors.dueDate} />
            <NativeSelect label={t('complaints.fields.status')} value={v.status} disabled={!editable} data={COMPLAINT_STATUSES.map((s) => ({ value: s, label: t(`complaints.status.${s}`) }))} onChange={(e) => { const value = e.currentTarget.value as ComplaintStatus; setV((s) => ({ ...s, status: value })); }} error={errors.status} />
          </SimpleGrid>
          <ErrorAlert error={update.error} />
          {editable ? <Group justify="flex-end"><Button type="submit" loading={update.isPending} data-testid="complaint-answer-save">{t('common.save')}</Button></Group> : null}
        </Stack>
      </form>
    </Paper>
  );
}

/** One complaint or explanation request: what came in, the system and its documents, the answer. */
export function ComplaintDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const query = useComplaint(id);
  const c = query.data;
  usePageTitle(c ? c.subject : t('complaints.list.title'));
  if (!c) return <ErrorAlert error={query.error} />;
  return (
    <Stack gap="md" maw={1000}>
      <Anchor component={Link} to="/complaints" fz="sm">{t('complaints.back')}</Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{c.subject}</Title>
          <Text c="dimmed" fz="sm">{t(`complaints.kind.${c.kind}`)} · <Anchor component={Link} to={`/systems/${c.systemId}`}>{c.systemName}</Anchor></Text>
        </div>
        <Badge size="lg" color={c.overdue ? 'red.9' : undefined} variant={c.overdue ? 'filled' : 'light'} c={c.overdue ? 'white' : 'dark.9'}>{c.overdue ? t('complaints.list.overdueBadge') : t(`complaints.status.${c.status}`)}</Badge>
      </Group>
      {c.overdue ? <Alert color="red">{t('complaints.overdueAlert', { date: formatDate(c.dueDate, i18n.language) })}</Alert> : null}
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <div><Text fz="xs" c="dimmed">{t('complaints.fields.receivedOn')}</Text><Text>{formatDate(c.receivedOn, i18n.language)}</Text></div>
          <div><Text fz="xs" c="dimmed">{t('complaints.fields.dueDate')}</Text><Text>{formatDate(c.dueDate, i18n.language)}</Text></div>
          <div><Text fz="xs" c="dimmed">{t('complaints.fields.from')}</Text><Text>{c.from || '–'}</Text></div>
        </SimpleGrid>
        {c.details ? <Text mt="sm" style={{ whiteSpace: 'pre-wrap' }}>{c.details}</Text> : null}
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} fz="h4" mb="xs">{t('complaints.documents.title')}</Title>
        {c.documents.length === 0 ? <Text fz="sm" c="dimmed">{t('complaints.documents.none')}</Text> : (
          <List>{c.documents.map((d) => <List.Item key={d.id}><Anchor component={Link} to={`/documents/${d.id}`}>{d.title}</Anchor></List.Item>)}</List>
        )}
      </Paper>
      <AnswerForm complaint={c} editable={can('complaint.edit')} />
    </Stack>
  );
}
