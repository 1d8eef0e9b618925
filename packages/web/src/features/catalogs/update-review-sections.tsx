import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CatalogUpdatePreview } from '@konform/core';
import { CatalogDiffView } from './catalog-diff-view';
import { ImpactSummaryTable } from './impact-summary-table';
import { ImpactSystemDetail } from './impact-system-detail';

/** The two halves of a review: what changes in the catalogue, and what that does to each AI system's matrix. */
export function UpdateReviewSections({ preview }: { preview: CatalogUpdatePreview }) {
  const { t } = useTranslation();
  return (
    <>
      <Paper withBorder p="lg" component="section" aria-labelledby="review-diff-title">
        <Title order={2} fz="lg" id="review-diff-title" mb="sm">
          {t('catalogs.review.diffTitle')}
        </Title>
        {preview.diff === null ? (
          <Text fz="sm" c="dimmed">
            {t('catalogs.review.noDiff')}
          </Text>
        ) : (
          <CatalogDiffView diff={preview.diff} />
        )}
      </Paper>
      <Paper withBorder p="lg" component="section" aria-labelledby="review-impact-title" data-testid="catalog-impact">
        <Title order={2} fz="lg" id="review-impact-title">
          {t('catalogs.impact.title')}
        </Title>
        <Text fz="sm" c="dimmed" mb="sm">
          {t('catalogs.impact.intro')}
        </Text>
        {preview.impact === null ? (
          <Text fz="sm" c="dimmed">
            {t('catalogs.impact.notComputed')}
          </Text>
        ) : (
          <Stack gap="md">
            <ImpactSummaryTable impact={preview.impact} />
            {preview.impact.systems.map((s) => (
              <ImpactSystemDetail key={s.systemId} impact={s} />
            ))}
          </Stack>
        )}
      </Paper>
    </>
  );
}
