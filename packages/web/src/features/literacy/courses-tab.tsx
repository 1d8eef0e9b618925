import { useState } from 'react';
import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TrainingCourse } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { ErrorAlert } from '../../shared/error-alert';
import { CourseFormDrawer } from './course-form-drawer';
import { useCourses } from './literacy-queries';
import { topicNames } from './topic-labels';

/** The course catalogue; training.manage adds and changes courses in a drawer. */
export function CoursesTab() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const query = useCourses();
  const [editing, setEditing] = useState<TrainingCourse | 'new' | null>(null);
  const manage = can('training.manage');

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2} fz="h3">
            {t('literacy.courses.title')}
          </Title>
          <Text fz="sm" c="dimmed">
            {t('literacy.courses.intro')}
          </Text>
        </div>
        {manage ? (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')} data-testid="course-create">
            {t('literacy.courses.create')}
          </Button>
        ) : null}
      </Group>
      {query.data === undefined ? (
        query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped data-testid="courses-table">
            <caption className="visually-hidden">{t('literacy.courses.title')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('literacy.fields.title')}</Table.Th>
                <Table.Th>{t('literacy.fields.provider')}</Table.Th>
                <Table.Th>{t('literacy.fields.topics')}</Table.Th>
                <Table.Th>{t('literacy.fields.delivery')}</Table.Th>
                <Table.Th>{t('literacy.fields.durationHours')}</Table.Th>
                <Table.Th>{t('literacy.fields.validityMonths')}</Table.Th>
                <Table.Th>{t('literacy.fields.status')}</Table.Th>
                {manage ? <Table.Th>{t('common.actions')}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={manage ? 8 : 7}>
                    <Text c="dimmed" ta="center" p="md">
                      {t('literacy.courses.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ) : (
                query.data.map((course) => (
                  <Table.Tr key={course.id} data-testid={`course-row-${course.id}`}>
                    <Table.Td>
                      <Text fz="sm" fw={500}>
                        {course.title}
                      </Text>
                      {course.tags.length > 0 ? (
                        <Text fz="xs" c="dimmed">
                          {course.tags.join(', ')}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      {t(`literacy.providerKinds.${course.providerKind}`)}
                      {course.provider !== '' ? ` · ${course.provider}` : ''}
                    </Table.Td>
                    <Table.Td>
                      <Text fz="xs">{topicNames(course.topics, t)}</Text>
                    </Table.Td>
                    <Table.Td>{t(`literacy.deliveries.${course.delivery}`)}</Table.Td>
                    <Table.Td>{course.durationHours === null ? t('common.none') : t('literacy.courses.hours', { count: course.durationHours })}</Table.Td>
                    <Table.Td>{course.validityMonths === null ? t('literacy.courses.noExpiry') : t('literacy.courses.months', { count: course.validityMonths })}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={course.status === 'active' ? 'teal' : 'gray'} c="dark.9" size="sm">
                        {t(`literacy.courseStatus.${course.status}`)}
                      </Badge>
                    </Table.Td>
                    {manage ? (
                      <Table.Td>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          leftSection={<IconPencil size={14} aria-hidden />}
                          aria-label={t('literacy.courses.editNamed', { title: course.title })}
                          onClick={() => setEditing(course)}
                        >
                          {t('common.edit')}
                        </Button>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing === null ? null : <CourseFormDrawer course={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
