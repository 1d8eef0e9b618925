import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CatalogImpact } from '@konform/core';

export function systemMatrixHref(systemId: string): string {
  return `/systems/${encodeURIComponent(systemId)}?tab=matrix`;
}

/** The AI systems an update touches, one line each with its counts, and the totals underneath. */
export function ImpactSummaryTable({ impact }: { impact: CatalogImpact }) {
  const { t } = useTranslation();
  if (impact.systems.length === 0) {
    return (
      <Text fz="sm" c="dimmed" data-testid="impact-none">
        {t('catalogs.impact.none')}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560} type="native">
      <Table verticalSpacing={4} fz="sm" striped data-testid="impact-summary">
        <caption className="visually-hidden">{t('catalogs.impact.summaryCaption')}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('catalogs.impact.system')}</Table.Th>
            <Table.Th>{t('catalogs.impact.unit')}</Table.Th>
            <Table.Th ta="right">{t('catalogs.impact.appearCount')}</Table.Th>
            <Table.Th ta="right">{t('catalogs.impact.disappearCount')}</Table.Th>
            <Table.Th ta="right">{t('catalogs.impact.dueDateCount')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {impact.systems.map((s) => (
            <Table.Tr key={s.systemId}>
              <Table.Td>
                <Anchor component={Link} to={systemMatrixHref(s.systemId)} fz="sm">
                  {s.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{s.orgUnitName}</Table.Td>
              <Table.Td ta="right">{s.appear.length}</Table.Td>
              <Table.Td ta="right">{s.disappear.length}</Table.Td>
              <Table.Td ta="right">{s.dueDateChanged.length}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row" colSpan={2}>
              {t('catalogs.impact.totals', { count: impact.totals.systems })}
            </Table.Th>
            <Table.Td ta="right" fw={600}>
              {impact.totals.appear}
            </Table.Td>
            <Table.Td ta="right" fw={600}>
              {impact.totals.disappear}
            </Table.Td>
            <Table.Td ta="right" fw={600}>
              {impact.totals.dueDateChanged}
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
