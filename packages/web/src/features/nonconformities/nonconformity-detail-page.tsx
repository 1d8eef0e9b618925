import { useState } from 'react';
import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Nonconformity } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { formatDate, formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { usePersonName } from '../requirements/person-name';
import { ActionsEditor } from './actions-editor';
import { SeverityBadge, StatusBadge } from './nonconformity-badges';
import { isEditableStage } from './nonconformity-display';
import { NonconformityEditDrawer } from './nonconformity-edit-drawer';
import { RecordTasks } from '../tasks/record-tasks';
import { NonconformityHistory } from './nonconformity-history';
import { useNonconformity, useNonconformitySystem } from './nonconformity-queries';
import { RequirementChips } from './requirement-chips';
import { RootCauseSection } from './root-cause-section';
import { WorkflowPanel } from './workflow-panel';
import './nonconformities.css';

function Facts({ nc, systemName, unitName }: { nc: Nonconformity; systemName: string | undefined; unitName: string }) {
  const { t, i18n } = useTranslation();
  const person = usePersonName();
  return (
    <dl className="detail-list">
      <dt>{t('capa.fields.description')}</dt>
      <dd>{nc.description === '' ? t('common.none') : nc.description}</dd>
      <dt>{t('capa.fields.source')}</dt>
      <dd>{t(`capa.sources.${nc.source}`)}</dd>
      <dt>{t('capa.fields.severity')}</dt>
      <dd>
        <SeverityBadge severity={nc.severity} />
      </dd>
      <dt>{nc.systemId === null ? t('capa.fields.orgUnit') : t('capa.fields.system')}</dt>
      <dd>
        {nc.systemId === null ? (
          t('capa.orgWideIn', { unit: unitName })
        ) : (
          <Anchor component={Link} to={`/systems/${nc.systemId}?tab=nonconformities`} fz="sm">
            {systemName ?? t('capa.detail.systemFallback')}
          </Anchor>
        )}
      </dd>
      <dt>{t('capa.fields.requirements')}</dt>
      <dd>
        <RequirementChips keys={nc.requirementKeys} />
      </dd>
      <dt>{t('capa.fields.createdAt')}</dt>
      <dd>{formatDateTime(nc.createdAt, i18n.language)}</dd>
      {nc.implementedBy !== null ? (
        <>
          <dt>{t('capa.fields.implementedBy')}</dt>
          <dd>{person(nc.implementedBy)}</dd>
        </>
      ) : null}
      {nc.verification !== null ? (
        <>
          <dt>{t('capa.fields.verification')}</dt>
          <dd data-testid="capa-verification">
            {t('capa.verification.summary', {
              result: nc.verification.effective ? t('capa.verification.effective') : t('capa.verification.notEffective'),
              name: person(nc.verification.by),
              date: formatDate(nc.verification.at.slice(0, 10), i18n.language),
            })}
            {'\n'}
            {nc.verification.note}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** One non-conformity: the workflow stepper and next step, the facts, the root cause, the actions and the audit trail. */
export function NonconformityDetailPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { id = '' } = useParams();
  const query = useNonconformity(id);
  const nc = query.data;
  const system = useSystemName(nc?.systemId ?? null);
  const { names } = useUnitOptions();
  const [editing, setEditing] = useState(false);
  usePageTitle(nc?.title);

  if (nc === undefined) return query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />;
  const reload = () => void query.refetch();
  const mayEdit = can('nonconformity.edit') && nc.status !== 'closed';
  const stageEditable = mayEdit && isEditableStage(nc.status);
  const unitName = names.get(nc.orgUnitId) ?? t('common.none');

  return (
    <Stack gap="md" maw={1100}>
      <div>
        <Anchor component={Link} to={nc.systemId === null ? '/nonconformities' : `/systems/${nc.systemId}?tab=nonconformities`} fz="sm">
          {nc.systemId === null || system === undefined ? t('capa.detail.back') : t('capa.detail.backToSystem', { system })}
        </Anchor>
        <Group justify="space-between" align="flex-start" mt={4}>
          <div>
            <Title order={1}>{nc.title}</Title>
            <Group gap="xs" mt={4}>
              <StatusBadge status={nc.status} />
              <Text c="dimmed" fz="sm">
                {[nc.systemId === null ? t('capa.orgWideIn', { unit: unitName }) : system, t(`capa.sources.${nc.source}`)].filter((s) => s !== undefined && s !== '').join(' · ')}
              </Text>
            </Group>
          </div>
          {mayEdit ? (
            <Button leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(true)} data-testid="nonconformity-edit">
              {t('common.edit')}
            </Button>
          ) : null}
        </Group>
      </div>
      <WorkflowPanel nc={nc} onReload={reload} />
      <Paper withBorder p="lg" component="section" aria-labelledby="capa-facts-title">
        <Title order={2} fz="lg" id="capa-facts-title" mb="sm">
          {t('capa.detail.facts')}
        </Title>
        <Facts nc={nc} systemName={system} unitName={unitName} />
      </Paper>
      <RootCauseSection nc={nc} editable={stageEditable} onReload={reload} />
      <Paper withBorder p="lg" component="section" aria-labelledby="capa-actions-title">
        <Title order={2} fz="lg" id="capa-actions-title" mb="xs">
          {t('capa.actions.title')}
        </Title>
        <Text fz="sm" c="dimmed" mb="sm">
          {t('capa.actions.intro')}
        </Text>
        <ActionsEditor
          nc={nc}
          editable={stageEditable}
          lockedNotice={mayEdit && !stageEditable ? t('capa.actions.frozen') : undefined}
          onReload={reload}
        />
      </Paper>
      <RecordTasks record={{ recordType: 'nonconformity', recordId: nc.id, systemId: nc.systemId ?? undefined }} editable={nc.status !== 'closed'} />
      {can('audit.read') ? <NonconformityHistory id={nc.id} /> : null}
      {editing ? <NonconformityEditDrawer nc={nc} onClose={() => setEditing(false)} onReload={() => query.refetch().then((r) => r.data)} /> : null}
    </Stack>
  );
}

function useSystemName(systemId: string | null): string | undefined {
  const query = useNonconformitySystem(systemId ?? '');
  return systemId === null ? undefined : query.data?.name;
}
