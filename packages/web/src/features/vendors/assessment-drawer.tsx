import { useState, type FormEvent } from 'react';
import { ActionIcon, Button, Divider, Group, NativeSelect, Paper, Radio, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ASSESSMENT_ANSWERS, ASSESSMENT_RESULTS, type SupplierQuestionnaire, type VendorAssessment, type VendorDetail } from '@konform/core';
import { ErrorAlert } from '../../shared/error-alert';
import { FormActions } from '../../shared/form-actions';
import { FormDrawer } from '../../shared/form-drawer';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import {
  assessmentFieldErrors,
  assessmentPayload,
  assessmentUpdate,
  assessmentValues,
  emptyAssessmentValues,
  emptyFinding,
  type AnswerValue,
  type AssessmentValues,
  type FindingValues,
} from './assessment-values';
import { useSaveAssessment } from './vendor-queries';

interface Props {
  vendor: VendorDetail;
  questionnaire: SupplierQuestionnaire;
  /** The assessment to change; without it, a new one is recorded. */
  assessment?: VendorAssessment;
  onClose: () => void;
  onReload: () => void;
}

/** Records or changes a supplier assessment: the questionnaire, the result, findings and the next review. */
export function AssessmentDrawer({ vendor, questionnaire, assessment, onClose, onReload }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language.startsWith('en') ? 'en' : 'de';
  const save = useSaveAssessment(vendor.id, assessment?.id ?? null);
  const [values, setValues] = useState<AssessmentValues>(() => (assessment ? assessmentValues(assessment) : emptyAssessmentValues(new Date().toLocaleDateString('sv-SE'))));
  const errors = assessmentFieldErrors(save.error, t);
  useFocusFirstError(save.error);
  const questionIds = questionnaire.questions.map((q) => q.id);
  const systems = vendor.systems.filter((s) => !s.archived);

  const set = (patch: Partial<AssessmentValues>) => setValues((v) => ({ ...v, ...patch }));
  const setAnswer = (id: string, patch: Partial<{ answer: AnswerValue; comment: string }>) =>
    setValues((v) => ({ ...v, answers: { ...v.answers, [id]: { answer: '', comment: '', ...v.answers[id], ...patch } } }));
  const setFinding = (i: number, patch: Partial<FindingValues>) => set({ findings: values.findings.map((f, j) => (j === i ? { ...f, ...patch } : f)) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const done = () => {
      notifications.show({ color: 'teal', message: t('vendors.assessments.saved') });
      onClose();
    };
    if (assessment === undefined) save.mutate(assessmentPayload(values, questionIds), { onSuccess: done });
    else save.mutate(assessmentUpdate(values, questionIds, assessment.version), { onSuccess: done });
  };

  return (
    <FormDrawer size="xl" title={assessment === undefined ? t('vendors.assessments.createTitle', { name: vendor.name }) : t('vendors.assessments.editTitle', { name: vendor.name })} onClose={onClose} onSubmit={submit}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput type="date" label={t('vendors.assessments.assessedOn')} required value={values.assessedOn} error={errors.assessedOn} onChange={(e) => set({ assessedOn: e.currentTarget.value })} />
        <TextInput label={t('vendors.assessments.assessor')} required maxLength={200} value={values.assessor} error={errors.assessor} onChange={(e) => set({ assessor: e.currentTarget.value })} data-testid="assessment-assessor" />
      </SimpleGrid>

      <Divider />
      <Title order={3} fz="md">
        {t('vendors.assessments.questionnaire')}
      </Title>
      <Text fz="sm" c="dimmed">
        {t('vendors.assessments.questionnaireHint')}
      </Text>
      {questionnaire.topics.map((topic) => (
        <Stack key={topic.id} gap="sm">
          <Title order={4} fz="sm">
            {topic.label[language]}
          </Title>
          {questionnaire.questions
            .filter((q) => q.topic === topic.id)
            .map((q) => {
              const index = questionIds.indexOf(q.id) + 1;
              const a = values.answers[q.id] ?? { answer: '', comment: '' };
              return (
                <Paper key={q.id} withBorder p="sm" data-testid={`question-${q.id}`}>
                  <Radio.Group
                    label={`${index}. ${q.text[language]}`}
                    description={q.ref ?? undefined}
                    value={a.answer}
                    onChange={(answer) => setAnswer(q.id, { answer: answer as AnswerValue })}
                    name={`answer-${q.id}`}
                  >
                    <Group gap="lg" mt={6}>
                      {ASSESSMENT_ANSWERS.map((answer) => (
                        <Radio key={answer} value={answer} label={t(`vendors.assessments.answers.${answer}`)} />
                      ))}
                    </Group>
                  </Radio.Group>
                  <TextInput
                    mt="xs"
                    size="xs"
                    label={t('vendors.assessments.commentOn', { n: index })}
                    maxLength={2000}
                    value={a.comment}
                    onChange={(e) => setAnswer(q.id, { comment: e.currentTarget.value })}
                  />
                </Paper>
              );
            })}
        </Stack>
      ))}

      <Divider />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label={t('vendors.assessments.result')}
          required
          value={values.result}
          error={errors.result}
          data={[{ value: '', label: t('vendors.assessments.chooseResult'), disabled: true }, ...ASSESSMENT_RESULTS.map((r) => ({ value: r, label: t(`vendors.assessments.results.${r}`) }))]}
          onChange={(e) => set({ result: e.currentTarget.value as AssessmentValues['result'] })}
          data-testid="assessment-result"
        />
        <TextInput type="date" label={t('vendors.assessments.nextReview')} value={values.nextReview} error={errors.nextReview} onChange={(e) => set({ nextReview: e.currentTarget.value })} data-testid="assessment-next-review" />
      </SimpleGrid>
      <Textarea
        label={t('vendors.assessments.conditions')}
        description={t('vendors.assessments.conditionsHint')}
        required={values.result === 'approved-with-conditions'}
        value={values.conditions}
        error={errors.conditions}
        maxLength={5000}
        autosize
        minRows={2}
        onChange={(e) => set({ conditions: e.currentTarget.value })}
      />

      <Divider />
      <Group justify="space-between">
        <Title order={3} fz="md">
          {t('vendors.assessments.findings')}
        </Title>
        <Button size="xs" variant="default" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => set({ findings: [...values.findings, emptyFinding()] })} data-testid="assessment-add-finding">
          {t('vendors.assessments.addFinding')}
        </Button>
      </Group>
      <Text fz="sm" c="dimmed">
        {t('vendors.assessments.findingsHint')}
      </Text>
      {values.findings.map((f, i) => (
        <Paper key={f.id ?? `new-${i}`} withBorder p="sm" data-testid={`finding-form-${i}`}>
          <Group justify="space-between" align="flex-start" mb="xs">
            <Text fz="sm" fw={600}>
              {t('vendors.assessments.findingN', { n: i + 1 })}
            </Text>
            {f.riskId === null ? (
              <ActionIcon variant="subtle" color="red" aria-label={t('vendors.assessments.removeFinding', { n: i + 1 })} onClick={() => set({ findings: values.findings.filter((_, j) => j !== i) })}>
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            ) : (
              <Text fz="xs" c="dimmed">
                {t('vendors.assessments.findingIsRisk')}
              </Text>
            )}
          </Group>
          <TextInput label={t('vendors.assessments.findingTitle')} required maxLength={300} value={f.title} error={errors[`findings.${i}.title`]} onChange={(e) => setFinding(i, { title: e.currentTarget.value })} />
          <Textarea mt="xs" label={t('vendors.assessments.findingDescription')} maxLength={5000} autosize minRows={2} value={f.description} onChange={(e) => setFinding(i, { description: e.currentTarget.value })} />
          <NativeSelect
            mt="xs"
            label={t('vendors.assessments.findingSystem')}
            value={f.systemId}
            disabled={f.riskId !== null}
            error={errors[`findings.${i}.systemId`]}
            data={[{ value: '', label: t('vendors.assessments.noSystem') }, ...systems.map((s) => ({ value: s.id, label: s.name }))]}
            onChange={(e) => setFinding(i, { systemId: e.currentTarget.value })}
          />
        </Paper>
      ))}

      <Textarea label={t('vendors.assessments.notes')} maxLength={10000} autosize minRows={2} value={values.notes} onChange={(e) => set({ notes: e.currentTarget.value })} />
      <ErrorAlert error={save.error} onReload={onReload} />
      <FormActions onCancel={onClose} pending={save.isPending} submitTestId="assessment-submit" submitLabel={t('common.save')} />
    </FormDrawer>
  );
}
