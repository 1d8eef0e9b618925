import { useState } from 'react';
import { Alert, Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { CatalogAcceptResult } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { AcceptResultAlert } from './accept-result-alert';
import { CatalogDiffView } from './catalog-diff-view';
import { useCatalog } from './catalog-queries';
import { useCatalogDiff, useVersionPreview } from './catalog-update-queries';
import { localized } from './localized';
import { UpdateReviewSections } from './update-review-sections';
import { VersionDecision } from './version-decision';
import { previousVersionOf } from './version-order';
import { VersionStateBadge } from './version-state-badge';
import './catalogs.css';

/** A decided version (no preview any more): its diff against the version before it. */
function DecidedDiff({ catalogId, from, to }: { catalogId: string; from: string | null; to: string }) {
  const { t } = useTranslation();
  const diff = useCatalogDiff(catalogId, from ?? '', to);
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="review-diff-title">
      <Title order={2} fz="lg" id="review-diff-title" mb="sm">
        {from === null ? t('catalogs.review.diffTitle') : t('catalogs.review.diffAgainst', { version: from })}
      </Title>
      {from === null ? (
        <Text fz="sm" c="dimmed">
          {t('catalogs.review.noPrevious')}
        </Text>
      ) : diff.data === undefined ? (
        diff.isPending ? <FullPageLoader /> : <ErrorAlert error={diff.error} />
      ) : (
        <CatalogDiffView diff={diff.data} />
      )}
    </Paper>
  );
}

/**
 * /catalogs/:id/versions/:version – one stored version: header with from → to and state; for a proposed version the
 * preview (diff and impact on each AI system) with Accept and Discard for catalog.manage.
 */
export function VersionReviewPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { can } = useAuth();
  const { id = '', version = '' } = useParams();
  const detail = useCatalog(id);
  const [result, setResult] = useState<CatalogAcceptResult | null>(null);
  const entry = detail.data?.versions.find((v) => v.version === version);
  const proposed = entry?.state === 'proposed';
  const preview = useVersionPreview(id, version, result !== null || proposed);
  const title = entry === undefined ? undefined : localized(entry.title, lang);
  usePageTitle(title === undefined ? t('catalogs.review.pageTitle') : t('catalogs.review.title', { title, version }));

  if (detail.data === undefined) return detail.isPending ? <FullPageLoader /> : <ErrorAlert error={detail.error} />;
  const { activeVersion, versions } = detail.data;
  const back = (
    <Anchor component={Link} to={`/catalogs/${encodeURIComponent(id)}`} fz="sm">
      {t('catalogs.review.back')}
    </Anchor>
  );
  if (entry === undefined || title === undefined) {
    return (
      <Stack gap="md" maw={1100}>
        <div>{back}</div>
        <Alert color="gray" variant="light" role="alert">
          {t('catalogs.review.notFound', { version })}
        </Alert>
      </Stack>
    );
  }
  const diff = preview.data?.diff;
  const from = diff === undefined || diff === null ? (activeVersion === version ? null : activeVersion) : diff.from;

  return (
    <Stack gap="md" maw={1200}>
      <div>
        {back}
        <Title order={1} mt={4}>
          {t('catalogs.review.title', { title, version })}
        </Title>
        <Group gap="sm" mt={4} align="center">
          <VersionStateBadge state={entry.state} />
          <Text fz="sm" data-testid="review-from-to">
            {from === null ? t('catalogs.review.fromNone', { version }) : t('catalogs.review.fromTo', { from, to: version })}
          </Text>
        </Group>
        <Text c="dimmed" fz="xs" mt={4}>
          {[
            t(`catalogs.formats.${entry.format}`),
            entry.fileName,
            t('catalogs.review.importedBy', { name: entry.importedBy, at: formatDateTime(entry.importedAt, lang) }),
            entry.decidedBy === null ? null : t('catalogs.review.decidedBy', { name: entry.decidedBy, at: formatDateTime(entry.decidedAt, lang) }),
          ]
            .filter((s) => s !== null && s !== '')
            .join(' · ')}
        </Text>
      </div>
      {result !== null ? (
        <AcceptResultAlert title={t('catalogs.review.acceptedTitle', { version: result.version })}>
          {t('catalogs.review.acceptedCounts', { systems: result.systemsAffected, retired: result.retiredRows, restored: result.restoredRows })}{' '}
          <Anchor component={Link} to={`/catalogs/${encodeURIComponent(id)}`} fz="sm" underline="always">
            {t('catalogs.review.toCatalog')}
          </Anchor>
        </AcceptResultAlert>
      ) : null}
      {proposed && result === null ? (
        <Paper withBorder p="md">
          <Group justify="space-between" align="center">
            <Text fz="sm" maw={640}>
              {can('catalog.manage') ? t('catalogs.review.proposedManage') : t('catalogs.review.proposedRead')}
            </Text>
            {can('catalog.manage') && preview.data !== undefined ? (
              <VersionDecision catalogId={id} version={version} title={title} expectedActive={from} onAccepted={setResult} onReload={() => {
                  void detail.refetch();
                  void preview.refetch();
                }} />
            ) : null}
          </Group>
        </Paper>
      ) : null}
      {preview.data !== undefined && (proposed || result !== null) ? (
        <UpdateReviewSections preview={preview.data} />
      ) : proposed || result !== null ? (
        preview.isPending ? (
          <FullPageLoader />
        ) : (
          <ErrorAlert error={preview.error} />
        )
      ) : (
        <DecidedDiff catalogId={id} from={previousVersionOf(versions, version, activeVersion)} to={version} />
      )}
    </Stack>
  );
}
