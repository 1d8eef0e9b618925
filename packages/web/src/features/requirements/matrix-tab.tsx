import { useMemo, useState } from 'react';
import { Alert, Anchor, Badge, Button, Checkbox, Group, List, NativeSelect, Paper, Stack, Switch, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { REQUIREMENT_STATUSES, type AiSystem, type SystemRequirement } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { formatDate } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { useCatalogs } from '../catalogs/catalog-queries';
import { localized, requirementHref } from '../catalogs/localized';
import { MatrixExportButtons } from './matrix-export-buttons';
import { systemMatrixExportUrl } from './matrix-export-urls';
import { MatrixProgress } from './matrix-progress';
import { RequirementRowDrawer } from './requirement-row-drawer';
import { SoaDialog } from './soa-dialog';
import { useRequirementMatrix } from './requirement-queries';
import { RequirementStatusBadge } from './requirement-status-badge';
import { RetiredRequirements } from './retired-requirements';
import { whyText } from './why-text';
import '../catalogs/catalogs.css';
import { formatLegalRef } from '../../i18n/legal-ref';

const DEFAULT_CATALOG = 'eu-ai-act';

function Why({ row }: { row: SystemRequirement }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (row.why.length === 0) return <Text fz="xs" c="dimmed">{row.applies ? t('matrix.whyAlways') : t('common.none')}</Text>;
  return (
    <div>
      <UnstyledButton className="link-button" aria-expanded={open} onClick={() => setOpen(!open)} fz="xs" style={{ whiteSpace: 'nowrap' }}>
        {open ? <IconChevronDown size={12} aria-hidden /> : <IconChevronRight size={12} aria-hidden />}
        {row.applies ? t('matrix.whyApplies', { count: row.why.length }) : t('matrix.whyNot', { count: row.why.length })}
      </UnstyledButton>
      {open ? (
        <List size="xs" spacing={0} mt={2}>
          {row.why.map((w) => (
            <List.Item key={w}>
              <Text component="span" fz="xs" title={w}>
                {whyText(w, t)}
              </Text>
            </List.Item>
          ))}
        </List>
      ) : null}
    </div>
  );
}

/** The system's compliance matrix (Anforderungsmatrix): basis, catalogues, progress, rows and the row editor. */
export function MatrixTab({ system }: { system: AiSystem }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const catalogs = useCatalogs();
  const [selected, setSelected] = useState<string[]>([DEFAULT_CATALOG]);
  const [showAll, setShowAll] = useState(false);
  const [status, setStatus] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [soa, setSoa] = useState(false);
  const params = { catalog: selected.join(','), applies: showAll ? 'all' : 'true', status };
  const query = useRequirementMatrix(system.id, params);
  const lang = i18n.language;
  const titles = useMemo(() => new Map((catalogs.data?.items ?? []).map((c) => [c.id, localized(c.title, lang)])), [catalogs.data, lang]);
  const catalogTitle = (id: string) => titles.get(id) ?? id;
  const regulatory = catalogs.data?.items ?? [];

  if (query.data === undefined) return query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />;
  const matrix = query.data;
  const row = editing === null ? undefined : matrix.items.find((r) => r.requirementId === editing);

  return (
    <Stack gap="lg">
      <Paper withBorder p="lg" component="section" aria-labelledby="matrix-title">
        <Group justify="space-between" align="flex-start" mb="sm">
          <Title order={2} id="matrix-title">
            {t('matrix.title')}
          </Title>
          <Group gap="md">
            <MatrixExportButtons label={t('matrix.export.label')} hrefOf={(format) => systemMatrixExportUrl(system.id, format, lang, showAll)} />
            <Button size="xs" variant="default" onClick={() => setSoa(true)}>
              {t('matrix.soa.open')}
            </Button>
            <Anchor component={Link} to="/catalogs" fz="sm">
              {t('matrix.toCatalogs')}
            </Anchor>
          </Group>
        </Group>
        {matrix.basis === 'approved' ? (
          <Text fz="sm">
            <Badge variant="dot" color="teal" c="gray.9" mr="xs">
              {t('matrix.basis.approved')}
            </Badge>
            {t('matrix.basisApproved', { number: matrix.revision ?? '–' })}
          </Text>
        ) : matrix.basis === 'draft' ? (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title={t('matrix.basis.draft')}>
            <Text fz="sm">{t('matrix.basisDraft', { number: matrix.revision ?? '–' })}</Text>
          </Alert>
        ) : (
          <Alert color="gray" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title={t('matrix.basis.none')}>
            <Text fz="sm">
              {t('matrix.basisNone')}{' '}
              <Anchor component={Link} to={can('classification.edit') ? `/systems/${system.id}/classification/edit` : `/systems/${system.id}?tab=classification`} fz="sm" underline="always">
                {t('matrix.classifyNow')}
              </Anchor>
            </Text>
          </Alert>
        )}
        <Group gap="lg" mt="md" align="flex-end" wrap="wrap">
          <Checkbox.Group label={t('matrix.catalogs')} value={selected} onChange={(value) => value.length > 0 && setSelected(value)}>
            <Group gap="md" mt={6}>
              {regulatory.map((c) => (
                <Checkbox key={c.id} value={c.id} label={localized(c.title, lang)} size="sm" />
              ))}
            </Group>
          </Checkbox.Group>
        </Group>
        <Group gap="lg" mt="md" align="flex-end">
          <NativeSelect
            label={t('matrix.filterStatus')}
            value={status}
            data={[{ value: '', label: t('common.all') }, ...REQUIREMENT_STATUSES.map((s) => ({ value: s, label: t(`matrix.status.${s}`) }))]}
            onChange={(e) => setStatus(e.currentTarget.value)}
          />
          <Switch label={t('matrix.showNotApplying')} checked={showAll} onChange={(e) => setShowAll(e.currentTarget.checked)} mb={6} />
        </Group>
      </Paper>
      {matrix.progress.length > 0 ? (
        <Paper withBorder p="lg" component="section" aria-labelledby="matrix-progress-title">
          <Title order={2} fz="lg" id="matrix-progress-title" mb="sm">
            {t('matrix.progress')}
          </Title>
          <MatrixProgress progress={matrix.progress} catalogTitle={catalogTitle} />
        </Paper>
      ) : null}
      <Paper withBorder aria-busy={query.isFetching}>
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing={6} horizontalSpacing="sm" fz="sm" striped highlightOnHover>
            <caption className="visually-hidden">{t('matrix.tableCaption')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('matrix.ref')}</Table.Th>
                <Table.Th style={{ minWidth: '18rem' }}>{t('matrix.requirement')}</Table.Th>
                <Table.Th>{t('matrix.statusColumn')}</Table.Th>
                <Table.Th>{t('matrix.why')}</Table.Th>
                <Table.Th>{t('matrix.appliesFrom')}</Table.Th>
                <Table.Th>{t('matrix.dueDate')}</Table.Th>
                <Table.Th>{t('matrix.owner')}</Table.Th>
                <Table.Th ta="right">{t('matrix.measuresCount')}</Table.Th>
                <Table.Th ta="right">{t('matrix.evidenceCount')}</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {matrix.items.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={10}>
                    <Text c="dimmed" ta="center" p="md">
                      {t('matrix.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ) : (
                matrix.items.map((r) => (
                  <Table.Tr key={r.requirementId} className={r.applies ? undefined : 'row-not-applying'}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Anchor component={Link} to={requirementHref(r.requirementId)} fz="sm">
                        {formatLegalRef(r.ref, lang)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      {localized(r.title, lang)}
                      {selected.length > 1 ? (
                        <Text fz="xs" c="dimmed">
                          {catalogTitle(r.catalogId)}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      {r.applies ? (
                        <RequirementStatusBadge status={r.status} />
                      ) : (
                        <Badge variant="outline" color="gray.7" size="sm" miw="max-content">
                          {t('matrix.notApplying')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Why row={r} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(r.appliesFrom, lang)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(r.dueDate, lang)}</Table.Td>
                    <Table.Td>{r.owner ?? '–'}</Table.Td>
                    <Table.Td ta="right">{r.measures.length}</Table.Td>
                    <Table.Td ta="right">{r.evidence.length}</Table.Td>
                    <Table.Td>
                      {r.applies ? (
                        <Button size="compact-xs" variant="light" onClick={() => setEditing(r.requirementId)} aria-label={t('matrix.editRow', { ref: formatLegalRef(r.ref, lang) })}>
                          {t('matrix.open')}
                        </Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text fz="sm" c="dimmed" p="sm" aria-live="polite">
          {t('matrix.resultCount', { count: matrix.items.length })}
        </Text>
      </Paper>
      <RetiredRequirements rows={matrix.retired ?? []} catalogTitle={catalogTitle} />
      {soa ? <SoaDialog systemId={system.id} onClose={() => setSoa(false)} /> : null}
      <RequirementRowDrawer system={system} row={row} onClose={() => setEditing(null)} catalogTitle={catalogTitle} />
    </Stack>
  );
}
