import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { QmsCoverageDocument, QmsCoverageRow } from '@konform/core';
import { formatLegalRef } from '../../i18n/legal-ref';
import { localized } from '../catalogs/localized';
import { CoverageBadge } from './qms-badges';
import './qms.css';

/** How a document covers a row, in words: released (version n), review overdue, or only a draft. */
function DocumentLink({ document }: { document: QmsCoverageDocument }) {
  const { t } = useTranslation();
  const how =
    document.state === 'draft'
      ? t('qms.coverage.docStates.draft')
      : document.state === 'overdue'
        ? t('qms.coverage.docStates.overdue', { number: document.releasedNumber ?? 0 })
        : t('qms.coverage.docStates.released', { number: document.releasedNumber ?? 0 });
  return (
    <Text fz="sm" data-doc-state={document.state}>
      <Anchor component={Link} to={`/qms/documents/${document.id}`} fz="sm">
        {document.title}
      </Anchor>{' '}
      <Text span fz="xs" c="dimmed">
        ({how})
      </Text>
    </Text>
  );
}

interface Props {
  rows: readonly QmsCoverageRow[];
  caption: string;
  /** Art. 17 references are shown in the German citation style in German. */
  legal?: boolean;
  testId: string;
}

/** The coverage matrix of one framework: each element or clause, its state in words, and the documents that cover it. */
export function CoverageTable({ rows, caption, legal = false, testId }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped withTableBorder data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('qms.coverage.columns.requirement')}</Table.Th>
            <Table.Th scope="col">{t('qms.coverage.columns.state')}</Table.Th>
            <Table.Th scope="col">{t('qms.coverage.columns.documents')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key} data-testid={`${testId}-${legal ? row.key : row.ref}`} data-state={row.state}>
              <Table.Th scope="row" fw={row.level === 1 ? 600 : 400} className={row.level > 1 ? `qms-coverage-level-${Math.min(3, row.level)}` : undefined} style={{ whiteSpace: 'normal' }}>
                <Text span fz="sm" fw={600} mr={6}>
                  {legal ? formatLegalRef(row.ref, lang) : row.ref}
                </Text>
                <Text span fz="sm">
                  {localized(row.title, lang)}
                </Text>
              </Table.Th>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <CoverageBadge state={row.state} />
              </Table.Td>
              <Table.Td>
                {row.documents.length === 0 ? (
                  <Text fz="sm" c="dimmed">
                    {t('qms.coverage.noDocuments')}
                  </Text>
                ) : (
                  <Stack gap={2}>
                    {row.documents.map((d) => (
                      <DocumentLink key={d.id} document={d} />
                    ))}
                  </Stack>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
