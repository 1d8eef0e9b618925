import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportIssue } from '@konform/core';

/**
 * The problems of an imported file, each with its place (`rows[7].title_en`, `line 12`). A long list scrolls inside a
 * focusable region, so keyboard users can scroll it too.
 */
export function ImportIssuesTable({ issues }: { issues: ImportIssue[] }) {
  const { t } = useTranslation();
  const caption = t('catalogs.import.errorsCaption', { count: issues.length });
  return (
    <div role="region" aria-label={caption} tabIndex={0} className="issues-scroll">
      <Table verticalSpacing={4} fz="sm" striped data-testid="import-errors">
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('catalogs.import.errorPath')}</Table.Th>
            <Table.Th>{t('catalogs.import.errorMessage')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {issues.map((issue, index) => (
            <Table.Tr key={`${index}:${issue.path}`}>
              <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                <Text component="code" fz="xs" className="hash">
                  {issue.path === '' ? '–' : issue.path}
                </Text>
              </Table.Td>
              <Table.Td>{issue.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
