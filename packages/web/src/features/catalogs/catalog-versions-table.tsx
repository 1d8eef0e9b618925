import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CatalogVersionEntry } from '@konform/core';
import { formatDateTime } from '../../i18n/format';
import { reviewHref } from './catalog-update-queries';
import { VersionStateBadge } from './version-state-badge';

interface Props {
  versions: CatalogVersionEntry[];
  activeVersion: string | null;
  /** Compare this version with the active one (below the table). */
  onCompare: (version: string) => void;
}

/** The stored versions of a catalogue, newest first: state, source file, who imported and who decided. */
export function CatalogVersionsTable({ versions, activeVersion, onCompare }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Table.ScrollContainer minWidth={860} type="native">
      <Table verticalSpacing="xs" fz="sm" striped data-testid="catalog-versions">
        <caption className="visually-hidden">{t('catalogs.versionsTable.caption')}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('catalogs.version')}</Table.Th>
            <Table.Th>{t('catalogs.versionsTable.state')}</Table.Th>
            <Table.Th>{t('catalogs.import.format')}</Table.Th>
            <Table.Th>{t('catalogs.versionsTable.fileName')}</Table.Th>
            <Table.Th>{t('catalogs.versionsTable.imported')}</Table.Th>
            <Table.Th>{t('catalogs.versionsTable.decided')}</Table.Th>
            <Table.Th>
              <span className="visually-hidden">{t('common.actions')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.map((v) => (
            <Table.Tr key={v.version}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{v.version}</Table.Td>
              <Table.Td>
                <VersionStateBadge state={v.state} />
              </Table.Td>
              <Table.Td>{t(`catalogs.formats.${v.format}`)}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{v.fileName ?? '–'}</Table.Td>
              <Table.Td>
                {v.importedBy}
                <Text fz="xs" c="dimmed">
                  {formatDateTime(v.importedAt, lang)}
                </Text>
              </Table.Td>
              <Table.Td>
                {v.decidedBy ?? '–'}
                {v.decidedAt !== null ? (
                  <Text fz="xs" c="dimmed">
                    {formatDateTime(v.decidedAt, lang)}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {v.state === 'proposed' ? (
                  <Anchor component={Link} to={reviewHref(v.catalogId, v.version)} fz="sm" aria-label={t('catalogs.versionsTable.reviewNamed', { version: v.version })}>
                    {t('catalogs.pending.review')}
                  </Anchor>
                ) : (
                  <Anchor component={Link} to={reviewHref(v.catalogId, v.version)} fz="sm" aria-label={t('catalogs.versionsTable.detailsNamed', { version: v.version })}>
                    {t('catalogs.versionsTable.details')}
                  </Anchor>
                )}
                {activeVersion !== null && v.version !== activeVersion ? (
                  <Anchor component="button" type="button" fz="sm" ml="sm" onClick={() => onCompare(v.version)} aria-label={t('catalogs.versionsTable.compareNamed', { version: v.version, active: activeVersion })}>
                    {t('catalogs.versionsTable.compare')}
                  </Anchor>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
