import { useState } from 'react';
import { Anchor, Button, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconPencil, IconPlus, IconShieldPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ASSESSMENT_ANSWERS, type AssessmentFinding, type VendorAssessment, type VendorDetail } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { formatDate } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { AssessmentDrawer } from './assessment-drawer';
import { FindingRiskDialog } from './finding-risk-dialog';
import { ResultBadge } from './vendor-badges';
import { useAssessments, useQuestionnaire } from './vendor-queries';

/** The vendor's assessments, newest first, with their findings; a finding can become a risk of an affected system. */
export function AssessmentsSection({ vendor }: { vendor: VendorDetail }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const assessments = useAssessments(vendor.id);
  const questionnaire = useQuestionnaire();
  const [editing, setEditing] = useState<VendorAssessment | 'new' | null>(null);
  const [riskFor, setRiskFor] = useState<{ assessment: VendorAssessment; finding: AssessmentFinding } | null>(null);
  const language = i18n.language.startsWith('en') ? 'en' : 'de';
  const editable = can('vendor.edit');
  const systemName = (id: string | null) => vendor.systems.find((s) => s.id === id)?.name;
  const questionText = (id: string) => questionnaire.data?.questions.find((q) => q.id === id)?.text[language] ?? id;

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="vendor-assessments">
      <Group justify="space-between" mb="md">
        <Title order={2} id="vendor-assessments">
          {t('vendors.assessments.title')}
        </Title>
        {editable ? (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')} disabled={questionnaire.data === undefined} data-testid="assessment-create">
            {t('vendors.assessments.create')}
          </Button>
        ) : null}
      </Group>
      <ErrorAlert error={assessments.error ?? questionnaire.error} />
      {assessments.data?.length === 0 ? <Text fz="sm" c="dimmed">{t('vendors.assessments.empty')}</Text> : null}
      <Stack gap="md">
        {(assessments.data ?? []).map((a) => {
          const counts = ASSESSMENT_ANSWERS.map((answer) => [answer, a.answers.filter((x) => x.answer === answer).length] as const);
          const notable = a.answers.filter((x) => x.answer === 'no' || x.answer === 'partly');
          return (
            <Paper key={a.id} withBorder p="md" data-testid={`assessment-${a.id}`}>
              <Group justify="space-between" align="flex-start">
                <div>
                  <Group gap="sm">
                    <Title order={3} fz="md">
                      {t('vendors.assessments.heading', { date: formatDate(a.assessedOn, i18n.language) })}
                    </Title>
                    <ResultBadge result={a.result} />
                  </Group>
                  <Text fz="sm" c="dimmed">
                    {t('vendors.assessments.by', { assessor: a.assessor })} · {t('vendors.list.nextReview')}: {formatDate(a.nextReview, i18n.language)}
                  </Text>
                </div>
                {editable && questionnaire.data ? (
                  <Button size="xs" variant="default" leftSection={<IconPencil size={14} aria-hidden />} onClick={() => setEditing(a)} aria-label={t('vendors.assessments.editOf', { date: formatDate(a.assessedOn, i18n.language) })}>
                    {t('common.edit')}
                  </Button>
                ) : null}
              </Group>
              {a.conditions.trim() !== '' ? (
                <Text fz="sm" mt="xs">
                  <strong>{t('vendors.assessments.conditions')}:</strong> {a.conditions}
                </Text>
              ) : null}
              <Text fz="sm" mt="xs">
                {t('vendors.assessments.answered', { count: a.answers.length, total: questionnaire.data?.questions.length ?? 0 })}:{' '}
                {counts.map(([answer, n]) => `${t(`vendors.assessments.answers.${answer}`)} ${n}`).join(' · ')}
              </Text>
              {notable.length > 0 ? (
                <details className="vendor-answers">
                  <summary>{t('vendors.assessments.notable', { count: notable.length })}</summary>
                  <List size="sm" mt="xs" spacing={4}>
                    {notable.map((x) => (
                      <List.Item key={x.questionId}>
                        {questionText(x.questionId)} – <strong>{t(`vendors.assessments.answers.${x.answer}`)}</strong>
                        {x.comment ? ` (${x.comment})` : ''}
                      </List.Item>
                    ))}
                  </List>
                </details>
              ) : null}
              {a.findings.length > 0 ? (
                <Table mt="sm" striped data-testid={`assessment-findings-${a.id}`}>
                  <caption className="visually-hidden">{t('vendors.assessments.findings')}</caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('vendors.assessments.findingTitle')}</Table.Th>
                      <Table.Th>{t('vendors.assessments.findingSystem')}</Table.Th>
                      <Table.Th>{t('vendors.assessments.riskColumn')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {a.findings.map((f) => (
                      <Table.Tr key={f.id}>
                        <Table.Td>
                          <Text fz="sm" fw={500}>
                            {f.title}
                          </Text>
                          {f.description ? (
                            <Text fz="xs" c="dimmed">
                              {f.description}
                            </Text>
                          ) : null}
                        </Table.Td>
                        <Table.Td>{systemName(f.systemId) ?? t('common.none')}</Table.Td>
                        <Table.Td>
                          {f.riskId !== null ? (
                            <Anchor component={Link} to={`/risks/${f.riskId}`} fz="sm">
                              {t('vendors.assessments.openRisk')}
                            </Anchor>
                          ) : editable && vendor.systems.some((s) => !s.archived) ? (
                            <Button size="xs" variant="light" leftSection={<IconShieldPlus size={14} aria-hidden />} onClick={() => setRiskFor({ assessment: a, finding: f })} data-testid={`finding-risk-${f.id}`}>
                              {t('vendors.assessments.toRisk')}
                            </Button>
                          ) : (
                            t('common.none')
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              ) : null}
            </Paper>
          );
        })}
      </Stack>
      {editing !== null && questionnaire.data ? (
        <AssessmentDrawer
          vendor={vendor}
          questionnaire={questionnaire.data}
          assessment={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onReload={() => {
            setEditing(null);
            void assessments.refetch();
          }}
        />
      ) : null}
      {riskFor !== null ? <FindingRiskDialog vendor={vendor} assessment={riskFor.assessment} finding={riskFor.finding} onClose={() => setRiskFor(null)} /> : null}
    </Paper>
  );
}
