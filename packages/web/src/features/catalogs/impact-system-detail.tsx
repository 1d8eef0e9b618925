import type { ReactNode } from 'react';
import { Anchor, Badge, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ImpactRow, SystemImpact } from '@konform/core';
import { formatDate } from '../../i18n/format';
import { RequirementStatusBadge } from '../requirements/requirement-status-badge';
import { ImpactRowsTable, type ImpactColumn } from './impact-rows-table';
import { systemMatrixHref } from './impact-summary-table';

const NOWRAP = { style: { whiteSpace: 'nowrap' } } as const;

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
  const status: ImpactColumn<ImpactRow> = {
    key: 'status',
    header: t('matrix.statusColumn'),
    cell: (row) => <RequirementStatusBadge status={row.status} />,
  };
  const dueBefore: ImpactColumn<ImpactRow> = { key: 'before', header: t('catalogs.impact.dueBefore'), td: NOWRAP, cell: (row) => formatDate(row.before, lang) };
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
            <ImpactRowsTable
              rows={impact.appear}
              caption={t('catalogs.impact.appearCaption', { name })}
              columns={[{ key: 'after', header: t('catalogs.impact.dueFrom'), th: { w: '10rem' }, td: NOWRAP, cell: (row) => formatDate(row.after, lang) }]}
            />
          </Block>
        ) : null}
        {impact.disappear.length > 0 ? (
          <Block title={t('catalogs.impact.disappear', { count: impact.disappear.length })}>
            {impact.disappear.some((row) => row.removed) ? (
              <Text fz="xs" c="dimmed" mb={4}>
                {t('catalogs.impact.removedHint')}
              </Text>
            ) : null}
            <ImpactRowsTable
              rows={impact.disappear}
              caption={t('catalogs.impact.disappearCaption', { name })}
              columns={[
                status,
                { key: 'evidence', header: t('matrix.evidenceCount'), th: { ta: 'right' }, td: { ta: 'right' }, cell: (row) => row.evidenceCount },
                dueBefore,
                {
                  key: 'outcome',
                  header: t('catalogs.impact.outcome'),
                  cell: (row) =>
                    row.removed ? (
                      <Badge variant="outline" color="gray.8" size="sm" miw="max-content">
                        {row.status !== 'open' || row.evidenceCount > 0 ? t('catalogs.impact.keptReadOnly') : t('catalogs.impact.removed')}
                      </Badge>
                    ) : (
                      <Text fz="xs">{t('catalogs.impact.noLongerApplies')}</Text>
                    ),
                },
              ]}
            />
          </Block>
        ) : null}
        {impact.dueDateChanged.length > 0 ? (
          <Block title={t('catalogs.impact.dueDateChanged', { count: impact.dueDateChanged.length })}>
            <ImpactRowsTable
              rows={impact.dueDateChanged}
              caption={t('catalogs.impact.dueDateCaption', { name })}
              columns={[
                status,
                dueBefore,
                { key: 'after', header: t('catalogs.impact.dueAfter'), td: { ...NOWRAP, fw: 600 }, cell: (row) => formatDate(row.after, lang) },
              ]}
            />
          </Block>
        ) : null}
      </Stack>
    </Paper>
  );
}
