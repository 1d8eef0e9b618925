import type { ReactNode } from 'react';
import { Anchor, Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ImpactRow, SystemImpact } from '@konform/core';
import { formatDate } from '../../i18n/format';
import { formatLegalRef } from '../../i18n/legal-ref';
import { RequirementStatusBadge } from '../requirements/requirement-status-badge';
import { systemMatrixHref } from './impact-summary-table';
import { localized } from './localized';

function RefCells({ row }: { row: ImpactRow }) {
  const { i18n } = useTranslation();
  return (
    <>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatLegalRef(row.ref, i18n.language)}</Table.Td>
      <Table.Td>{localized(row.title, i18n.language)}</Table.Td>
    </>
  );
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div>
      <Title order={4} fz="sm" mb={4}>
        {title}
      </Title>
      {children}
    </div>
  );
}

/** One AI system's rows that appear, disappear (removed ones kept read-only) or move to another due date. */
export function ImpactSystemDetail({ impact }: { impact: SystemImpact }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const name = impact.name;
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={`impact-${impact.systemId}`} data-testid="impact-system">
      <Title order={3} fz="md" id={`impact-${impact.systemId}`}>
        <Anchor component={Link} to={systemMatrixHref(impact.systemId)} fz="md" fw={600}>
          {name}
        </Anchor>
      </Title>
      <Text fz="xs" c="dimmed" mb="sm">
        {impact.orgUnitName}
      </Text>
      <Stack gap="md">
        {impact.appear.length > 0 ? (
          <Block title={t('catalogs.impact.appear', { count: impact.appear.length })}>
            <Table verticalSpacing={4} fz="sm" striped>
              <caption className="visually-hidden">{t('catalogs.impact.appearCaption', { name })}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w="10rem">{t('matrix.ref')}</Table.Th>
                  <Table.Th>{t('matrix.requirement')}</Table.Th>
                  <Table.Th w="10rem">{t('catalogs.impact.dueFrom')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {impact.appear.map((row) => (
                  <Table.Tr key={row.requirementId}>
                    <RefCells row={row} />
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(row.after, lang)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Block>
        ) : null}
        {impact.disappear.length > 0 ? (
          <Block title={t('catalogs.impact.disappear', { count: impact.disappear.length })}>
            {impact.disappear.some((row) => row.removed) ? (
              <Text fz="xs" c="dimmed" mb={4}>
                {t('catalogs.impact.removedHint')}
              </Text>
            ) : null}
            <Table verticalSpacing={4} fz="sm" striped>
              <caption className="visually-hidden">{t('catalogs.impact.disappearCaption', { name })}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w="10rem">{t('matrix.ref')}</Table.Th>
                  <Table.Th>{t('matrix.requirement')}</Table.Th>
                  <Table.Th>{t('matrix.statusColumn')}</Table.Th>
                  <Table.Th ta="right">{t('matrix.evidenceCount')}</Table.Th>
                  <Table.Th>{t('catalogs.impact.dueBefore')}</Table.Th>
                  <Table.Th>{t('catalogs.impact.outcome')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {impact.disappear.map((row) => (
                  <Table.Tr key={row.requirementId}>
                    <RefCells row={row} />
                    <Table.Td>
                      <RequirementStatusBadge status={row.status} />
                    </Table.Td>
                    <Table.Td ta="right">{row.evidenceCount}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(row.before, lang)}</Table.Td>
                    <Table.Td>
                      {row.removed ? (
                        <Badge variant="outline" color="gray.8" size="sm" miw="max-content">
                          {row.status !== 'open' || row.evidenceCount > 0 ? t('catalogs.impact.keptReadOnly') : t('catalogs.impact.removed')}
                        </Badge>
                      ) : (
                        <Text fz="xs">{t('catalogs.impact.noLongerApplies')}</Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Block>
        ) : null}
        {impact.dueDateChanged.length > 0 ? (
          <Block title={t('catalogs.impact.dueDateChanged', { count: impact.dueDateChanged.length })}>
            <Table verticalSpacing={4} fz="sm" striped>
              <caption className="visually-hidden">{t('catalogs.impact.dueDateCaption', { name })}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w="10rem">{t('matrix.ref')}</Table.Th>
                  <Table.Th>{t('matrix.requirement')}</Table.Th>
                  <Table.Th>{t('matrix.statusColumn')}</Table.Th>
                  <Table.Th>{t('catalogs.impact.dueBefore')}</Table.Th>
                  <Table.Th>{t('catalogs.impact.dueAfter')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {impact.dueDateChanged.map((row) => (
                  <Table.Tr key={row.requirementId}>
                    <RefCells row={row} />
                    <Table.Td>
                      <RequirementStatusBadge status={row.status} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(row.before, lang)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }} fw={600}>
                      {formatDate(row.after, lang)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Block>
        ) : null}
      </Stack>
    </Paper>
  );
}
