import { useState } from 'react';
import { Anchor, Button, Group, Modal, NativeSelect, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TrainingRecord } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { formatDate } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { Pager } from '../../shared/pager';
import { RegisterTable } from '../../shared/register-table';
import { certificateHref, useCourses, useRecords, useWithdrawRecord } from './literacy-queries';
import { RecordFormDrawer } from './record-form-drawer';
import { TabHeading } from './tab-heading';

function WithdrawDialog({ record, onClose }: { record: TrainingRecord; onClose: () => void }) {
  const { t } = useTranslation();
  const withdraw = useWithdrawRecord();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <Modal opened onClose={onClose} title={t('literacy.records.withdrawTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim() === '') {
            setMissing(true);
            return;
          }
          withdraw.mutate(
            { id: record.id, version: record.version, reason: reason.trim() },
            {
              onSuccess: () => {
                notifications.show({ color: 'teal', message: t('literacy.records.withdrawn', { person: record.userName, course: record.courseTitle }) });
                onClose();
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <Text fz="sm">{t('literacy.records.withdrawText', { person: record.userName, course: record.courseTitle })}</Text>
          <Textarea
            label={t('literacy.records.reason')}
            required
            data-autofocus
            autosize
            minRows={2}
            maxLength={1000}
            value={reason}
            error={missing ? t('common.required') : undefined}
            aria-invalid={missing}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <ErrorAlert error={withdraw.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red.8" loading={withdraw.isPending}>
              {t('literacy.records.withdraw')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Completions of the people in scope; recording one opens a drawer, a wrong one is withdrawn with a reason. */
export function RecordsTab({ unitId }: { unitId: string }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const courses = useCourses();
  const [courseId, setCourseId] = useState('');
  const [page, setPage] = useState(1);
  const [size, setSize] = useState(50);
  const query = useRecords({ courseId, limit: size, offset: (page - 1) * size });
  const [recording, setRecording] = useState(false);
  const [withdrawing, setWithdrawing] = useState<TrainingRecord | null>(null);
  const mayRecord = can('training.record');

  return (
    <Stack gap="md">
      <TabHeading
        title={t('literacy.records.title')}
        intro={t('literacy.records.intro')}
        add={mayRecord ? { label: t('literacy.record.title'), testId: 'record-create', onClick: () => setRecording(true) } : undefined}
      />
      <NativeSelect
        label={t('literacy.records.filterCourse')}
        value={courseId}
        data={[{ value: '', label: t('common.all') }, ...(courses.data ?? []).map((c) => ({ value: c.id, label: c.title }))]}
        onChange={(e) => {
          setCourseId(e.currentTarget.value);
          setPage(1);
        }}
        maw={360}
      />
      {query.data === undefined ? (
        query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />
      ) : (
        <>
          <RegisterTable
            testId="records-table"
            caption={t('literacy.records.title')}
            columns={mayRecord ? 8 : 7}
            empty={t('literacy.records.empty')}
            minWidth={900}
            highlightOnHover={false}
            scrollWhenEmpty
            head={
              <>
                <Table.Th>{t('literacy.fields.person')}</Table.Th>
                <Table.Th>{t('literacy.fields.course')}</Table.Th>
                <Table.Th>{t('literacy.fields.completedOn')}</Table.Th>
                <Table.Th>{t('literacy.fields.result')}</Table.Th>
                <Table.Th>{t('literacy.fields.validUntil')}</Table.Th>
                <Table.Th>{t('literacy.fields.certificate')}</Table.Th>
                <Table.Th>{t('literacy.fields.recordedBy')}</Table.Th>
                {mayRecord ? <Table.Th>{t('common.actions')}</Table.Th> : null}
              </>
            }
            rows={query.data.items.map((r) => (
              <Table.Tr key={r.id} data-testid={`record-row-${r.id}`}>
                <Table.Td fw={500}>{r.userName}</Table.Td>
                <Table.Td>{r.courseTitle}</Table.Td>
                <Table.Td>{formatDate(r.completedOn, i18n.language)}</Table.Td>
                <Table.Td>{t(`literacy.results.${r.result}`)}</Table.Td>
                <Table.Td>{r.validUntil === null ? t('literacy.courses.noExpiry') : formatDate(r.validUntil, i18n.language)}</Table.Td>
                <Table.Td>
                  {r.certificate === null ? (
                    t('common.none')
                  ) : (
                    <Anchor href={certificateHref(r.id)} download fz="xs" aria-label={t('literacy.records.downloadNamed', { name: r.certificate.filename })}>
                      <Group gap={4} wrap="nowrap">
                        <IconDownload size={14} aria-hidden />
                        {r.certificate.filename}
                      </Group>
                    </Anchor>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text fz="xs">{r.recordedByLabel}</Text>
                </Table.Td>
                {mayRecord ? (
                  <Table.Td>
                    <Button size="compact-xs" variant="subtle" color="red" c="red.9" onClick={() => setWithdrawing(r)} aria-label={t('literacy.records.withdrawNamed', { person: r.userName, course: r.courseTitle })}>
                      {t('literacy.records.withdraw')}
                    </Button>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          />
          <Pager
            page={page}
            size={size}
            total={query.data.total}
            sizes={[25, 50, 100]}
            onPage={setPage}
            onSize={(s) => {
              setSize(s);
              setPage(1);
            }}
            summary={t('common.total', { count: query.data.total })}
          />
        </>
      )}
      {recording ? <RecordFormDrawer unitId={unitId} onClose={() => setRecording(false)} /> : null}
      {withdrawing === null ? null : <WithdrawDialog record={withdrawing} onClose={() => setWithdrawing(null)} />}
    </Stack>
  );
}
