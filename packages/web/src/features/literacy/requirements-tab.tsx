import { useState } from 'react';
import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TrainingRequirement } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { ErrorAlert } from '../../shared/error-alert';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { useCourses, useDeleteRequirement, useRequirements } from './literacy-queries';
import { RequirementFormDrawer } from './requirement-form-drawer';
import { TabHeading } from './tab-heading';

/** Which role (and where) needs which course, how often; training.manage changes them. */
export function RequirementsTab() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const courses = useCourses();
  const requirements = useRequirements();
  const remove = useDeleteRequirement();
  const { names } = useUnitOptions();
  const [editing, setEditing] = useState<TrainingRequirement | 'new' | null>(null);
  const manage = can('training.manage');
  const courseById = new Map((courses.data ?? []).map((c) => [c.id, c]));
  const rows = [...(requirements.data ?? [])].sort((a, b) => (courseById.get(a.courseId)?.title ?? '').localeCompare(courseById.get(b.courseId)?.title ?? '') || a.role.localeCompare(b.role));

  const interval = (r: TrainingRequirement) => {
    if (r.intervalMonths !== null) return t('literacy.courses.months', { count: r.intervalMonths });
    const validity = courseById.get(r.courseId)?.validityMonths ?? null;
    return validity === null ? t('literacy.requirements.once') : t('literacy.requirements.courseValidity', { months: validity });
  };

  const removeRequirement = (r: TrainingRequirement) => {
    remove.mutate(r.id, { onSuccess: () => notifications.show({ color: 'teal', message: t('literacy.requirements.removed', { course: courseById.get(r.courseId)?.title ?? '' }) }) });
  };

  return (
    <Stack gap="md">
      <TabHeading
        title={t('literacy.requirements.title')}
        intro={t('literacy.requirements.intro')}
        add={manage ? { label: t('literacy.requirements.create'), testId: 'requirement-create', onClick: () => setEditing('new'), disabled: (courses.data ?? []).length === 0 } : undefined}
      />
      <ErrorAlert error={remove.error} />
      {requirements.data === undefined || courses.data === undefined ? (
        requirements.isPending || courses.isPending ? <FullPageLoader /> : <ErrorAlert error={requirements.error ?? courses.error} />
      ) : (
        <Table striped data-testid="requirements-table">
          <caption className="visually-hidden">{t('literacy.requirements.title')}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('literacy.fields.course')}</Table.Th>
              <Table.Th>{t('literacy.fields.role')}</Table.Th>
              <Table.Th>{t('literacy.fields.unit')}</Table.Th>
              <Table.Th>{t('literacy.fields.intervalMonths')}</Table.Th>
              <Table.Th>{t('literacy.fields.graceDays')}</Table.Th>
              {manage ? <Table.Th>{t('common.actions')}</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={manage ? 6 : 5}>
                  <Text c="dimmed" ta="center" p="md">
                    {t('literacy.requirements.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : (
              rows.map((r) => {
                const title = courseById.get(r.courseId)?.title ?? '';
                return (
                  <Table.Tr key={r.id} data-testid={`requirement-row-${r.id}`}>
                    <Table.Td fw={500}>{title}</Table.Td>
                    <Table.Td>{t(`roles.${r.role}`)}</Table.Td>
                    <Table.Td>{r.orgUnitId === null ? t('literacy.requirements.everywhere') : t('literacy.requirements.withSubUnits', { unit: names.get(r.orgUnitId) ?? '' })}</Table.Td>
                    <Table.Td>{interval(r)}</Table.Td>
                    <Table.Td>{t('literacy.requirements.days', { count: r.graceDays })}</Table.Td>
                    {manage ? (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Button size="compact-xs" variant="subtle" leftSection={<IconPencil size={14} aria-hidden />} aria-label={t('literacy.requirements.editNamed', { course: title, role: t(`roles.${r.role}`) })} onClick={() => setEditing(r)}>
                            {t('common.edit')}
                          </Button>
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color="red"
                            c="red.9"
                            leftSection={<IconTrash size={14} aria-hidden />}
                            aria-label={t('literacy.requirements.removeNamed', { course: title, role: t(`roles.${r.role}`) })}
                            loading={remove.isPending && remove.variables === r.id}
                            onClick={() => removeRequirement(r)}
                          >
                            {t('literacy.requirements.remove')}
                          </Button>
                        </Group>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                );
              })
            )}
          </Table.Tbody>
        </Table>
      )}
      {editing === null || courses.data === undefined ? null : (
        <RequirementFormDrawer courses={courses.data} requirement={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}
