import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { usePageTitle } from '../../app/use-page-title';
import { EnvironmentsTab } from './environments-tab';
import { MethodsTab } from './methods-tab';
import { DashboardTab } from './dashboard-tab';
import { PlansTab } from './plans-tab';
import { RunsTab } from './runs-tab';
import { GatesTab } from './gates-tab';

const TABS = ['dashboard', 'plans', 'runs', 'gates', 'methods', 'environments'] as const;
type Tab = (typeof TABS)[number];

/** The test lab: overview, test plans, runs, release gates, evaluation methods and environments. */
export function LabPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const requested = search.get('tab');
  const tab: Tab = TABS.find((x) => x === requested) ?? 'dashboard';
  usePageTitle(`${t(`lab.tabs.${tab}`)} · ${t('lab.title')}`);

  return (
    <Stack gap="md" maw={1440}>
      <div>
        <Title order={1}>{t('lab.title')}</Title>
        <Text c="dimmed" fz="sm">
          {t('lab.intro')}
        </Text>
      </div>
      <Tabs
        value={tab}
        onChange={(value) => setSearch(value === 'dashboard' || value === null ? {} : { tab: value }, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {TABS.map((x) => (
            <Tabs.Tab key={x} value={x} data-testid={`lab-tab-${x}`}>
              {t(`lab.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="dashboard">
          <DashboardTab />
        </Tabs.Panel>
        <Tabs.Panel value="plans">
          <PlansTab />
        </Tabs.Panel>
        <Tabs.Panel value="runs">
          <RunsTab />
        </Tabs.Panel>
        <Tabs.Panel value="gates">
          <GatesTab />
        </Tabs.Panel>
        <Tabs.Panel value="methods">
          <MethodsTab />
        </Tabs.Panel>
        <Tabs.Panel value="environments">
          <EnvironmentsTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
