import { Group, Progress, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CatalogProgress, ProgressCounts } from '@konform/core';
import { localized } from '../catalogs/localized';
import { formatLegalRef } from '../../i18n/legal-ref';

function percent(part: number, total: number): number {
  return total === 0 ? 0 : (part / total) * 100;
}

/** Verified, implemented and in progress as one stacked bar; the numbers are written out beside it. */
function Bar({ counts, label }: { counts: ProgressCounts; label: string }) {
  const { t } = useTranslation();
  const done = counts.verified + counts.implemented;
  const summary = t('matrix.progressSummary', {
    verified: counts.verified,
    implemented: counts.implemented,
    inProgress: counts.inProgress,
    open: counts.open,
    notApplicable: counts.notApplicable,
    total: counts.total,
  });
  return (
    <div>
      <Group justify="space-between" gap="xs" mb={2}>
        <Text fz="sm" fw={500}>
          {label}
        </Text>
        <Text fz="xs" c="dimmed">
          {t('matrix.progressDone', { done, total: counts.total })}
        </Text>
      </Group>
      <Progress.Root size="md" aria-hidden>
        <Progress.Section value={percent(counts.verified, counts.total)} color="teal.7" />
        <Progress.Section value={percent(counts.implemented, counts.total)} color="yellow.5" />
        <Progress.Section value={percent(counts.inProgress, counts.total)} color="blue.4" />
      </Progress.Root>
      <Text fz="xs" c="dimmed" mt={2}>
        {summary}
      </Text>
    </div>
  );
}

/** Progress per catalogue and, on request, per chapter. */
export function MatrixProgress({ progress, catalogTitle }: { progress: CatalogProgress[]; catalogTitle: (id: string) => string }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Stack gap="md">
      {progress.map((p) => (
        <div key={p.catalogId}>
          <Bar counts={p} label={catalogTitle(p.catalogId)} />
          {p.groups.length > 0 ? (
            <>
              <UnstyledButton className="link-button" aria-expanded={open === p.catalogId} onClick={() => setOpen(open === p.catalogId ? null : p.catalogId)} mt={4}>
                {open === p.catalogId ? <IconChevronDown size={14} aria-hidden /> : <IconChevronRight size={14} aria-hidden />}
                {t('matrix.perChapter')}
              </UnstyledButton>
              {open === p.catalogId ? (
                <Stack gap="xs" mt="xs" pl="md">
                  {p.groups.map((g) => (
                    <Bar key={g.requirementId} counts={g} label={`${formatLegalRef(g.ref, i18n.language)} ${localized(g.title, i18n.language)}`} />
                  ))}
                </Stack>
              ) : null}
            </>
          ) : null}
        </div>
      ))}
    </Stack>
  );
}
