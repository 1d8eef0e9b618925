import { Alert, Stack, Table, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { FullPageLoader } from '../../app/route-guards';
import { formatDate } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { roleNames } from '../risks/role-names';
import { useMyStatus } from './literacy-queries';
import { CourseStateCell, SummaryText } from './training-state';

/** The signed-in user's required courses: state, due dates, last completion. */
export function MyTrainingsTab() {
  const { t, i18n } = useTranslation();
  const query = useMyStatus();
  if (query.data === undefined) return query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />;
  const status = query.data;
  return (
    <Stack gap="md">
      <div>
        <Title order={2} fz="h3">
          {t('literacy.mine.title')}
        </Title>
        <Text fz="sm" c="dimmed" data-testid="literacy-my-summary">
          <SummaryText summary={status.summary} />
        </Text>
      </div>
      {status.courses.length === 0 ? (
        <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
          {t('literacy.mine.none')}
        </Alert>
      ) : (
        <Table striped data-testid="literacy-my-table">
          <caption className="visually-hidden">{t('literacy.mine.caption')}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('literacy.fields.course')}</Table.Th>
              <Table.Th>{t('literacy.fields.state')}</Table.Th>
              <Table.Th>{t('literacy.fields.lastCompleted')}</Table.Th>
              <Table.Th>{t('literacy.fields.requiredFor')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {status.courses.map((course) => (
              <Table.Tr key={course.courseId} data-testid={`literacy-my-row-${course.courseId}`}>
                <Table.Td fw={500}>{course.courseTitle}</Table.Td>
                <Table.Td>
                  <CourseStateCell course={course} />
                </Table.Td>
                <Table.Td>{formatDate(course.lastCompletedOn, i18n.language)}</Table.Td>
                <Table.Td>{roleNames(course.roles, t)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Text fz="xs" c="dimmed">
        {t('literacy.mine.rule')}
      </Text>
    </Stack>
  );
}
