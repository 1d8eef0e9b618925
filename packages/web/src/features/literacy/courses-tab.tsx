import { useState } from 'react';
import { Badge, Button, Stack, Table, Text } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TrainingCourse } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { ErrorAlert } from '../../shared/error-alert';
import { RegisterTable } from '../../shared/register-table';
import { CourseFormDrawer } from './course-form-drawer';
import { useCourses } from './literacy-queries';
import { TabHeading } from './tab-heading';
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
      <TabHeading
        title={t('literacy.courses.title')}
        intro={t('literacy.courses.intro')}
        add={manage ? { label: t('literacy.courses.create'), testId: 'course-create', onClick: () => setEditing('new') } : undefined}
      />
      {query.data === undefined ? (
        query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />
      ) : (
        <RegisterTable
          testId="courses-table"
          caption={t('literacy.courses.title')}
          columns={manage ? 8 : 7}
          empty={t('literacy.courses.empty')}
          minWidth={800}
          highlightOnHover={false}
          scrollWhenEmpty
          head={
            <>
              <Table.Th>{t('literacy.fields.title')}</Table.Th>
              <Table.Th>{t('literacy.fields.provider')}</Table.Th>
              <Table.Th>{t('literacy.fields.topics')}</Table.Th>
              <Table.Th>{t('literacy.fields.delivery')}</Table.Th>
              <Table.Th>{t('literacy.fields.durationHours')}</Table.Th>
              <Table.Th>{t('literacy.fields.validityMonths')}</Table.Th>
              <Table.Th>{t('literacy.fields.status')}</Table.Th>
              {manage ? <Table.Th>{t('common.actions')}</Table.Th> : null}
            </>
          }
          rows={query.data.map((course) => (
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
          ))}
        />
      )}
      {editing === null ? null : <CourseFormDrawer course={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
