import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Radio, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CHANGE_KINDS, officeToday, type AiSystem, type ChangeKind, type SystemChange } from '@konform/core';
import { fieldErrorsOf } from '../../api/client';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { ErrorAlert } from '../../shared/error-alert';
import { SignatureDialog } from '../../shared/signature-dialog';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useAssessChange, useRecordChange, useSystemChanges } from './conformity-queries';

/** "Änderungen": changes to the system, each decided as substantial modification or not (Art. 3(23), 43(4)). */
export function ChangesTab({ system }: { system: AiSystem }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const query = useSystemChanges(system.id);
  const [assessing, setAssessing] = useState<SystemChange | null>(null);
  if (query.data === undefined) return query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />;
  const editable = can('assessment.edit') && system.archivedAt === null;
  return (
    <Stack gap="lg" data-testid="changes-tab">
      <Title order={2}>{t('conformity.changes.title')}</Title>
      <Text c="dimmed" fz="sm">{t('conformity.changes.intro')}</Text>
      {editable ? <RecordChangeForm systemId={system.id} /> : null}
      {query.data.length === 0 ? (
        <Text c="dimmed">{t('conformity.changes.none')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('conformity.changes.fields.number')}</Table.Th>
              <Table.Th>{t('conformity.changes.fields.date')}</Table.Th>
              <Table.Th>{t('conformity.changes.fields.kind')}</Table.Th>
              <Table.Th>{t('conformity.changes.fields.description')}</Table.Th>
              <Table.Th>{t('conformity.changes.fields.decision')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.data.map((c) => (
              <Table.Tr key={c.id} data-testid={`change-${c.number}`}>
                <Table.Td>Ä-{c.number}</Table.Td>
                <Table.Td>{formatDate(c.date, i18n.language)}</Table.Td>
                <Table.Td>{t(`conformity.changes.kinds.${c.kind}`)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{c.description}</Table.Td>
                <Table.Td>
                  {c.substantial === null ? (
                    can('assessment.approve') && system.archivedAt === null ? (
                      <Button size="compact-sm" onClick={() => setAssessing(c)} data-testid={`change-${c.number}-assess`}>{t('conformity.changes.assess.open')}</Button>
                    ) : (
                      <Badge color="gray" variant="light">{t('conformity.changes.pending')}</Badge>
                    )
                  ) : (
                    <Stack gap={4}>
                      <Badge color={c.substantial ? 'red.9' : 'teal.9'} data-testid={`change-${c.number}-decision`}>{t(c.substantial ? 'conformity.changes.substantial' : 'conformity.changes.notSubstantial')}</Badge>
                      <Text fz="xs">{c.rationale}</Text>
                      <Text fz="xs" c="dimmed">{t('conformity.changes.decidedBy', { who: c.assessedBy, when: formatDateTime(c.assessedAt, i18n.language) })}</Text>
                      {c.followUps.length > 0 ? (
                        <Stack gap={2} data-testid={`change-${c.number}-followups`}>
                          {c.followUps.map((f) => (
                            <Text key={f.taskId} fz="xs">
                              {t(`conformity.changes.followUps.${f.kind}`)}
                            </Text>
                          ))}
                          <Anchor component={Link} to={`/systems/${system.id}?tab=tasks`} fz="xs">{t('conformity.changes.openTasks')}</Anchor>
                        </Stack>
                      ) : null}
                    </Stack>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {assessing !== null ? <AssessChangeDialog systemId={system.id} change={assessing} onClose={() => setAssessing(null)} /> : null}
    </Stack>
  );
}

function RecordChangeForm({ systemId }: { systemId: string }) {
  const { t } = useTranslation();
  const record = useRecordChange(systemId);
  const [kind, setKind] = useState<ChangeKind>('model-version');
  const [date, setDate] = useState(officeToday());
  const [description, setDescription] = useState('');
  const errors = fieldErrorsOf(record.error);
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Text fw={600}>{t('conformity.changes.record.title')}</Text>
        <Group align="flex-start">
          <Select label={t('conformity.changes.fields.kind')} data={CHANGE_KINDS.map((k) => ({ value: k, label: t(`conformity.changes.kinds.${k}`) }))} value={kind} onChange={(v) => v && setKind(v as ChangeKind)} allowDeselect={false} w={240} data-testid="change-kind" />
          <TextInput type="date" label={t('conformity.changes.fields.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} error={errors.date} />
        </Group>
        <Textarea label={t('conformity.changes.fields.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={2} error={errors.description} data-testid="change-description" />
        {record.error !== null && Object.keys(errors).length === 0 ? <ErrorAlert error={record.error} /> : null}
        <Group>
          <Button loading={record.isPending} data-testid="change-record" onClick={() => record.mutate({ kind, date, description }, { onSuccess: () => setDescription('') })}>
            {t('conformity.changes.record.submit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function AssessChangeDialog({ systemId, change, onClose }: { systemId: string; change: SystemChange; onClose: () => void }) {
  const { t } = useTranslation();
  const assess = useAssessChange(systemId, change.id);
  const [substantial, setSubstantial] = useState<'yes' | 'no' | ''>('');
  const [rationale, setRationale] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const errors = fieldErrorsOf(assess.error);
  return (
    <SignatureDialog
      texts={{
        title: t('conformity.changes.assess.title', { number: change.number }),
        password: t('conformity.sign.password'),
        passwordHint: t('conformity.changes.assess.passwordHint'),
        wrongPassword: t('conformity.sign.wrongPassword'),
        passwordMissing: t('conformity.sign.passwordMissing'),
        submit: t('conformity.changes.assess.submit'),
      }}
      testId="change-assess"
      error={assess.error}
      pending={assess.isPending}
      errorAtField={errors.rationale !== undefined}
      validate={() => {
        const field = substantial === '' ? 'substantial' : rationale.trim() === '' ? 'rationale' : null;
        setInvalid(field);
        return field === null;
      }}
      invalidField={invalid}
      onSign={(credentials, failed) =>
        assess.mutate(
          { version: change.version, substantial: substantial === 'yes', rationale, ...credentials },
          {
            onSuccess: (c) => {
              notifications.show({ color: 'teal', message: t(c.substantial ? 'conformity.changes.assess.doneSubstantial' : 'conformity.changes.assess.done', { count: c.followUps.length }) });
              onClose();
            },
            onError: failed,
          },
        )
      }
      onClose={onClose}
    >
      <Text fz="sm">{t('conformity.changes.assess.explain')}</Text>
      <Radio.Group
        name="substantial"
        label={t('conformity.changes.assess.question')}
        value={substantial}
        onChange={(v) => setSubstantial(v as 'yes' | 'no')}
        error={invalid === 'substantial' ? t('conformity.changes.assess.chooseOne') : undefined}
        required
      >
        <Stack gap={6} mt={6}>
          <Radio value="yes" label={t('conformity.changes.assess.yes')} data-testid="change-assess-yes" />
          <Radio value="no" label={t('conformity.changes.assess.no')} data-testid="change-assess-no" />
        </Stack>
      </Radio.Group>
      <Textarea
        name="rationale"
        label={t('conformity.changes.fields.rationale')}
        description={t('conformity.changes.assess.rationaleHint')}
        value={rationale}
        onChange={(e) => setRationale(e.currentTarget.value)}
        error={invalid === 'rationale' ? t('conformity.changes.assess.rationaleMissing') : errors.rationale}
        required
        autosize
        minRows={3}
        data-testid="change-assess-rationale"
      />
    </SignatureDialog>
  );
}
