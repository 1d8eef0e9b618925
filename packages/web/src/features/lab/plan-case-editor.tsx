import { ActionIcon, Autocomplete, Checkbox, Group, MultiSelect, NativeSelect, Paper, SimpleGrid, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { LAB_COMPARATORS, LAB_DECISION_RULES, nextCaseKey, type CatalogRequirementItem, type LabComparator, type LabDecisionRule, type LabTestCase, type LabTestCaseInput, type ListPage, type SystemRequirementMatrix } from '@konform/core';
import { api, isApiError } from '../../api/client';
import { formatLegalRef } from '../../i18n/legal-ref';
import { catalogKeys, useCatalogs } from '../catalogs/catalog-queries';
import { localized } from '../catalogs/localized';
import { useVersions } from '../models/model-queries';
import { useRequirementLabels } from '../nonconformities/nonconformity-queries';
import { requirementKeys } from '../requirements/requirement-queries';
import { COMPARATOR_KEY, formatNumber } from './plan-badges';
import { useLabMethod } from './lab-queries';

/** A case as the form holds it: numbers as typed (a German decimal comma is fine), the dataset beside its version. */
export interface CaseDraft {
  key: string;
  name: string;
  description: string;
  metric: string;
  comparator: LabComparator;
  threshold: string;
  unit: string;
  decisionRule: LabDecisionRule;
  regressionTolerance: string;
  methodId: string;
  datasetId: string;
  datasetVersionId: string;
  mandatory: boolean;
  requirementKeys: string[];
}

export function emptyCase(taken: readonly CaseDraft[]): CaseDraft {
  return {
    key: nextCaseKey(taken.map((c) => c.key)), name: '', description: '', metric: '', comparator: '>=', threshold: '', unit: '', decisionRule: 'point-estimate',
    regressionTolerance: '', methodId: '', datasetId: '', datasetVersionId: '', mandatory: true, requirementKeys: [],
  };
}

export function draftOf(c: LabTestCase, language: string): CaseDraft {
  return {
    key: c.key, name: c.name, description: c.description, metric: c.metric, comparator: c.comparator, threshold: formatNumber(c.threshold, language), unit: c.unit,
    decisionRule: c.decisionRule, regressionTolerance: c.regressionTolerance === null ? '' : formatNumber(c.regressionTolerance, language), methodId: c.methodId,
    datasetId: c.datasetVersion?.itemId ?? '', datasetVersionId: c.datasetVersionId ?? '', mandatory: c.mandatory, requirementKeys: c.requirementKeys,
  };
}

/** A typed decimal number (0.92 or 0,92); null when empty, NaN when it is no number. */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^[+-]?(\d+([.,]\d*)?|[.,]\d+)(e[+-]?\d+)?$/i.test(trimmed) ? Number(trimmed.replace(',', '.')) : Number.NaN;
}

/** The checks the form can make itself, keyed like the server's errors (`cases.2.threshold`). */
export function caseErrors(cases: readonly CaseDraft[], t: TFunction): Record<string, string> {
  const errors: Record<string, string> = {};
  const seen = new Set<string>();
  cases.forEach((c, i) => {
    const at = (field: string, message: string) => (errors[`cases.${i}.${field}`] = message);
    if (c.key.trim() === '') at('key', t('common.required'));
    else if (seen.has(c.key.trim().toLowerCase())) at('key', t('labPlans.errors.keyTaken'));
    seen.add(c.key.trim().toLowerCase());
    if (c.name.trim() === '') at('name', t('common.required'));
    if (c.metric.trim() === '') at('metric', t('common.required'));
    const threshold = parseDecimal(c.threshold);
    if (threshold === null) at('threshold', t('common.required'));
    else if (!Number.isFinite(threshold)) at('threshold', t('labPlans.errors.number'));
    const tolerance = parseDecimal(c.regressionTolerance);
    if (tolerance !== null && !(Number.isFinite(tolerance) && tolerance >= 0)) at('regressionTolerance', t('labPlans.errors.tolerance'));
    if (c.methodId === '') at('methodId', t('common.required'));
  });
  return errors;
}

/** The request shape of a checked draft. */
export function inputOf(c: CaseDraft): LabTestCaseInput {
  return {
    key: c.key.trim(), name: c.name.trim(), description: c.description.trim(), metric: c.metric.trim(), comparator: c.comparator, threshold: parseDecimal(c.threshold) ?? 0,
    unit: c.unit.trim(), decisionRule: c.decisionRule, regressionTolerance: parseDecimal(c.regressionTolerance), datasetVersionId: c.datasetVersionId === '' ? null : c.datasetVersionId,
    methodId: c.methodId, mandatory: c.mandatory, requirementKeys: c.requirementKeys,
  };
}

/** The server's field errors in the user's language where the rule is known here, keyed by their full path. */
export function planFieldErrors(error: unknown, t: TFunction): Record<string, string> {
  if (!isApiError(error) || error.status !== 400) return {};
  const result: Record<string, string> = {};
  for (const { path, message } of error.problem.errors ?? []) {
    const parts = path.split('.');
    const field = parts[0] === 'cases' ? parts[2] : parts[0];
    result[path] =
      field === 'methodId' ? t('labPlans.errors.method')
      : field === 'datasetVersionId' ? t('labPlans.errors.datasetVersion')
      : field === 'requirementKeys' ? t('labPlans.errors.requirement')
      : field === 'key' ? t('labPlans.errors.keyTaken')
      : field === 'threshold' || field === 'regressionTolerance' ? t('labPlans.errors.number')
      : message;
  }
  return result;
}

export interface Option {
  value: string;
  label: string;
}

/**
 * Requirements to pick from: a system's compliance matrix, or for a model every catalogue in force. Keys chosen
 * before stay selectable with their reference and title.
 */
export function useRequirementOptions(systemId: string, chosen: readonly string[]): Option[] {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const matrix = useQuery({
    queryKey: requirementKeys.matrix(systemId, {}),
    queryFn: () => api.get<SystemRequirementMatrix>(`/systems/${systemId}/requirements`),
    enabled: systemId !== '',
  });
  const catalogs = useCatalogs();
  const catalogIds = systemId === '' ? (catalogs.data?.items ?? []).map((c) => c.id) : [];
  const perCatalog = useQueries({
    queries: catalogIds.map((id) => ({
      queryKey: catalogKeys.requirements(id, {}),
      queryFn: () => api.get<ListPage<CatalogRequirementItem>>(`/catalogs/${encodeURIComponent(id)}/requirements`, { limit: 2000 }),
      staleTime: 60_000,
    })),
  });
  const labels = useRequirementLabels(chosen);
  const label = (r: { ref: string; title: { de: string; en: string } }) => `${formatLegalRef(r.ref, lang)} – ${localized(r.title, lang)}`;
  const rows: Option[] =
    systemId !== ''
      ? (matrix.data?.items ?? []).map((r) => ({ value: r.requirementId, label: label(r) }))
      : perCatalog.flatMap((q) => (q.data?.items ?? []).filter((r) => r.kind === 'requirement').map((r) => ({ value: r.key, label: `${r.catalogId} · ${label(r)}` })));
  for (const key of chosen) {
    if (rows.some((r) => r.value === key)) continue;
    const known = labels.get(key);
    rows.push({ value: key, label: known === undefined ? key : label(known) });
  }
  return rows;
}

interface Props {
  value: CaseDraft;
  index: number;
  count: number;
  errors: Record<string, string>;
  methods: Option[];
  datasets: Option[];
  requirements: Option[];
  onChange: (change: Partial<CaseDraft>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

/** One test case of the form: what is measured, the criterion fixed before testing, method, data and requirements. */
export function CaseEditor({ value: c, index, count, errors, methods, datasets, requirements, onChange, onMove, onRemove }: Props) {
  const { t } = useTranslation();
  const method = useLabMethod(c.methodId);
  const versions = useVersions('dataset', c.datasetId);
  const metrics = method.data?.configuration.metrics ?? [];
  const error = (field: string) => errors[`cases.${index}.${field}`];
  const requirementError = Object.entries(errors).find(([path]) => path.startsWith(`cases.${index}.requirementKeys`))?.[1];
  const id = `lab-plan-case-${index}`;
  const label = c.key.trim() || String(index + 1);

  return (
    <Paper withBorder p="md" component="fieldset" aria-labelledby={`${id}-title`} style={{ margin: 0 }} data-testid={id}>
      <Group justify="space-between" mb="sm">
        <Title order={3} fz="md" id={`${id}-title`}>
          {t('labPlans.form.caseTitle', { key: label, name: c.name.trim() || t('labPlans.form.newCase') })}
        </Title>
        <Group gap={4}>
          <ActionIcon variant="subtle" size="lg" aria-label={t('labPlans.form.moveUp', { key: label })} disabled={index === 0} onClick={() => onMove(-1)}>
            <IconArrowUp size={16} aria-hidden />
          </ActionIcon>
          <ActionIcon variant="subtle" size="lg" aria-label={t('labPlans.form.moveDown', { key: label })} disabled={index === count - 1} onClick={() => onMove(1)}>
            <IconArrowDown size={16} aria-hidden />
          </ActionIcon>
          <ActionIcon variant="subtle" color="red" c="red.9" size="lg" aria-label={t('labPlans.form.removeCase', { key: label })} onClick={onRemove}>
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label={t('labPlans.fields.key')} required maxLength={40} value={c.key} error={error('key')} aria-invalid={error('key') !== undefined} onChange={(e) => onChange({ key: e.currentTarget.value })} data-testid={`${id}-key`} />
        <TextInput label={t('labPlans.fields.caseName')} required maxLength={300} value={c.name} error={error('name')} aria-invalid={error('name') !== undefined} onChange={(e) => onChange({ name: e.currentTarget.value })} style={{ gridColumn: 'span 2' }} data-testid={`${id}-name`} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
        <NativeSelect
          label={t('labPlans.fields.method')}
          required
          value={c.methodId}
          data={[{ value: '', label: t('lab.common.choose') }, ...methods]}
          error={error('methodId')}
          aria-invalid={error('methodId') !== undefined}
          onChange={(e) => onChange({ methodId: e.currentTarget.value })}
          data-testid={`${id}-method`}
        />
        <Autocomplete
          label={t('labPlans.fields.metric')}
          description={t('labPlans.form.metricHint')}
          required
          maxLength={200}
          value={c.metric}
          data={metrics.map((m) => m.name)}
          error={error('metric')}
          aria-invalid={error('metric') !== undefined}
          onChange={(metric) => {
            const known = metrics.find((m) => m.name === metric);
            // A metric of the method brings its unit and direction when the case has none yet.
            onChange({ metric, ...(known && c.unit === '' ? { unit: known.unit } : {}), ...(known && c.threshold === '' ? { comparator: known.higherIsBetter ? '>=' : '<=' } : {}) });
          }}
          data-testid={`${id}-metric`}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }} mt="sm">
        <NativeSelect
          label={t('labPlans.fields.comparator')}
          value={c.comparator}
          data={LAB_COMPARATORS.map((x) => ({ value: x, label: t(`labPlans.comparatorOptions.${COMPARATOR_KEY[x]}`) }))}
          onChange={(e) => onChange({ comparator: e.currentTarget.value as LabComparator })}
          data-testid={`${id}-comparator`}
        />
        <TextInput label={t('labPlans.fields.threshold')} required inputMode="decimal" value={c.threshold} error={error('threshold')} aria-invalid={error('threshold') !== undefined} onChange={(e) => onChange({ threshold: e.currentTarget.value })} data-testid={`${id}-threshold`} />
        <TextInput label={t('labPlans.fields.unit')} maxLength={50} value={c.unit} onChange={(e) => onChange({ unit: e.currentTarget.value })} data-testid={`${id}-unit`} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
        <NativeSelect
          label={t('labPlans.fields.decisionRule')}
          description={t('labPlans.form.decisionRuleHint')}
          value={c.decisionRule}
          data={LAB_DECISION_RULES.map((r) => ({ value: r, label: t(`labPlans.decisionRules.${r}`) }))}
          onChange={(e) => onChange({ decisionRule: e.currentTarget.value as LabDecisionRule })}
          data-testid={`${id}-rule`}
        />
        <TextInput
          label={t('labPlans.fields.regressionTolerance')}
          description={t('labPlans.form.toleranceHint')}
          inputMode="decimal"
          value={c.regressionTolerance}
          error={error('regressionTolerance')}
          aria-invalid={error('regressionTolerance') !== undefined}
          onChange={(e) => onChange({ regressionTolerance: e.currentTarget.value })}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
        <NativeSelect label={t('labPlans.fields.dataset')} value={c.datasetId} data={[{ value: '', label: t('labPlans.form.noDataset') }, ...datasets]} onChange={(e) => onChange({ datasetId: e.currentTarget.value, datasetVersionId: '' })} />
        <NativeSelect
          label={t('labPlans.fields.datasetVersion')}
          value={c.datasetVersionId}
          disabled={c.datasetId === ''}
          data={[{ value: '', label: c.datasetId === '' ? t('labPlans.form.noDataset') : t('lab.common.choose') }, ...(versions.data ?? []).map((v) => ({ value: v.id, label: v.label }))]}
          error={error('datasetVersionId')}
          aria-invalid={error('datasetVersionId') !== undefined}
          onChange={(e) => onChange({ datasetVersionId: e.currentTarget.value })}
        />
      </SimpleGrid>
      <MultiSelect
        mt="sm"
        label={t('labPlans.fields.requirements')}
        description={t('labPlans.form.requirementsHint')}
        data={requirements}
        value={c.requirementKeys}
        onChange={(requirementKeys) => onChange({ requirementKeys })}
        searchable
        clearable
        limit={100}
        clearButtonProps={{ 'aria-label': t('labPlans.form.requirementsClear', { key: label }) }}
        nothingFoundMessage={t('labPlans.form.nothingFound')}
        error={requirementError}
        maxDropdownHeight={320}
        data-testid={`${id}-requirements`}
      />
      <Checkbox mt="sm" label={t('labPlans.fields.mandatory')} description={t('labPlans.form.mandatoryHint')} checked={c.mandatory} onChange={(e) => onChange({ mandatory: e.currentTarget.checked })} data-testid={`${id}-mandatory`} />
      <Textarea mt="sm" label={t('labPlans.fields.caseDescription')} autosize minRows={2} maxLength={5000} value={c.description} onChange={(e) => onChange({ description: e.currentTarget.value })} />
      {c.methodId !== '' && method.data !== undefined && method.data.status !== 'validated' ? (
        <Text fz="xs" mt="xs" c="dark.9">
          {t('labPlans.form.methodNotValidated')}
        </Text>
      ) : null}
    </Paper>
  );
}
