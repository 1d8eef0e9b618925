import { Badge, Group, Paper, Table, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { RetiredRequirement } from '@konform/core';
import { formatDateTime } from '../../i18n/format';
import { formatLegalRef } from '../../i18n/legal-ref';
import { localized } from '../catalogs/localized';
import { RequirementStatusBadge } from './requirement-status-badge';

/**
 * Rows whose requirement left its catalogue in an update: kept with status, owner and evidence as history, read-only
 * (no editor, no status change).
 */
export function RetiredRequirements({ rows, catalogTitle }: { rows: RetiredRequirement[]; catalogTitle: (id: string) => string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (rows.length === 0) return null;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="matrix-retired-title" data-testid="matrix-retired">
      <Group gap="xs" align="center">
        <IconLock size={18} aria-hidden />
        <Title order={2} fz="lg" id="matrix-retired-title">
          {t('matrix.retired.title')}
        </Title>
        <Badge variant="outline" color="gray.8" size="sm">
          {t('matrix.retired.readOnly')}
        </Badge>
      </Group>
      <Text fz="sm" c="dimmed" mt={4} mb="sm">
        {t('matrix.retired.intro')}
      </Text>
      <Table.ScrollContainer minWidth={760} type="native">
        <Table verticalSpacing={6} fz="sm">
          <caption className="visually-hidden">{t('matrix.retired.caption')}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('matrix.ref')}</Table.Th>
              <Table.Th>{t('matrix.requirement')}</Table.Th>
              <Table.Th>{t('matrix.statusColumn')}</Table.Th>
              <Table.Th>{t('matrix.retired.retiredIn')}</Table.Th>
              <Table.Th>{t('matrix.owner')}</Table.Th>
              <Table.Th ta="right">{t('matrix.evidenceCount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={`${r.catalogId}:${r.requirementId}`} className="row-retired">
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatLegalRef(r.ref, lang)}</Table.Td>
                <Table.Td>
                  {localized(r.title, lang)}
                  <Text fz="xs" c="dimmed">
                    {catalogTitle(r.catalogId)}
                  </Text>
                  {r.justification !== null && r.justification !== '' ? (
                    <Text fz="xs" c="dimmed">
                      {t('matrix.justificationShown', { text: r.justification })}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <RequirementStatusBadge status={r.status} />
                </Table.Td>
                <Table.Td>
                  {t('catalogs.versionLabel', { version: r.retiredInVersion })}
                  <Text fz="xs" c="dimmed">
                    {formatDateTime(r.retiredAt, lang)}
                  </Text>
                </Table.Td>
                <Table.Td>{r.owner ?? '–'}</Table.Td>
                <Table.Td ta="right">{r.evidence.length}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
