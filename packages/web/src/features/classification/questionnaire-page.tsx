import { useMemo, useState, type FormEvent } from 'react';
import { Anchor, Button, Grid, Group, Loader, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { AiSystem } from '@konform/core';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { ErrorAlert } from '../../shared/error-alert';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { useSystem } from '../inventory/system-queries';
import { useEvaluation, useQuestionnaire, useSaveClassification, useSystemClassification } from './classification-queries';
import { ClassificationResultView } from './classification-result';
import { QuestionField } from './question-field';
import type { ClassificationDecide } from './classification-types';
import { answersToFacts, visibleQuestions, type Answers, type AnswerValue, type Questionnaire } from './questionnaire-model';

/** /systems/:id/classification/edit: the guided questionnaire with a live preview of the result. */
export function QuestionnairePage() {
  const { t } = useTranslation();
  usePageTitle(t('questionnaire.title'));
  const { id = '' } = useParams();
  const system = useSystem(id);
  const questionnaire = useQuestionnaire();
  const current = useSystemClassification(id);
  const failed = system.error ?? questionnaire.error ?? current.error;
  if (system.data === undefined || questionnaire.data === undefined || current.data === undefined) {
    return failed !== null ? <ErrorAlert error={failed} /> : <FullPageLoader />;
  }
  return (
    <QuestionnaireForm
      system={system.data}
      questionnaire={questionnaire.data}
      initialAnswers={(current.data.latest?.answers ?? {}) as Answers}
      initialNote={current.data.latest?.note ?? ''}
    />
  );
}

interface FormProps {
  system: AiSystem;
  questionnaire: Questionnaire;
  initialAnswers: Answers;
  initialNote: string;
}

function QuestionnaireForm({ system, questionnaire, initialAnswers, initialNote }: FormProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'de';
  const navigate = useNavigate();
  const [answers, setAnswers] = useState<Answers>(initialAnswers);
  const [note, setNote] = useState(initialNote);
  const save = useSaveClassification(system.id);
  useFocusFirstError(save.error);

  // Recomputed on every change: which questions show, and the facts the visible answers establish.
  const visible = useMemo(() => visibleQuestions(questionnaire, answers), [questionnaire, answers]);
  const visibleIds = useMemo(() => new Set(visible.map((q) => q.id)), [visible]);
  const facts = useMemo(() => answersToFacts(questionnaire, answers) as Record<string, unknown>, [questionnaire, answers]);
  // The server fills in the system's roles when the answers name none; the preview does the same.
  const previewFacts = useMemo(
    () => (Array.isArray(facts.roles) && facts.roles.length > 0 ? facts : { ...facts, roles: system.roles }),
    [facts, system.roles],
  );
  const [debouncedFacts] = useDebouncedValue(previewFacts, 400);
  const preview = useEvaluation(debouncedFacts, language);

  const setAnswer = (questionId: string, value: AnswerValue | undefined) => {
    setAnswers((previous) => {
      const next = { ...previous };
      if (value === undefined || value === null) delete next[questionId];
      else next[questionId] = value;
      return next;
    });
  };

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    // Only answers to questions still shown are kept; the facts come from exactly those.
    const kept = Object.fromEntries(Object.entries(answers).filter(([key]) => visibleIds.has(key)));
    save.mutate(
      { input: { facts: facts as ClassificationDecide['facts'], answers: kept, note: note.trim() }, language },
      {
        onSuccess: ({ revision }) => {
          notifications.show({ color: 'teal', message: t('questionnaire.saved', { number: revision.number }) });
          void navigate(`/systems/${system.id}?tab=classification`);
        },
      },
    );
  };

  const detailUrl = `/systems/${system.id}?tab=classification`;
  const sections = questionnaire.sections
    .map((section) => ({ section, questions: section.questions.filter((q) => visibleIds.has(q.id)) }))
    .filter((s) => s.questions.length > 0);
  const answeredCount = visible.filter((q) => answers[q.id] !== undefined).length;

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="lg" maw={1280}>
        <div>
          <Anchor component={Link} to={detailUrl} fz="sm">
            {system.name}
          </Anchor>
          <Title order={1} mt={4}>
            {t('questionnaire.title')}
          </Title>
          <Text c="dimmed" fz="sm" mt={4} maw={760}>
            {t('questionnaire.intro')}
          </Text>
        </div>
        <Grid gutter="lg" align="flex-start">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack gap="lg">
              {sections.map(({ section, questions }) => (
                <Paper key={section.id} withBorder p="lg" component="section" aria-labelledby={`section-${section.id}`}>
                  <Title order={2} id={`section-${section.id}`} mb="md">
                    {section.title[language]}
                  </Title>
                  <Stack gap="lg">
                    {questions.map((question) => (
                      <QuestionField
                        key={question.id}
                        question={question}
                        value={answers[question.id] ?? undefined}
                        onChange={(value) => setAnswer(question.id, value)}
                      />
                    ))}
                  </Stack>
                </Paper>
              ))}
              <Paper withBorder p="lg" component="section" aria-labelledby="section-note">
                <Title order={2} id="section-note" mb="md">
                  {t('questionnaire.noteSection')}
                </Title>
                <Textarea
                  label={t('questionnaire.note')}
                  description={t('questionnaire.noteHint')}
                  name="note"
                  value={note}
                  maxLength={4000}
                  autosize
                  minRows={3}
                  onChange={(event) => setNote(event.currentTarget.value)}
                />
              </Paper>
              <ErrorAlert error={save.error} />
              <Group justify="flex-end">
                <Button variant="default" component={Link} to={detailUrl}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" loading={save.isPending}>
                  {t('questionnaire.save')}
                </Button>
              </Group>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }} className="preview-column">
            <Paper withBorder p="lg" component="aside" aria-labelledby="preview-title" className="preview-panel" tabIndex={0}>
              <Group justify="space-between" mb="xs">
                <Title order={2} id="preview-title">
                  {t('questionnaire.previewTitle')}
                </Title>
                {preview.isFetching ? <Loader size="xs" role="status" aria-label={t('questionnaire.previewUpdating')} /> : null}
              </Group>
              <Text fz="xs" c="dimmed" mb="md">
                {t('questionnaire.previewHint', { answered: answeredCount, visible: visible.length })}
              </Text>
              <Text className="visually-hidden" role="status" aria-live="polite">
                {preview.data === undefined ? '' : t('questionnaire.previewAnnounce', { riskClass: t(`classification.riskClass.${preview.data.riskClass}`) })}
              </Text>
              {preview.data !== undefined ? (
                <ClassificationResultView result={preview.data} headingOrder={3} compact />
              ) : preview.error !== null ? (
                <ErrorAlert error={preview.error} />
              ) : (
                <Loader size="sm" role="status" aria-label={t('app.loading')} />
              )}
              {preview.data !== undefined && preview.error !== null ? <ErrorAlert error={preview.error} /> : null}
            </Paper>
          </Grid.Col>
        </Grid>
      </Stack>
    </form>
  );
}
