import { Alert, Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { ErrorAlert } from '../../shared/error-alert';
import { ActInForceCard } from './act-in-force-card';
import { CatalogBrowser } from './catalog-browser';
import { CatalogExportMenu } from './catalog-export-menu';
import { useCatalog } from './catalog-queries';
import { reviewHref } from './catalog-update-queries';
import { CatalogVersionsTable } from './catalog-versions-table';
import { CompareVersions } from './compare-versions';
import { localized } from './localized';
import './catalogs.css';

const AI_ACT = 'eu-ai-act';

/**
 * One catalogue: header with export, the AI Act's text version in force (for the AI Act), the stored versions with a
 * comparison of any two, and the active version as a filterable tree.
 */
export function CatalogDetailPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const catalog = useCatalog(id);
  const title = catalog.data === undefined ? undefined : localized(catalog.data.catalog.title, i18n.language);
  usePageTitle(title ?? t('catalogs.title'));
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';

  const compare = (nextFrom: string, nextTo: string) =>
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of [['from', nextFrom], ['to', nextTo]] as const) {
          if (value === '') next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );

  if (catalog.data === undefined) return catalog.isPending ? <FullPageLoader /> : <ErrorAlert error={catalog.error} />;
  const { catalog: doc, source, versions, activeVersion } = catalog.data;
  const proposed = versions.find((v) => v.state === 'proposed');

  return (
    <Stack gap="md" maw={1100}>
      <div>
        <Anchor component={Link} to="/catalogs" fz="sm">
          {t('catalogs.back')}
        </Anchor>
        <Group justify="space-between" align="flex-start" mt={4} wrap="nowrap">
          <div style={{ minWidth: 0 }}>
            <Title order={1}>{title}</Title>
            <Text c="dimmed" fz="sm">
              {[t(`catalogs.kinds.${doc.kind}`), t('catalogs.versionLabel', { version: doc.version }), doc.publisher, source === 'imported' ? t('catalogs.imported') : null]
                .filter((s) => s !== null && s !== '')
                .join(' · ')}
            </Text>
            <Text c="dimmed" fz="xs" mt={4}>
              {doc.licence}
            </Text>
          </div>
          {activeVersion !== null ? <CatalogExportMenu catalogId={id} /> : null}
        </Group>
      </div>
      {proposed !== undefined ? (
        <Alert color="orange" variant="light" title={t('catalogs.detail.proposedTitle', { version: proposed.version })}>
          <Text fz="sm">
            {activeVersion === null ? t('catalogs.detail.onlyProposed') : t('catalogs.detail.proposedText')}{' '}
            <Anchor component={Link} to={reviewHref(id, proposed.version)} fz="sm" underline="always">
              {t('catalogs.detail.toReview', { version: proposed.version })}
            </Anchor>
          </Text>
        </Alert>
      ) : null}
      {id === AI_ACT ? <ActInForceCard /> : null}
      {versions.length > 0 ? (
        <Paper withBorder p="md" component="section" aria-labelledby="catalog-versions-title">
          <Title order={2} fz="lg" id="catalog-versions-title" mb="sm">
            {t('catalogs.versionsTable.title')}
          </Title>
          <CatalogVersionsTable
            versions={versions}
            activeVersion={activeVersion}
            onCompare={(version) => {
              compare(version, activeVersion ?? '');
              window.requestAnimationFrame(() => document.getElementById('compare-title')?.focus());
            }}
          />
        </Paper>
      ) : null}
      {activeVersion !== null ? <CatalogBrowser id={id} /> : null}
      <CompareVersions catalogId={id} versions={versions} activeVersion={activeVersion} from={from} to={to} onChange={compare} />
    </Stack>
  );
}
