import { Group, NativeSelect, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CatalogVersionEntry } from '@konform/core';
import { FullPageLoader } from '../../app/route-guards';
import { ErrorAlert } from '../../shared/error-alert';
import { CatalogDiffView } from './catalog-diff-view';
import { useCatalogDiff } from './catalog-update-queries';

interface Props {
  catalogId: string;
  versions: CatalogVersionEntry[];
  activeVersion: string | null;
  from: string;
  to: string;
  onChange: (from: string, to: string) => void;
}

/** Any two versions side by side: the same diff as on the review page, from the diff endpoint. */
export function CompareVersions({ catalogId, versions, activeVersion, from, to, onChange }: Props) {
  const { t } = useTranslation();
  const known = versions.map((v) => v.version);
  const all = activeVersion !== null && !known.includes(activeVersion) ? [activeVersion, ...known] : known;
  const diff = useCatalogDiff(catalogId, from, to);
  if (all.length < 2) return null;
  const options = [{ value: '', label: t('catalogs.compare.choose') }, ...all.map((v) => ({ value: v, label: v === activeVersion ? t('catalogs.compare.activeOption', { version: v }) : v }))];

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="compare-title" data-testid="compare-versions">
      <Title order={2} fz="lg" id="compare-title" mb="xs" tabIndex={-1}>
        {t('catalogs.compare.title')}
      </Title>
      <Group gap="md" align="flex-end" mb="md">
        <NativeSelect label={t('catalogs.compare.from')} value={from} data={options} onChange={(e) => onChange(e.currentTarget.value, to)} />
        <NativeSelect label={t('catalogs.compare.to')} value={to} data={options} onChange={(e) => onChange(from, e.currentTarget.value)} />
      </Group>
      {from === '' || to === '' ? (
        <Text fz="sm" c="dimmed">
          {t('catalogs.compare.hint')}
        </Text>
      ) : from === to ? (
        <Text fz="sm" c="dimmed">
          {t('catalogs.compare.same')}
        </Text>
      ) : diff.data === undefined ? (
        diff.isPending ? <FullPageLoader /> : <ErrorAlert error={diff.error} />
      ) : (
        <CatalogDiffView diff={diff.data} />
      )}
    </Paper>
  );
}
