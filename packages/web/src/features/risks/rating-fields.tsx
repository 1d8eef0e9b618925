import { Group, NativeSelect, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { levelOf, type RiskMatrixConfig } from '@konform/core';
import { localized } from '../catalogs/localized';
import { LevelBadge } from './level-badge';

interface Props {
  matrix: RiskMatrixConfig;
  likelihood: number | null;
  impact: number | null;
  onChange: (likelihood: number | null, impact: number | null) => void;
  likelihoodLabel: string;
  impactLabel: string;
  levelLabel: string;
  errors: { likelihood?: string | undefined; impact?: string | undefined };
  testId: string;
}

function stepOptions(steps: RiskMatrixConfig['likelihood'], value: number | null, language: string, none: string, outside: (value: number) => string) {
  const options = [{ value: '', label: none }, ...steps.map((s) => ({ value: String(s.value), label: `${s.value} – ${localized(s.label, language)}` }))];
  if (value !== null && !steps.some((s) => s.value === value)) options.push({ value: String(value), label: outside(value) });
  return options;
}

/** Likelihood and impact on the matrix's scales, and the resulting level shown live (cells[l-1][i-1]). */
export function RatingFields({ matrix, likelihood, impact, onChange, likelihoodLabel, impactLabel, levelLabel, errors, testId }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const none = t('risks.form.notRated');
  const outside = (value: number) => t('risks.form.outsideScale', { value });
  const level = levelOf(matrix, likelihood, impact);
  const parse = (value: string) => (value === '' ? null : Number(value));
  return (
    <Group align="flex-end" gap="md" wrap="wrap">
      <NativeSelect
        label={likelihoodLabel}
        value={likelihood === null ? '' : String(likelihood)}
        data={stepOptions(matrix.likelihood, likelihood, lang, none, outside)}
        error={errors.likelihood}
        aria-invalid={errors.likelihood !== undefined}
        onChange={(e) => onChange(parse(e.currentTarget.value), impact)}
        style={{ flex: '1 1 12rem' }}
      />
      <NativeSelect
        label={impactLabel}
        value={impact === null ? '' : String(impact)}
        data={stepOptions(matrix.impact, impact, lang, none, outside)}
        error={errors.impact}
        aria-invalid={errors.impact !== undefined}
        onChange={(e) => onChange(likelihood, parse(e.currentTarget.value))}
        style={{ flex: '1 1 12rem' }}
      />
      <Group gap="xs" mb={6} aria-live="polite" data-testid={testId}>
        <Text fz="sm" fw={500}>
          {levelLabel}:
        </Text>
        <LevelBadge level={level} rated={likelihood !== null && impact !== null} />
      </Group>
    </Group>
  );
}
