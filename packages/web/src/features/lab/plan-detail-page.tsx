import { useState, type ReactNode } from 'react';
import { Alert, Anchor, Button, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { IconArchive, IconCopy, IconInfoCircle, IconLock, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { LabPlanDetail, LabPlanRef, LabTestCase } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { formatDateTime } from '../../i18n/format';
import { formatLegalRef } from '../../i18n/legal-ref';
import { ErrorAlert } from '../../shared/error-alert';
import { localized, requirementHref } from '../catalogs/localized';
import { MethodStatusBadge } from './lab-badges';
import { Facts, LabSection } from './lab-section';
import { Criterion, PlanStatusBadge, formatNumber } from './plan-badges';
import { PlanTransitionDialog } from './plan-dialogs';
import { PlanFormDrawer } from './plan-form-drawer';
import { useLabPlan } from './plan-queries';
import type { PlanTransition } from './plan-queries';
import { PlanRunsSection } from './run-plan-section';

/** A test plan: its subject, state and revisions, and its cases with the criteria fixed before testing. */
export function PlanDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useLabPlan(id);
  usePageTitle(query.data?.name ?? t('labPlans.title'));
  if (query.data === undefined) return query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />;
  return <Detail key={query.data.id} plan={query.data} onReload={() => void query.refetch()} />;
}

function PlanLink({ plan }: { plan: LabPlanRef }) {
  const { t } = useTranslation();
  return (
    <>
      <Anchor component={Link} to={`/lab/plans/${plan.id}`} fz="sm">
        {plan.name}
      </Anchor>{' '}
      <Text span fz="sm" c="dimmed">
        ({t(`labPlans.status.${plan.status}`)})
      </Text>
    </>
  );
}

function Detail({ plan, onReload }: { plan: LabPlanDetail; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { can } = useAuth();
  const navigate = useNavigate();
  const manage = can('lab.manage');
  const [dialog, setDialog] = useState<'edit' | PlanTransition | null>(null);
  const none = t('common.none');
  const subject: ReactNode =
    plan.systemId !== null ? (
      <Anchor component={Link} to={`/systems/${plan.systemId}`} fz="sm">
        {plan.systemName}
      </Anchor>
    ) : (
      <Anchor component={Link} to={`/models/${plan.modelId}`} fz="sm">
        {plan.modelName}
      </Anchor>
    );

  return (
    <Stack gap="md" maw={1440}>
      <div>
        <Anchor component={Link} to="/lab?tab=plans" fz="sm">
          {t('labPlans.back')}
        </Anchor>
        <Group justify="space-between" align="flex-start" mt="xs">
          <div>
            <Title order={1}>{plan.name}</Title>
            <Group gap="xs" mt={4}>
              <PlanStatusBadge status={plan.status} />
              <Text fz="sm" c="dimmed">
                {t(plan.systemId !== null ? 'labPlans.subject.system' : 'labPlans.subject.model')}: {plan.systemName ?? plan.modelName} · {plan.orgUnitName}
              </Text>
            </Group>
          </div>
          {manage ? (
            <Group>
              {plan.status === 'draft' ? (
                <>
                  <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setDialog('edit')} data-testid="lab-plan-edit">
                    {t('labPlans.edit')}
                  </Button>
                  <Button leftSection={<IconLock size={16} aria-hidden />} onClick={() => setDialog('fix')} disabled={plan.fixProblems.length > 0} aria-describedby={plan.fixProblems.length > 0 ? 'lab-plan-fix-problems' : undefined} data-testid="lab-plan-fix">
                    {t('labPlans.fix.submit')}
                  </Button>
                </>
              ) : null}
              {plan.status === 'fixed' ? (
                <Button variant="default" leftSection={<IconCopy size={16} aria-hidden />} onClick={() => setDialog('revise')} disabled={plan.revisedBy?.status === 'draft'} data-testid="lab-plan-revise">
                  {t('labPlans.revise.submit')}
                </Button>
              ) : null}
              {plan.status !== 'retired' ? (
                <Button variant="default" color="red.9" c="red.9" leftSection={<IconArchive size={16} aria-hidden />} onClick={() => setDialog('retire')} data-testid="lab-plan-retire">
                  {t('labPlans.retire.submit')}
                </Button>
              ) : null}
            </Group>
          ) : null}
        </Group>
      </div>

      <StateNotice plan={plan} />

      <LabSection title={t('labPlans.detail.facts')} id="lab-plan-facts">
        <Facts
          testId="lab-plan-facts"
          rows={[
            [t(plan.systemId !== null ? 'labPlans.subject.system' : 'labPlans.subject.model'), subject],
            [t('lab.common.unit'), plan.orgUnitName],
            [t('labPlans.fields.description'), <Text key="d" fz="sm" style={{ whiteSpace: 'pre-line' }}>{plan.description || none}</Text>],
            [t('labPlans.detail.cases'), t('labPlans.detail.caseCount', { count: plan.caseCount, mandatory: plan.mandatoryCount })],
            [t('lab.common.createdBy'), `${plan.createdByLabel}, ${formatDateTime(plan.createdAt, lang)}`],
            [t('labPlans.detail.fixedBy'), plan.fixedAt === null ? none : `${plan.fixedByLabel ?? ''}, ${formatDateTime(plan.fixedAt, lang)}`],
            [t('labPlans.detail.revises'), plan.revises === null ? none : <PlanLink key="r" plan={plan.revises} />],
            [t('labPlans.detail.revisedBy'), plan.revisedBy === null ? none : <PlanLink key="rb" plan={plan.revisedBy} />],
          ]}
        />
      </LabSection>

      <LabSection title={t('labPlans.cases.title')} id="lab-plan-cases">
        {plan.status !== 'draft' ? (
          <Text fz="sm" c="dimmed" mb="sm" data-testid="lab-plan-readonly">
            {t('labPlans.cases.readOnly')}
          </Text>
        ) : null}
        <CaseTable cases={plan.cases} />
      </LabSection>

      <PlanRunsSection plan={plan} />

      {dialog === 'edit' ? <PlanFormDrawer plan={plan} onClose={() => setDialog(null)} onReload={onReload} /> : null}
      {dialog !== null && dialog !== 'edit' ? (
        <PlanTransitionDialog plan={plan} action={dialog} onClose={() => setDialog(null)} onReload={onReload} onDone={(saved) => (saved.id !== plan.id ? void navigate(`/lab/plans/${saved.id}`) : undefined)} />
      ) : null}
    </Stack>
  );
}

/** What the state means: why a draft cannot be fixed yet, that a fixed plan is frozen, why a plan was retired. */
function StateNotice({ plan }: { plan: LabPlanDetail }) {
  const { t, i18n } = useTranslation();
  const lines: ReactNode[] = [];
  if (plan.status === 'draft') {
    lines.push(t('labPlans.notice.draft'));
    for (const p of plan.fixProblems) lines.push(<span key={p} id="lab-plan-fix-problems">{t(`labPlans.fixProblems.${p}`)}</span>);
    if (plan.revises !== null) lines.push(<span key="rev">{t('labPlans.notice.revises')} <PlanLink plan={plan.revises} /></span>);
  }
  if (plan.status === 'fixed') {
    lines.push(t('labPlans.notice.fixed', { at: formatDateTime(plan.fixedAt, i18n.language), by: plan.fixedByLabel ?? '' }));
    if (plan.revisedBy?.status === 'draft') lines.push(<span key="open">{t('labPlans.notice.revisionOpen')} <PlanLink plan={plan.revisedBy} /></span>);
  }
  if (plan.status === 'retired') {
    lines.push(t('labPlans.notice.retired', { at: formatDateTime(plan.retiredAt, i18n.language), by: plan.retiredByLabel ?? '' }));
    if (plan.retirementReason !== null) lines.push(t('labPlans.notice.reason', { reason: plan.retirementReason }));
    else if (plan.revisedBy !== null && plan.revisedBy.status !== 'draft') lines.push(<span key="sup">{t('labPlans.notice.supersededBy')} <PlanLink plan={plan.revisedBy} /></span>);
  }
  return (
    <Alert variant="light" color={plan.status === 'fixed' ? 'teal' : plan.status === 'draft' ? 'blue' : 'gray'} icon={<IconInfoCircle size={18} aria-hidden />} data-testid="lab-plan-notice">
      <Stack gap={4}>
        {lines.map((line, i) => (
          <Text key={i} fz="sm" c="dark.9">
            {line}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}

function CaseTable({ cases }: { cases: LabTestCase[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const none = t('common.none');
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped withTableBorder data-testid="lab-plan-cases">
        <caption className="visually-hidden">{t('labPlans.cases.title')}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('labPlans.fields.key')}</Table.Th>
            <Table.Th>{t('labPlans.fields.caseName')}</Table.Th>
            <Table.Th>{t('labPlans.cases.criterion')}</Table.Th>
            <Table.Th>{t('labPlans.fields.method')}</Table.Th>
            <Table.Th>{t('labPlans.fields.datasetVersion')}</Table.Th>
            <Table.Th>{t('labPlans.fields.mandatory')}</Table.Th>
            <Table.Th>{t('labPlans.fields.requirements')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cases.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={7}>
                <Text c="dimmed" fz="sm" ta="center" p="md">
                  {t('labPlans.cases.empty')}
                </Text>
              </Table.Td>
            </Table.Tr>
          ) : (
            cases.map((c) => (
              <Table.Tr key={c.id} data-testid={`lab-plan-case-row-${c.key}`}>
                <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>{c.key}</Table.Td>
                <Table.Td>
                  {c.name}
                  {c.description !== '' ? (
                    <Text fz="xs" c="dimmed" style={{ whiteSpace: 'pre-line' }}>
                      {c.description}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Criterion metric={c.metric} comparator={c.comparator} threshold={c.threshold} unit={c.unit} />
                  <Text fz="xs" c="dimmed">
                    {t('labPlans.fields.decisionRule')}: {t(`labPlans.decisionRules.${c.decisionRule}`)}
                  </Text>
                  <Text fz="xs" c="dimmed">
                    {t('labPlans.fields.regressionTolerance')}: {c.regressionTolerance === null ? t('labPlans.cases.gateDefault') : `${formatNumber(c.regressionTolerance, lang)}${c.unit === '' ? '' : ` ${c.unit}`}`}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/lab/methods/${c.methodId}`} fz="sm">
                    {c.method.name}
                  </Anchor>
                  <Text fz="xs" c="dimmed">
                    {c.method.harnessVersion}
                  </Text>
                  <MethodStatusBadge status={c.method.status} />
                </Table.Td>
                <Table.Td>
                  {c.datasetVersion === null ? (
                    none
                  ) : (
                    <Anchor component={Link} to={`/datasets/${c.datasetVersion.itemId}`} fz="sm">
                      {c.datasetVersion.itemName} {c.datasetVersion.label}
                    </Anchor>
                  )}
                </Table.Td>
                <Table.Td>{t(c.mandatory ? 'labPlans.cases.mandatory' : 'labPlans.cases.optional')}</Table.Td>
                <Table.Td>
                  {c.requirements.length === 0 ? (
                    none
                  ) : (
                    <List size="sm" spacing={2} listStyleType="none" p={0}>
                      {c.requirements.map((r) => (
                        <List.Item key={r.key}>
                          {r.ref === null ? (
                            <Text span fz="sm">
                              {t('labPlans.cases.unknownRequirement', { key: r.key })}
                            </Text>
                          ) : (
                            <Anchor component={Link} to={requirementHref(r.key)} fz="sm">
                              {formatLegalRef(r.ref, lang)} – {localized(r.title, lang)}
                            </Anchor>
                          )}
                        </List.Item>
                      ))}
                    </List>
                  )}
                </Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
