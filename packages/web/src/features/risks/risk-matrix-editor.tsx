import { useMemo, useState, type FormEvent } from 'react';
import { Alert, Button, Group, List, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_RISK_MATRIX, type RiskMatrix, type RiskMatrixConfig } from '@konform/core';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { issueLocation, issueMessage, issuesByPath } from './matrix-issues';
import { MatrixCellsEditor } from './matrix-cells-editor';
import { MatrixLevelEditor } from './matrix-level-editor';
import { addLevel, matrixIssues, MAX_LEVELS, MIN_LEVELS, removeLevel, sameConfig, serverIssues, updateLevel, type MatrixIssue } from './matrix-model';
import { MatrixScaleEditor } from './matrix-scale-editor';
import { useUpdateRiskMatrix, type RiskMatrixUpdateResult } from './risk-queries';

interface Props {
  matrix: RiskMatrix;
  editable: boolean;
  onSaved: (result: RiskMatrixUpdateResult) => void;
  onReload: () => void;
}

/** The matrix as a form: scales, levels, cells, and saving with a reason (every risk is re-rated on the server). */
export function RiskMatrixEditor({ matrix, editable, onSaved, onReload }: Props) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<RiskMatrixConfig>(() => structuredClone(matrix.config));
  const [reason, setReason] = useState('');
  const [attempted, setAttempted] = useState(false);
  const update = useUpdateRiskMatrix();
  const savedIds = useMemo(() => new Set(matrix.config.levels.map((l) => l.id)), [matrix.config]);
  const local = useMemo(() => matrixIssues(draft), [draft]);
  const server: MatrixIssue[] = isApiError(update.error) && update.error.status === 400 ? serverIssues(update.error.problem.errors ?? []) : [];
  const shown = attempted ? (local.length > 0 ? local : server) : server;
  const byPath = issuesByPath(shown, t);
  const dirty = !sameConfig(draft, matrix.config);
  useFocusFirstError(update.error ?? (attempted && local.length > 0 ? local : null));

  const change = (next: RiskMatrixConfig) => {
    setDraft(next);
    if (update.error !== null) update.reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (local.length > 0) return;
    const trimmed = reason.trim();
    update.mutate(
      { version: matrix.version, config: draft, ...(trimmed === '' ? {} : { reason: trimmed }) },
      { onSuccess: (result) => onSaved(result) },
    );
  };

  return (
    <form onSubmit={submit} noValidate data-testid="risk-matrix-form">
      <fieldset disabled={!editable} className="plain-fieldset">
        <legend className="visually-hidden">{t('riskMatrix.title')}</legend>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <MatrixScaleEditor axis="likelihood" config={draft} onChange={change} errors={byPath} />
            <MatrixScaleEditor axis="impact" config={draft} onChange={change} errors={byPath} />
          </SimpleGrid>
          <Paper withBorder p="md" component="section" aria-labelledby="matrix-levels-title">
            <Group justify="space-between" mb="sm">
              <Title order={3} fz="md" id="matrix-levels-title">
                {t('riskMatrix.levels')}
              </Title>
              {editable && draft.levels.length < MAX_LEVELS ? (
                <Button size="xs" variant="default" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => change(addLevel(draft))}>
                  {t('riskMatrix.addLevel')}
                </Button>
              ) : null}
            </Group>
            <Stack gap="sm">
              {draft.levels.map((level, index) => (
                <MatrixLevelEditor
                  key={index}
                  index={index}
                  level={level}
                  idEditable={editable && !savedIds.has(level.id)}
                  removable={editable && draft.levels.length > MIN_LEVELS}
                  onChange={(next) => change(updateLevel(draft, index, next))}
                  onRemove={() => change(removeLevel(draft, index))}
                  errors={byPath}
                />
              ))}
            </Stack>
          </Paper>
          <MatrixCellsEditor config={draft} onChange={change} errors={byPath} />
        </Stack>
      </fieldset>
      {editable ? (
        <Paper withBorder p="md" mt="md" component="section" aria-labelledby="matrix-save-title">
          <Title order={3} fz="md" id="matrix-save-title" mb="xs">
            {t('riskMatrix.saveTitle')}
          </Title>
          <Text fz="sm" mb="sm">
            {t('riskMatrix.saveHint')}
          </Text>
          {shown.length > 0 ? (
            <Alert color="red" variant="light" role="alert" title={t('riskMatrix.issuesTitle')} mb="sm" data-testid="risk-matrix-issues">
              <List size="sm" spacing={2}>
                {shown.map((issue, i) => (
                  <List.Item key={`${issue.path}-${i}`}>
                    {issueLocation(issue, draft, t, i18n.language)}: {issueMessage(issue, t)}
                  </List.Item>
                ))}
              </List>
            </Alert>
          ) : null}
          {server.length === 0 ? (
            <ErrorAlert
              error={update.error}
              onReload={() => {
                update.reset();
                onReload();
              }}
            />
          ) : null}
          <TextInput label={t('riskMatrix.reason')} description={t('riskMatrix.reasonHint')} maxLength={1000} value={reason} onChange={(e) => setReason(e.currentTarget.value)} mb="sm" />
          <Group justify="space-between">
            <Group gap="sm">
              <Button variant="default" onClick={() => change(structuredClone(matrix.config))} disabled={!dirty}>
                {t('riskMatrix.reset')}
              </Button>
              <Button variant="default" onClick={() => change(structuredClone(DEFAULT_RISK_MATRIX))}>
                {t('riskMatrix.loadDefault')}
              </Button>
            </Group>
            <Button type="submit" loading={update.isPending} data-testid="risk-matrix-save">
              {t('riskMatrix.save')}
            </Button>
          </Group>
        </Paper>
      ) : null}
    </form>
  );
}
