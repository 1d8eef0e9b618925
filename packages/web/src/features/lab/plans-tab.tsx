import { useState } from 'react';
import { Anchor, Button, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { LAB_PLAN_STATUSES, type LabPlanSummary } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { formatDateTime } from '../../i18n/format';
import { RegisterSection } from '../../shared/register-section';
import { RegisterTable } from '../../shared/register-table';
import { SectionHeader } from '../../shared/section-header';
import { LabSubjectFilterFields, useLabSubjectFilters } from './lab-subject-filters';
import { PlanStatusBadge } from './plan-badges';
import { PlanFormDrawer } from './plan-form-drawer';
import { useLabPlans } from './plan-queries';

/** Test plans of AI systems and models with their state; drafts are created here. */
export function PlansTab() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const filters = useLabSubjectFilters(LAB_PLAN_STATUSES);
  const [creating, setCreating] = useState(false);
  const list = useLabPlans(filters.params);

  const row = (p: LabPlanSummary) => (
    <Table.Tr key={p.id} data-testid={`lab-plan-row-${p.id}`}>
      <Table.Td>
        <Anchor component={Link} to={`/lab/plans/${p.id}`} fz="sm" fw={600}>
          {p.name}
        </Anchor>
        {p.revisesPlanId !== null ? (
          <Text fz="xs" c="dimmed">
            {t('labPlans.list.revision')}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        {p.systemId !== null ? (
          <Anchor component={Link} to={`/systems/${p.systemId}`} fz="sm">
            {p.systemName}
          </Anchor>
        ) : (
          <>
            {p.modelName}{' '}
            <Text span fz="xs" c="dimmed">
              ({t('labPlans.subject.model')})
            </Text>
          </>
        )}
      </Table.Td>
      <Table.Td>{p.orgUnitName}</Table.Td>
      <Table.Td>
        <PlanStatusBadge status={p.status} />
      </Table.Td>
      <Table.Td>{t('labPlans.list.cases', { count: p.caseCount, mandatory: p.mandatoryCount })}</Table.Td>
      <Table.Td>{p.fixedAt === null ? t('common.none') : formatDateTime(p.fixedAt, i18n.language)}</Table.Td>
    </Table.Tr>
  );

  return (
    <>
      <RegisterSection
        titleId="lab-plans-title"
        list={list}
        filters={filters}
        summary={(count) => t('labPlans.list.count', { count })}
        table={(items) => (
          <RegisterTable
            testId="lab-plan-table"
            caption={t('labPlans.list.caption')}
            columns={6}
            minWidth={960}
            empty={filters.filtered ? t('labPlans.list.emptyFiltered') : t('labPlans.list.empty')}
            head={
              <>
                <Table.Th>{t('labPlans.fields.name')}</Table.Th>
                <Table.Th>{t('labPlans.fields.subject')}</Table.Th>
                <Table.Th>{t('lab.common.unit')}</Table.Th>
                <Table.Th>{t('lab.common.status')}</Table.Th>
                <Table.Th>{t('labPlans.detail.cases')}</Table.Th>
                <Table.Th>{t('labPlans.list.fixedAt')}</Table.Th>
              </>
            }
            rows={items.map(row)}
          />
        )}
        header={
          <>
            <SectionHeader
              heading={
                <Title order={2} id="lab-plans-title">
                  {t('labPlans.title')}
                </Title>
              }
              intro={t('labPlans.intro')}
              actions={
                can('lab.manage') ? (
                  <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)} data-testid="lab-plan-create">
                    {t('labPlans.create')}
                  </Button>
                ) : undefined
              }
            />
            <LabSubjectFilterFields
              filters={filters}
              label={t('labPlans.list.filters')}
              statusLabel={(s) => t(`labPlans.status.${s}`)}
              systemLabel={t('labPlans.subject.system')}
              modelLabel={t('labPlans.subject.model')}
              testId="lab-plan"
            />
          </>
        }
      />
      {creating ? (
        <PlanFormDrawer
          defaults={{ ...(filters.systemId !== '' ? { systemId: filters.systemId } : {}), ...(filters.modelId !== '' ? { modelId: filters.modelId } : {}) }}
          onClose={() => setCreating(false)}
          onSaved={(saved) => void navigate(`/lab/plans/${saved.id}`)}
        />
      ) : null}
    </>
  );
}
