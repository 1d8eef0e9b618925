import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { usePageTitle } from '../../app/use-page-title';
import { EnvironmentsTab } from './environments-tab';
import { MethodsTab } from './methods-tab';

const TABS = ['methods', 'environments'] as const;
type Tab = (typeof TABS)[number];

/** The test lab: evaluation methods and environments (later: plans, runs, gates). */
export function LabPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const requested = search.get('tab');
  const tab: Tab = TABS.find((x) => x === requested) ?? 'methods';
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
        onChange={(value) => setSearch(value === 'methods' || value === null ? {} : { tab: value }, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {TABS.map((x) => (
            <Tabs.Tab key={x} value={x} data-testid={`lab-tab-${x}`}>
              {t(`lab.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
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
