import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Divider, Drawer, Group, List, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { JUSTIFICATION_MIN, LITERACY_REQUIREMENT_KEY, type AiSystem, type SystemRequirement } from '@konform/core';
import { fieldErrorsOf, isApiError } from '../../api/client';
import { useAuth } from '../../app/auth-context';
import { formatDate } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { localized } from '../catalogs/localized';
import { usePersonName } from './person-name';
import { RequirementStatusBadge } from './requirement-status-badge';
import { whyText } from './why-text';
import { useUpdateRequirement } from './requirement-queries';
import { RowEvidence } from './row-evidence';
import { LiteracyEvidence } from '../literacy/literacy-evidence';
import { RowMeasures } from './row-measures';
import { RecordTasks } from '../tasks/record-tasks';
import { actionsFor, targetOf, type WorkflowAction } from './workflow';
import { formatLegalRef } from '../../i18n/legal-ref';
import { RecordNonconformityButton } from '../nonconformities/record-nonconformity-button';

interface Props {
  system: AiSystem;
  row: SystemRequirement | undefined;
  onClose: () => void;
  catalogTitle: (id: string) => string;
}

function Workflow({ system, row }: { system: AiSystem; row: SystemRequirement }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const update = useUpdateRequirement(system.id);
  const personName = usePersonName();
  const [justifying, setJustifying] = useState(false);
  const [justification, setJustification] = useState('');
  const [localError, setLocalError] = useState<string | undefined>();
  const error = update.error;
  const fourEyes = isApiError(error) && error.code === 'four-eyes';
  const invalidTransition = isApiError(error) && error.code === 'invalid-transition';
  const serverJustification = fieldErrorsOf(error).justification;
  const editable = can('requirement.edit') && system.archivedAt === null;
  const canVerify = can('requirement.verify') && system.archivedAt === null;
  const actions = editable ? actionsFor(row.status, canVerify) : row.status === 'implemented' && canVerify ? (['verify'] as WorkflowAction[]) : [];

  useEffect(() => {
    setJustifying(false);
    setJustification('');
    setLocalError(undefined);
    update.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset when another row is opened
  }, [row.requirementId]);

  const run = (action: WorkflowAction) => {
    if (action === 'notApplicable' && !justifying) {
      setJustifying(true);
      return;
    }
    if (action === 'notApplicable' && justification.trim().length < JUSTIFICATION_MIN) {
      setLocalError(t('matrix.justificationTooShort', { min: JUSTIFICATION_MIN }));
      return;
    }
    setLocalError(undefined);
    update.mutate(
      {
        requirementId: row.requirementId,
        input: { version: row.version, status: targetOf(action, row.status), ...(action === 'notApplicable' ? { justification: justification.trim() } : {}) },
      },
      {
        onSuccess: () => {
          setJustifying(false);
          notifications.show({ color: 'teal', message: t('matrix.statusChanged', { ref: formatLegalRef(row.ref, i18n.language), status: t(`matrix.status.${targetOf(action, row.status)}`) }) });
        },
      },
    );
  };

  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Text fz="sm" fw={500}>
          {t('matrix.statusColumn')}:
        </Text>
        <RequirementStatusBadge status={row.status} />
      </Group>
      {row.implementedBy !== null ? <Text fz="xs" c="dimmed">{t('matrix.implementedBy', { name: personName(row.implementedBy) })}</Text> : null}
      {row.verifiedBy !== null ? <Text fz="xs" c="dimmed">{t('matrix.verifiedBy', { name: personName(row.verifiedBy) })}</Text> : null}
      {row.status === 'not-applicable' && row.justification !== null ? (
        <Text fz="sm">{t('matrix.justificationShown', { text: row.justification })}</Text>
      ) : null}
      {row.status === 'implemented' && canVerify ? (
        <Alert color="petrol" variant="light" icon={<IconInfoCircle size={18} aria-hidden />} title={t('matrix.fourEyesTitle')}>
          <Text fz="sm">{t('matrix.fourEyesText')}</Text>
        </Alert>
      ) : null}
      {justifying ? (
        <Textarea
          label={t('matrix.justification')}
          description={t('matrix.justificationHint', { min: JUSTIFICATION_MIN })}
          required
          autosize
          minRows={3}
          data-autofocus
          value={justification}
          error={localError ?? serverJustification}
          aria-invalid={(localError ?? serverJustification) !== undefined}
          onChange={(e) => setJustification(e.currentTarget.value)}
        />
      ) : null}
      {actions.length > 0 ? (
        <Group gap="xs" role="group" aria-label={t('matrix.workflow')}>
          {actions.map((action) => (
            <Button
              key={action}
              size="xs"
              variant={action === 'reopen' || (action === 'notApplicable' && !justifying) ? 'default' : 'filled'}
              color={action === 'verify' ? 'teal.8' : undefined}
              loading={update.isPending && update.variables.input.status === targetOf(action, row.status)}
              onClick={() => run(action)}
            >
              {t(`matrix.actions.${action}`)}
            </Button>
          ))}
          {justifying ? (
            <Button size="xs" variant="subtle" onClick={() => setJustifying(false)}>
              {t('common.cancel')}
            </Button>
          ) : null}
        </Group>
      ) : null}
      {fourEyes ? (
        <Alert color="red" variant="light" role="alert" title={t('matrix.fourEyesRefusedTitle')}>
          <Text fz="sm">{t('matrix.fourEyesRefused')}</Text>
        </Alert>
      ) : invalidTransition ? (
        <Alert color="red" variant="light" role="alert">
          <Text fz="sm">{t('matrix.invalidTransition')}</Text>
        </Alert>
      ) : serverJustification !== undefined ? null : (
        <ErrorAlert error={error} />
      )}
    </Stack>
  );
}

function Assignment({ system, row }: { system: AiSystem; row: SystemRequirement }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const update = useUpdateRequirement(system.id);
  const [owner, setOwner] = useState(row.owner ?? '');
  const [dueDate, setDueDate] = useState(row.dueDate ?? '');
  const errors = fieldErrorsOf(update.error);
  const editable = can('requirement.edit') && system.archivedAt === null;

  useEffect(() => {
    setOwner(row.owner ?? '');
    setDueDate(row.dueDate ?? '');
  }, [row.owner, row.dueDate, row.requirementId]);

  const save = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { requirementId: row.requirementId, input: { version: row.version, owner: owner.trim() === '' ? null : owner.trim(), dueDate: dueDate === '' ? null : dueDate } },
      { onSuccess: () => notifications.show({ color: 'teal', message: t('matrix.saved', { ref: formatLegalRef(row.ref, i18n.language) }) }) },
    );
  };

  return (
    <form onSubmit={save} noValidate>
      <Stack gap="sm">
        <Group grow align="flex-start">
          <TextInput label={t('matrix.owner')} value={owner} readOnly={!editable} error={errors.owner} maxLength={200} onChange={(e) => setOwner(e.currentTarget.value)} />
          <TextInput
            label={t('matrix.dueDate')}
            description={t('matrix.dueDateHint')}
            type="date"
            value={dueDate}
            readOnly={!editable}
            error={errors.dueDate}
            onChange={(e) => setDueDate(e.currentTarget.value)}
          />
        </Group>
        <ErrorAlert error={Object.keys(errors).length > 0 ? null : update.error} />
        {editable ? (
          <Group justify="flex-end">
            <Button type="submit" size="xs" variant="default" loading={update.isPending}>
              {t('matrix.saveAssignment')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}

/** The row editor: status workflow, owner and due date, measures applied to the system, evidence. */
export function RequirementRowDrawer({ system, row, onClose, catalogTitle }: Props) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const lang = i18n.language;
  const editable = can('requirement.edit') && system.archivedAt === null;
  return (
    <Drawer
      opened={row !== undefined}
      onClose={onClose}
      position="right"
      size="xl"
      title={row === undefined ? '' : `${formatLegalRef(row.ref, lang)} – ${localized(row.title, lang)}`}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {row === undefined ? null : (
        <Stack gap="md">
          <dl className="detail-list">
            <dt>{t('matrix.catalog')}</dt>
            <dd>{catalogTitle(row.catalogId)}</dd>
            <dt>{t('matrix.appliesFrom')}</dt>
            <dd>{formatDate(row.appliesFrom, lang)}</dd>
            <dt>{t('matrix.why')}</dt>
            <dd>
              {row.why.length === 0 ? (
                t('matrix.whyAlways')
              ) : (
                <List size="xs" spacing={0}>
                  {row.why.map((w) => (
                    <List.Item key={w}>
                      <Text component="span" fz="xs" title={w}>
                        {whyText(w, t)}
                      </Text>
                    </List.Item>
                  ))}
                </List>
              )}
            </dd>
          </dl>
          <Divider />
          <Workflow system={system} row={row} />
          {system.archivedAt === null ? <RecordNonconformityButton systemId={system.id} requirementKey={row.requirementId} requirementRef={formatLegalRef(row.ref, lang)} size="xs" /> : null}
          <Divider />
          <Assignment system={system} row={row} />
          <Divider />
          <RowMeasures systemId={system.id} row={row} editable={editable} />
          <Divider />
          {can('evidence.read') ? <RowEvidence systemId={system.id} row={row} editable={editable && can('evidence.write')} /> : null}
          {row.requirementId === LITERACY_REQUIREMENT_KEY && can('training.read') ? <LiteracyEvidence systemId={system.id} /> : null}
          <RecordTasks record={{ recordType: 'requirement', recordId: row.requirementId, systemId: system.id }} editable={system.archivedAt === null} headingOrder={3} />
        </Stack>
      )}
    </Drawer>
  );
}
