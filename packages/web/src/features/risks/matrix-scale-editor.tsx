import { NumberInput, Paper, Table, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RiskMatrixConfig } from '@konform/core';
import { MAX_STEPS, MIN_STEPS, resizeScale, setStepLabel, type Axis } from './matrix-model';

interface Props {
  axis: Axis;
  config: RiskMatrixConfig;
  onChange: (config: RiskMatrixConfig) => void;
  errors: Map<string, string>;
}

/** One axis of the matrix: the number of steps (2–10) and each step's label in German and English. */
export function MatrixScaleEditor({ axis, config, onChange, errors }: Props) {
  const { t } = useTranslation();
  const titleId = `matrix-${axis}-title`;
  const axisName = t(`riskMatrix.${axis}Scale`);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId} data-testid={`matrix-scale-${axis}`}>
      <Title order={3} fz="md" id={titleId} mb="xs">
        {axisName}
      </Title>
      <NumberInput
        label={t('riskMatrix.steps')}
        description={t('riskMatrix.stepsHint')}
        min={MIN_STEPS}
        max={MAX_STEPS}
        step={1}
        allowDecimal={false}
        clampBehavior="strict"
        value={config[axis].length}
        onChange={(value) => {
          const n = typeof value === 'number' ? value : Number(value);
          if (Number.isFinite(n) && n >= MIN_STEPS && n <= MAX_STEPS && n !== config[axis].length) onChange(resizeScale(config, axis, n));
        }}
        maw={220}
        mb="sm"
      />
      <Table withTableBorder>
        <caption className="visually-hidden">{t('riskMatrix.stepsCaption', { axis: axisName })}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="4rem">{t('riskMatrix.step')}</Table.Th>
            <Table.Th>{t('riskMatrix.labelDe')}</Table.Th>
            <Table.Th>{t('riskMatrix.labelEn')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {config[axis].map((s, i) => (
            <Table.Tr key={s.value}>
              <Table.Th scope="row">{s.value}</Table.Th>
              {(['de', 'en'] as const).map((language) => {
                const error = errors.get(`${axis}.${i}.label.${language}`) ?? errors.get(`${axis}.${i}.value`);
                return (
                  <Table.Td key={language}>
                    <TextInput
                      aria-label={t(language === 'de' ? 'riskMatrix.stepLabelDe' : 'riskMatrix.stepLabelEn', { axis: axisName, step: s.value })}
                      value={s.label[language]}
                      maxLength={200}
                      error={error}
                      aria-invalid={error !== undefined}
                      onChange={(e) => onChange(setStepLabel(config, axis, i, language, e.currentTarget.value))}
                    />
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
