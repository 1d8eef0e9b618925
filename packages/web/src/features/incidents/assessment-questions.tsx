import { Fieldset, Group, Radio, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { INCIDENT_QUESTIONS, type IncidentAssessment } from '@konform/core';

export const UNANSWERED: IncidentAssessment = { death: null, seriousHealthHarm: null, criticalInfrastructure: null, fundamentalRights: null, propertyOrEnvironment: null, widespread: null };

const valueOf = (v: boolean | null) => (v === null ? '' : v ? 'yes' : 'no');

/** The Art. 3(49) questions (a–d) and Art. 3(61), each answered yes or no (or left open). */
export function AssessmentQuestions({ value, onChange, disabled, errors }: { value: IncidentAssessment; onChange: (next: IncidentAssessment) => void; disabled?: boolean; errors?: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={t('incidents.questions.legend')} disabled={disabled}>
      <Stack gap="sm">
        <Text fz="sm" c="dimmed">{t('incidents.questions.intro')}</Text>
        {INCIDENT_QUESTIONS.map((q) => (
          <Radio.Group
            key={q}
            label={t(`incidents.questions.${q}`)}
            description={t(`incidents.questions.${q}Ref`)}
            value={valueOf(value[q])}
            error={errors?.[`assessment.${q}`]}
            onChange={(v) => onChange({ ...value, [q]: v === 'yes' ? true : v === 'no' ? false : null })}
            data-testid={`question-${q}`}
          >
            <Group gap="md" mt={4}>
              <Radio value="yes" label={t('incidents.questions.yes')} data-testid={`question-${q}-yes`} />
              <Radio value="no" label={t('incidents.questions.no')} data-testid={`question-${q}-no`} />
            </Group>
          </Radio.Group>
        ))}
      </Stack>
    </Fieldset>
  );
}
