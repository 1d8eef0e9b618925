import { Alert, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';

interface Props {
  error: unknown;
  /** Problem codes (or HTTP statuses as strings) with their own explanation, e.g. `{ 'nothing-open': t(...) }`. */
  known?: Record<string, string>;
  testId: string;
}

/**
 * A refused import or export in words: a known reason as its own sentence; a file the server refused with a list of
 * problems as a table of JSON paths and messages; anything else through the common error alert.
 */
export function ExchangeProblem({ error, known = {}, testId }: Props) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  if (!isApiError(error)) return <ErrorAlert error={error} />;
  const explained = known[error.code ?? ''] ?? known[String(error.status)];
  if (explained !== undefined) {
    return (
      <Alert color="yellow" variant="light" role="status" data-testid={testId}>
        <Text fz="sm">{explained}</Text>
      </Alert>
    );
  }
  const problems = error.problem.errors ?? [];
  if (problems.length === 0) return <ErrorAlert error={error} />;
  return (
    <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle size={18} aria-hidden />} title={t('exchange.problemsTitle')} data-testid={testId}>
      <Text fz="sm">{error.problem.detail ?? error.problem.title}</Text>
      <Text fz="sm" mt={4}>{t('exchange.problemsIntro')}</Text>
      <Table mt={4} fz="sm" withRowBorders={false} verticalSpacing={2}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('exchange.path')}</Table.Th>
            <Table.Th>{t('exchange.message')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {problems.map((p) => (
            <Table.Tr key={`${p.path}:${p.message}`}>
              <Table.Td ff="monospace" fz="xs" style={{ overflowWrap: 'anywhere' }}>{p.path}</Table.Td>
              <Table.Td>{p.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Alert>
  );
}
