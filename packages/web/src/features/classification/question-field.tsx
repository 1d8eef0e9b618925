import { useId, useState } from 'react';
import { Checkbox, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AnswerValue, QuestionnaireQuestion } from './questionnaire-model';
import { formatLegalRef } from '../../i18n/legal-ref';

interface Props {
  question: QuestionnaireQuestion;
  value: AnswerValue | undefined;
  onChange: (value: AnswerValue | undefined) => void;
}

function Help({ id, question, language }: { id: string; question: QuestionnaireQuestion; language: 'de' | 'en' }) {
  const { t, i18n } = useTranslation();
  return (
    <div id={id}>
      <Text fz="sm" c="dimmed">
        {question.help[language]}
      </Text>
      <Text fz="xs" c="dimmed" mt={2}>
        {t('questionnaire.ref', { ref: formatLegalRef(question.ref, i18n.language) })}
      </Text>
    </div>
  );
}

/** Accepts 3e25, 3E+25, 1000, 1,5 (German decimal comma); undefined when the text is no number. */
function parseNumber(text: string): number | undefined {
  const cleaned = text.trim().replace(/\s/g, '').replace(',', '.');
  if (cleaned === '') return undefined;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : undefined;
}

/** One question: choices as a fieldset with the question as legend; help text and legal reference below. */
export function QuestionField({ question, value, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'de';
  const helpId = useId();
  const [numberText, setNumberText] = useState(typeof value === 'number' ? String(value) : '');
  const label = question.text[language];
  const options = question.options ?? [];

  if (question.type === 'number' || question.type === 'date') {
    const invalidNumber = question.type === 'number' && numberText.trim() !== '' && parseNumber(numberText) === undefined;
    const outOfRange =
      question.type === 'number' &&
      typeof value === 'number' &&
      ((question.min !== undefined && value < question.min) || (question.max !== undefined && value > question.max));
    return (
      <div className="question">
        <TextInput
          label={label}
          name={question.id}
          type={question.type === 'date' ? 'date' : 'text'}
          inputMode={question.type === 'number' ? 'decimal' : undefined}
          value={question.type === 'date' ? (typeof value === 'string' ? value : '') : numberText}
          error={invalidNumber ? t('questionnaire.invalidNumber') : outOfRange ? t('questionnaire.outOfRange') : undefined}
          aria-describedby={helpId}
          onChange={(event) => {
            const text = event.currentTarget.value;
            if (question.type === 'date') {
              onChange(text === '' ? undefined : text);
              return;
            }
            setNumberText(text);
            onChange(parseNumber(text));
          }}
        />
        <Help id={helpId} question={question} language={language} />
      </div>
    );
  }

  return (
    <fieldset className="question" aria-describedby={helpId}>
      <legend>{label}</legend>
      <Help id={helpId} question={question} language={language} />
      {question.type === 'boolean' ? (
        <Group gap="xl" mt="xs">
          {([true, false] as const).map((option) => (
            <Radio
              key={String(option)}
              name={question.id}
              value={option ? 'yes' : 'no'}
              label={option ? t('common.yes') : t('common.no')}
              checked={value === option}
              onChange={() => onChange(option)}
            />
          ))}
        </Group>
      ) : (
        <Stack gap={6} mt="xs">
          {question.type === 'single'
            ? options.map((option) => (
                <Radio
                  key={option.value}
                  name={question.id}
                  value={option.value}
                  label={option.label[language]}
                  checked={value === option.value}
                  onChange={() => onChange(option.value)}
                />
              ))
            : options.map((option) => {
                const chosen = Array.isArray(value) ? value : [];
                return (
                  <Checkbox
                    key={option.value}
                    name={question.id}
                    value={option.value}
                    label={option.label[language]}
                    checked={chosen.includes(option.value)}
                    onChange={(event) => {
                      const next = event.currentTarget.checked ? [...chosen, option.value] : chosen.filter((v) => v !== option.value);
                      // Keep the questionnaire's option order, whatever order they were ticked in.
                      const ordered = options.map((o) => o.value).filter((v) => next.includes(v));
                      onChange(ordered.length === 0 ? undefined : ordered);
                    }}
                  />
                );
              })}
        </Stack>
      )}
    </fieldset>
  );
}
