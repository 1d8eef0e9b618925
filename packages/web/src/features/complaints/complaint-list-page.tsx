import { useState, type FormEvent } from 'react';
import { Anchor, Badge, Button, Group, Modal, NativeSelect, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { COMPLAINT_KINDS, COMPLAINT_STATUSES, officeToday, type ComplaintCreate } from '@konform/core';
import { fieldErrorsOf } from '../../api/client';
import { useAuth } from '../../app/auth-context';
import { usePageTitle } from '../../app/use-page-title';
import { formatDate } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { useSystemList } from '../inventory/system-queries';
import { IncidentsTabs } from '../incidents/incidents-tabs';
import { useComplaints, useCreateComplaint } from './complaint-queries';

/** Registers a complaint or an explanation request; the due date defaults to the setting when left empty. */
function ComplaintCreateDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const systems = useSystemList({ limit: 500, sort: 'name' });
  const create = useCreateComplaint();
  const errors = fieldErrorsOf(create.error);
  const [v, setV] = useState({ systemId: '', kind: 'complaint', receivedOn: officeToday(), from: '', subject: '', details: '', dueDate: '' });
  const set = (key: keyof typeof v) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setV((s) => ({ ...s, [key]: value }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: ComplaintCreate = {
      systemId: v.systemId, kind: v.kind as ComplaintCreate['kind'], receivedOn: v.receivedOn, from: v.from.trim(), subject: v.subject.trim(), details: v.details.trim(),
      ...(v.dueDate !== '' ? { dueDate: v.dueDate } : {}),
    };
    create.mutate(input, { onSuccess: (c) => void navigate(`/complaints/${c.id}`) });
  };
  const options = [{ value: '', label: t('incidents.create.pickSystem') }, ...(systems.data?.items ?? []).filter((s) => s.archivedAt === null).map((s) => ({ value: s.id, label: s.name }))];
  return (
    <Modal opened={opened} onClose={onClose} title={t('complaints.create.title')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="complaint-form">
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect label={t('complaints.fields.kind')} data={COMPLAINT_KINDS.map((k) => ({ value: k, label: t(`complaints.kind.${k}`) }))} value={v.kind} onChange={set('kind')} error={errors.kind} />
            <NativeSelect label={t('complaints.fields.system')} required data={options} value={v.systemId} onChange={set('systemId')} error={errors.systemId} data-testid="complaint-system" />
            <TextInput type="date" label={t('complaints.fields.receivedOn')} required value={v.receivedOn} onChange={set('receivedOn')} error={errors.receivedOn} />
            <TextInput type="date" label={t('complaints.fields.dueDate')} description={t('complaints.fields.dueDateHint')} value={v.dueDate} onChange={set('dueDate')} error={errors.dueDate} />
          </SimpleGrid>
          <TextInput label={t('complaints.fields.from')} description={t('complaints.fields.fromHint')} value={v.from} onChange={set('from')} error={errors.from} />
          <TextInput label={t('complaints.fields.subject')} required value={v.subject} onChange={set('subject')} error={errors.subject} data-testid="complaint-subject" />
          <Textarea label={t('complaints.fields.details')} autosize minRows={3} value={v.details} onChange={set('details')} error={errors.details} />
          <ErrorAlert error={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={create.isPending} data-testid="complaint-save">{t('complaints.create.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The register of complaints (Art. 85) and explanation requests (Art. 86); overdue entries are marked red. */
export function ComplaintListPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  usePageTitle(t('complaints.list.title'));
  const [filter, setFilter] = useState('');
  const [creating, setCreating] = useState(false);
  const list = useComplaints({ limit: 200, ...(filter === 'overdue' ? { overdue: 'true' } : filter !== '' ? { status: filter } : {}) });
  return (
    <Stack gap="md" maw={1440}>
      <IncidentsTabs active="complaints" />
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('complaints.list.title')}</Title>
          <Text c="dimmed" fz="sm">{t('complaints.list.intro')}</Text>
        </div>
        {can('complaint.edit') ? <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)} data-testid="complaint-create">{t('complaints.create.title')}</Button> : null}
      </Group>
      <NativeSelect
        label={t('complaints.list.filter')}
        maw={320}
        value={filter}
        onChange={(e) => setFilter(e.currentTarget.value)}
        data={[{ value: '', label: t('complaints.list.all') }, { value: 'overdue', label: t('complaints.list.overdue') }, ...COMPLAINT_STATUSES.map((s) => ({ value: s, label: t(`complaints.status.${s}`) }))]}
      />
      <ErrorAlert error={list.error} />
      <Table striped highlightOnHover data-testid="complaint-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('complaints.fields.kind')}</Table.Th>
            <Table.Th>{t('complaints.fields.subject')}</Table.Th>
            <Table.Th>{t('complaints.fields.system')}</Table.Th>
            <Table.Th>{t('complaints.fields.receivedOn')}</Table.Th>
            <Table.Th>{t('complaints.fields.dueDate')}</Table.Th>
            <Table.Th>{t('complaints.fields.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>{t(`complaints.kind.${c.kind}`)}</Table.Td>
              <Table.Td><Anchor component={Link} to={`/complaints/${c.id}`}>{c.subject}</Anchor></Table.Td>
              <Table.Td>{c.systemName}</Table.Td>
              <Table.Td>{formatDate(c.receivedOn, i18n.language)}</Table.Td>
              <Table.Td><Text fz="sm" c={c.overdue ? 'red.9' : undefined} fw={c.overdue ? 700 : undefined}>{formatDate(c.dueDate, i18n.language)}</Text></Table.Td>
              <Table.Td>{c.overdue ? <Badge color="red.9">{t('complaints.list.overdueBadge')}</Badge> : <Badge variant="light" c="dark.9">{t(`complaints.status.${c.status}`)}</Badge>}</Table.Td>
            </Table.Tr>
          ))}
          {list.data && list.data.items.length === 0 ? <Table.Tr><Table.Td colSpan={6}><Text c="dimmed" fz="sm">{t('complaints.list.empty')}</Text></Table.Td></Table.Tr> : null}
        </Table.Tbody>
      </Table>
      {creating ? <ComplaintCreateDialog opened onClose={() => setCreating(false)} /> : null}
    </Stack>
  );
}
