import { Anchor, Paper, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../i18n/format';
import { reviewHref, usePendingUpdates } from './catalog-update-queries';
import { localized } from './localized';

/** Proposed catalogue versions waiting for a decision, each linking to its review; nothing when there are none. */
export function PendingUpdates() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const query = usePendingUpdates();
  const items = query.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="pending-updates-title" data-testid="pending-updates">
      <Title order={2} fz="lg" id="pending-updates-title">
        {t('catalogs.pending.title')}
      </Title>
      <Text fz="sm" c="dimmed" mb="sm">
        {t('catalogs.pending.intro')}
      </Text>
      <Table.ScrollContainer minWidth={720} type="native">
        <Table verticalSpacing="xs" fz="sm" striped>
          <caption className="visually-hidden">{t('catalogs.pending.title')}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('catalogs.catalog')}</Table.Th>
              <Table.Th>{t('catalogs.version')}</Table.Th>
              <Table.Th>{t('catalogs.import.format')}</Table.Th>
              <Table.Th>{t('catalogs.versionsTable.fileName')}</Table.Th>
              <Table.Th>{t('catalogs.versionsTable.imported')}</Table.Th>
              <Table.Th>
                <span className="visually-hidden">{t('common.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((v) => {
              const title = localized(v.title, lang);
              return (
                <Table.Tr key={`${v.catalogId}@${v.version}`}>
                  <Table.Td>
                    {title}
                    <Text fz="xs" c="dimmed" className="hash">
                      {v.catalogId}
                    </Text>
                  </Table.Td>
                  <Table.Td>{v.version}</Table.Td>
                  <Table.Td>{t(`catalogs.formats.${v.format}`)}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{v.fileName ?? '–'}</Table.Td>
                  <Table.Td>
                    {v.importedBy}
                    <Text fz="xs" c="dimmed">
                      {formatDateTime(v.importedAt, lang)}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Anchor component={Link} to={reviewHref(v.catalogId, v.version)} fz="sm" aria-label={t('catalogs.pending.reviewNamed', { title, version: v.version })}>
                      {t('catalogs.pending.review')}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
