import { Alert, Anchor, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArchive, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { formatDateTime } from '../../i18n/format';
import { ClassifiedBadge } from '../../shared/classified-badge';
import { ErrorAlert } from '../../shared/error-alert';
import { ClassificationTab } from '../classification/classification-tab';
import { FriaTab } from '../fria/fria-tab';
import { ConformityTab } from '../conformity/conformity-tab';
import { ChangesTab } from '../conformity/changes-tab';
import { MonitoringTab } from '../monitoring/monitoring-tab';
import { SystemAdviceTab } from '../intakes/system-advice-tab';
import { MatrixTab } from '../requirements/matrix-tab';
import { SystemRisksTab } from '../risks/system-risks-tab';
import { SupplierTab } from '../vendors/supplier-tab';
import { SystemModelsTab } from '../models/system-models-tab';
import { SystemRelationsTab } from '../relations/system-relations-tab';
import { SystemDocumentsTab } from '../documents/system-documents-tab';
import { SystemTasksTab } from '../tasks/system-tasks-tab';
import { SystemNonconformitiesTab } from '../nonconformities/system-nonconformities-tab';
import { AuditPackageButton } from '../audit-package/audit-package-button';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { SystemExchangeTab } from '../exchange/system-exchange-tab';
import { ArchiveDialog } from './archive-dialog';
import { SystemDetails } from './system-details';
import { SystemHistory } from './system-history';
import { useSystem } from './system-queries';

export function SystemDetailPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const query = useSystem(id);
  const { names } = useUnitOptions();
  const [archiveOpened, archiveDialog] = useDisclosure(false);
  usePageTitle(query.data?.name);

  if (query.data === undefined) {
    return query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />;
  }
  const system = query.data;
  const archived = system.archivedAt !== null;
  const tabs = ['details', ...(can('classification.read') ? ['classification'] : []), ...(can('requirement.read') ? ['matrix'] : []), ...(can('risk.read') ? ['risks', 'fria'] : []), ...(can('intake.read') ? ['advice'] : []), ...(can('vendor.read') && system.sourcing === 'procured' ? ['supplier'] : []), ...(can('model.read') ? ['models'] : []), ...(can('document.read') ? ['documentation'] : []), ...(can('assessment.read') ? ['conformity', 'changes'] : []), ...(can('monitoring.read') ? ['monitoring'] : []), 'relations', 'exchange', ...(can('nonconformity.read') ? ['nonconformities'] : []), ...(can('task.read') ? ['tasks'] : []), 'history'];
  const requested = search.get('tab') ?? 'details';
  const tab = tabs.includes(requested) ? requested : 'details';

  return (
    <Stack gap="md" maw={tab === 'matrix' || tab === 'risks' ? 1440 : 1100}>
      <div>
        <Anchor component={Link} to="/systems" fz="sm">
          {t('systemDetail.back')}
        </Anchor>
        <Group justify="space-between" align="flex-start" mt={4}>
          <div>
            <Group gap="sm" align="center">
              <Title order={1}>{system.name}</Title>
              <ClassifiedBadge level={system.classification} />
            </Group>
            <Text c="dimmed" fz="sm">
              {[system.shortName, names.get(system.orgUnitId)].filter((s) => s !== undefined && s !== '').join(' · ')}
            </Text>
          </div>
          {!archived ? (
            <Group gap="sm">
              {can('system.update') ? (
                <Button component={Link} to={`/systems/${system.id}/edit`} leftSection={<IconPencil size={16} aria-hidden />}>
                  {t('common.edit')}
                </Button>
              ) : null}
              {can('package.export') ? <AuditPackageButton systemId={system.id} /> : null}
              {can('system.archive') ? (
                <Button variant="default" leftSection={<IconArchive size={16} aria-hidden />} onClick={archiveDialog.open}>
                  {t('systemDetail.archive')}
                </Button>
              ) : null}
            </Group>
          ) : null}
        </Group>
      </div>
      {archived ? (
        <Alert color="gray" variant="light">
          {t('systemDetail.archivedNotice', { date: formatDateTime(system.archivedAt, i18n.language) })}
        </Alert>
      ) : null}
      <Tabs
        value={tab}
        onChange={(value) => setSearch(value === null || value === 'details' ? {} : { tab: value }, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="details">{t('systemDetail.tabDetails')}</Tabs.Tab>
          {tabs.includes('classification') ? <Tabs.Tab value="classification">{t('systemDetail.tabClassification')}</Tabs.Tab> : null}
          {tabs.includes('matrix') ? <Tabs.Tab value="matrix">{t('systemDetail.tabMatrix')}</Tabs.Tab> : null}
          {tabs.includes('risks') ? <Tabs.Tab value="risks">{t('systemDetail.tabRisks')}</Tabs.Tab> : null}
          {tabs.includes('fria') ? (
            <Tabs.Tab value="fria" aria-label={t('systemDetail.tabFriaName')} title={t('systemDetail.tabFriaName')} data-testid="system-tab-fria">
              {t('systemDetail.tabFria')}
            </Tabs.Tab>
          ) : null}
          {tabs.includes('advice') ? <Tabs.Tab value="advice">{t('systemDetail.tabAdvice')}</Tabs.Tab> : null}
          {tabs.includes('supplier') ? <Tabs.Tab value="supplier">{t('vendors.documents.tab')}</Tabs.Tab> : null}
          {tabs.includes('models') ? <Tabs.Tab value="models" data-testid="system-tab-models">{t('models.systemTab.tab')}</Tabs.Tab> : null}
          {tabs.includes('nonconformities') ? <Tabs.Tab value="nonconformities">{t('capa.systemTab.tab')}</Tabs.Tab> : null}
          {tabs.includes('tasks') ? <Tabs.Tab value="tasks">{t('tasks.systemTab.tab')}</Tabs.Tab> : null}
          {tabs.includes('documentation') ? <Tabs.Tab value="documentation" data-testid="system-tab-documentation">{t('documents.tab')}</Tabs.Tab> : null}
          {tabs.includes('conformity') ? <Tabs.Tab value="conformity" data-testid="system-tab-conformity">{t('conformity.tab')}</Tabs.Tab> : null}
          {tabs.includes('changes') ? <Tabs.Tab value="changes" data-testid="system-tab-changes">{t('conformity.changes.tab')}</Tabs.Tab> : null}
          {tabs.includes('monitoring') ? <Tabs.Tab value="monitoring" data-testid="system-tab-monitoring">{t('monitoring.tab')}</Tabs.Tab> : null}
          <Tabs.Tab value="relations" data-testid="system-tab-relations">{t('relations.tab')}</Tabs.Tab>
          <Tabs.Tab value="exchange" data-testid="system-tab-exchange">{t('exchange.tab')}</Tabs.Tab>
          <Tabs.Tab value="history">{t('systemDetail.tabHistory')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details">
          <SystemDetails system={system} unitName={names.get(system.orgUnitId) ?? t('common.none')} />
        </Tabs.Panel>
        {tabs.includes('classification') ? (
          <Tabs.Panel value="classification">
            <ClassificationTab system={system} />
          </Tabs.Panel>
        ) : null}
        {tabs.includes('matrix') ? (
          <Tabs.Panel value="matrix">
            <MatrixTab system={system} />
          </Tabs.Panel>
        ) : null}
        {tabs.includes('risks') ? (
          <Tabs.Panel value="risks">
            <SystemRisksTab system={system} />
          </Tabs.Panel>
        ) : null}
        {tabs.includes('fria') ? (
          <Tabs.Panel value="fria">
            <FriaTab system={system} />
          </Tabs.Panel>
        ) : null}
        {tabs.includes('advice') ? (
          <Tabs.Panel value="advice">
            <SystemAdviceTab systemId={system.id} archived={archived} />
          </Tabs.Panel>
        ) : null}
        {tabs.includes('nonconformities') ? (
          <Tabs.Panel value="nonconformities">
            <SystemNonconformitiesTab system={system} />
          </Tabs.Panel>
        ) : null}
        {tabs.includes('tasks') ? (
          <Tabs.Panel value="tasks">
            <SystemTasksTab system={system} />
          </Tabs.Panel>
        ) : null}
        {tabs.includes('supplier') ? <Tabs.Panel value="supplier"><SupplierTab system={system} /></Tabs.Panel> : null}
        {tabs.includes('models') ? <Tabs.Panel value="models"><SystemModelsTab system={system} /></Tabs.Panel> : null}
        {tabs.includes('documentation') ? <Tabs.Panel value="documentation">{tab === 'documentation' ? <SystemDocumentsTab system={system} /> : null}</Tabs.Panel> : null}
        {tabs.includes('conformity') ? <Tabs.Panel value="conformity">{tab === 'conformity' ? <ConformityTab system={system} /> : null}</Tabs.Panel> : null}
        {tabs.includes('monitoring') ? <Tabs.Panel value="monitoring">{tab === 'monitoring' ? <MonitoringTab system={system} /> : null}</Tabs.Panel> : null}
        {tabs.includes('changes') ? <Tabs.Panel value="changes">{tab === 'changes' ? <ChangesTab system={system} /> : null}</Tabs.Panel> : null}
        <Tabs.Panel value="relations">{tab === 'relations' ? <SystemRelationsTab system={system} /> : null}</Tabs.Panel>
        <Tabs.Panel value="exchange">{tab === 'exchange' ? <SystemExchangeTab systemId={system.id} fileBase={system.shortName || system.name} /> : null}</Tabs.Panel>
        <Tabs.Panel value="history">
          <SystemHistory systemId={system.id} unitNames={names} />
        </Tabs.Panel>
      </Tabs>
      {can('system.archive') && !archived ? (
        <ArchiveDialog system={system} opened={archiveOpened} onClose={archiveDialog.close} onReload={() => void query.refetch()} />
      ) : null}
    </Stack>
  );
}
