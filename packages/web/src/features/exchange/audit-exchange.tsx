import { useState } from 'react';
import { Alert, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Finding } from '@konform/core';
import { DownloadButton } from './download-button';
import { ExchangeProblem } from './exchange-problem';
import { readJsonFile, useImportAssessmentResults } from './exchange-queries';
import { FileImportForm } from './file-import-form';

/** On an audit: export it as OSCAL assessment results; import another tool's assessment results as findings. */
export function AuditExchange({ auditId, fileBase, findings, mayImport }: { auditId: string; fileBase: string; findings: Finding[]; mayImport: boolean }) {
  const { t } = useTranslation();
  const importResults = useImportAssessmentResults(auditId);
  const [notJson, setNotJson] = useState<string | null>(null);
  const submit = async (file: File) => {
    const read = await readJsonFile(file);
    if (!read.ok) return setNotJson(t('exchange.notJson', { message: read.message }));
    setNotJson(null);
    importResults.mutate(read.value);
  };
  const result = importResults.data;
  const created = result ? findings.filter((f) => result.findingIds.includes(f.id)) : [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="audit-exchange-title" data-testid="audit-exchange">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="audit-exchange-title">{t('exchange.assessmentResults.title')}</Title>
        <Group align="flex-start" gap="xl">
          <Stack gap={4} maw={420}>
            <Text fz="sm" c="dimmed">{t('exchange.assessmentResults.exportAuditText')}</Text>
            <DownloadButton path={`/audits/${auditId}/oscal/assessment-results`} fallbackName={`audit-${fileBase}-assessment-results.json`} label={t('exchange.assessmentResults.exportAudit')} testId="audit-oscal-export" />
          </Stack>
          {mayImport ? (
            <Stack gap={4} maw={520}>
              <Text fz="sm" c="dimmed">{t('exchange.assessmentResults.importText')}</Text>
              <FileImportForm
                accept=".json,application/json"
                hint={t('exchange.hints.json')}
                submitLabel={t('exchange.assessmentResults.submit')}
                pending={importResults.isPending}
                onSubmit={(file) => void submit(file)}
                localError={notJson}
                testId="audit-oscal-import"
              />
            </Stack>
          ) : null}
        </Group>
        <ExchangeProblem error={importResults.error} testId="audit-oscal-problem" />
        {result ? (
          <Alert color="green" variant="light" role="status" data-testid="audit-oscal-result">
            <Text fz="sm">{t('exchange.assessmentResults.resultTitle', { count: result.created, title: result.documentTitle })}</Text>
            {result.skipped.length > 0 ? <Text fz="sm">{t('exchange.assessmentResults.skipped', { count: result.skipped.length })}</Text> : null}
            {created.length > 0 ? (
              <>
                <Text fz="sm" fw={600} mt={4}>{t('exchange.assessmentResults.created')}</Text>
                <List size="sm">
                  {created.map((f) => (
                    <List.Item key={f.id}>{f.title}</List.Item>
                  ))}
                </List>
              </>
            ) : null}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}
