import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '../../app/auth-context';
import { usePageTitle } from '../../app/use-page-title';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { CoursesTab } from './courses-tab';
import { MyTrainingsTab } from './my-trainings-tab';
import { RecordsTab } from './records-tab';
import { RequirementsTab } from './requirements-tab';
import { UnitStatusTab } from './unit-status-tab';

const TABS = ['mine', 'unit', 'courses', 'requirements', 'records'] as const;
type Tab = (typeof TABS)[number];

/** AI literacy (Art. 4): my trainings, a unit's status, the courses, the requirements and the recorded completions. */
export function LiteracyPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { options } = useUnitOptions();
  const [search, setSearch] = useSearchParams();
  usePageTitle(t('literacy.title'));

  const requested = search.get('tab');
  const tab: Tab = TABS.find((x) => x === requested) ?? 'mine';
  const own = user.roles.map((r) => r.orgUnitId).find((id) => options.some((o) => o.value === id));
  const unitId = search.get('unit') ?? own ?? options[0]?.value ?? '';

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === '') next.delete(key);
      else next.set(key, value);
    }
    setSearch(next, { replace: true });
  };

  return (
    <Stack gap="md" maw={1440}>
      <div>
        <Title order={1}>{t('literacy.title')}</Title>
        <Text c="dimmed" fz="sm">
          {t('literacy.intro')}
        </Text>
      </div>
      <Tabs value={tab} onChange={(value) => update({ tab: value === 'mine' ? null : value })} keepMounted={false}>
        <Tabs.List mb="md">
          {TABS.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`literacy.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="mine">
          <MyTrainingsTab />
        </Tabs.Panel>
        <Tabs.Panel value="unit">
          <UnitStatusTab unitId={unitId} onUnitChange={(id) => update({ unit: id })} />
        </Tabs.Panel>
        <Tabs.Panel value="courses">
          <CoursesTab />
        </Tabs.Panel>
        <Tabs.Panel value="requirements">
          <RequirementsTab />
        </Tabs.Panel>
        <Tabs.Panel value="records">
          <RecordsTab unitId={unitId} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
