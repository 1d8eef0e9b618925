import { useState } from 'react';
import { Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CONFORMITY_ENTRY_KINDS, officeToday, type AssessingBodyKind, type ConformityAssessment } from '@konform/core';
import { fieldErrorsOf } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { formatDate } from '../../i18n/format';
import { useAddEntry, useUpdateAnnexVii } from './conformity-queries';

type EntryKind = (typeof CONFORMITY_ENTRY_KINDS)[number];

/** Annex VII: the assessing body, the certificate with validity and conditions, and the dated exchange with the body. */
export function AnnexViiTracking({ assessment, editable }: { assessment: ConformityAssessment; editable: boolean }) {
  const { t } = useTranslation();
  const a = assessment;
  const canEdit = editable && a.status !== 'reopened';
  const [form, setForm] = useState({
    bodyKind: a.body.kind ?? 'notified-body', bodyName: a.body.name, bodyNumber: a.body.number, certificateNumber: a.certificate.number,
    validFrom: a.certificate.validFrom ?? '', validUntil: a.certificate.validUntil ?? '', conditions: a.certificate.conditions,
  });
  const update = useUpdateAnnexVii(a.id);
  const errors = fieldErrorsOf(update.error);
  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [key]: e.currentTarget.value });
  const save = () =>
    update.mutate({
      version: a.version, bodyKind: form.bodyKind, bodyName: form.bodyName, bodyNumber: form.bodyNumber, certificateNumber: form.certificateNumber,
      validFrom: form.validFrom === '' ? null : form.validFrom, validUntil: form.validUntil === '' ? null : form.validUntil, conditions: form.conditions,
    });
  return (
    <Stack gap="md">
      <Paper withBorder p="md" data-testid="conformity-annex-vii">
        <Stack gap="sm">
          <Text fw={600}>{t('conformity.annexVii.title')}</Text>
          <Text fz="sm" c="dimmed">{t('conformity.annexVii.explain')}</Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('conformity.fields.bodyKind')}
              data={(['notified-body', 'market-surveillance-authority'] as const).map((k) => ({ value: k, label: t(`conformity.bodyKinds.${k}`) }))}
              value={form.bodyKind}
              onChange={(v) => v && setForm({ ...form, bodyKind: v as AssessingBodyKind })}
              allowDeselect={false}
              disabled={!canEdit}
            />
            <TextInput label={t('conformity.fields.bodyName')} value={form.bodyName} onChange={set('bodyName')} disabled={!canEdit} error={errors.bodyName} />
            <TextInput label={t('conformity.fields.bodyNumber')} value={form.bodyNumber} onChange={set('bodyNumber')} disabled={!canEdit} error={errors.bodyNumber} />
            <TextInput label={t('conformity.fields.certificateNumber')} value={form.certificateNumber} onChange={set('certificateNumber')} disabled={!canEdit} error={errors.certificateNumber} />
            <TextInput type="date" label={t('conformity.fields.validFrom')} value={form.validFrom} onChange={set('validFrom')} disabled={!canEdit} error={errors.validFrom} />
            <TextInput type="date" label={t('conformity.fields.validUntil')} value={form.validUntil} onChange={set('validUntil')} disabled={!canEdit} error={errors.validUntil} />
          </SimpleGrid>
          <Textarea label={t('conformity.fields.conditions')} value={form.conditions} onChange={set('conditions')} autosize minRows={2} disabled={!canEdit} />
          <Text fz="sm">{t(`conformity.validity.${a.certificate.validity}`)}</Text>
          {update.error !== null && Object.keys(errors).length === 0 ? <ErrorAlert error={update.error} /> : null}
          {canEdit ? (
            <Group>
              <Button onClick={save} loading={update.isPending} data-testid="conformity-annex-vii-save">{t('common.save')}</Button>
            </Group>
          ) : null}
        </Stack>
      </Paper>
      <Entries assessment={a} editable={canEdit} />
    </Stack>
  );
}

function Entries({ assessment, editable }: { assessment: ConformityAssessment; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const add = useAddEntry(assessment.id);
  const [kind, setKind] = useState<EntryKind>('submitted-document');
  const [date, setDate] = useState(officeToday());
  const [text, setText] = useState('');
  const errors = fieldErrorsOf(add.error);
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Text fw={600}>{t('conformity.entries.title')}</Text>
        {assessment.entries.length === 0 ? (
          <Text fz="sm" c="dimmed">{t('conformity.entries.none')}</Text>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('conformity.entries.date')}</Table.Th>
                <Table.Th>{t('conformity.entries.kind')}</Table.Th>
                <Table.Th>{t('conformity.entries.text')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {assessment.entries.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{formatDate(e.date, i18n.language)}</Table.Td>
                  <Table.Td>{t(`conformity.entries.kinds.${e.kind}`)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{e.text}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {editable ? (
          <Group align="flex-end">
            <Select label={t('conformity.entries.kind')} data={CONFORMITY_ENTRY_KINDS.map((k) => ({ value: k, label: t(`conformity.entries.kinds.${k}`) }))} value={kind} onChange={(v) => v && setKind(v as EntryKind)} allowDeselect={false} w={220} />
            <TextInput type="date" label={t('conformity.entries.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} error={errors.date} />
            <TextInput label={t('conformity.entries.text')} value={text} onChange={(e) => setText(e.currentTarget.value)} error={errors.text} style={{ flex: 1 }} />
            <Button variant="default" loading={add.isPending} onClick={() => add.mutate({ kind, date, text }, { onSuccess: () => setText('') })}>
              {t('conformity.entries.add')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}
