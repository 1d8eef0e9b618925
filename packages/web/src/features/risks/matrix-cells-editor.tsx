import { NativeSelect, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RiskMatrixConfig } from '@konform/core';
import { localized } from '../catalogs/localized';
import { AxisFrame, CornerHeader } from './axis-frame';
import { setCell } from './matrix-model';

interface Props {
  config: RiskMatrixConfig;
  onChange: (config: RiskMatrixConfig) => void;
  errors: Map<string, string>;
}

/** The level of every cell, as a grid of selects laid out like the heat map (highest likelihood on top). */
export function MatrixCellsEditor({ config, onChange, errors }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const options = config.levels.map((l) => ({ value: l.id, label: localized(l.label, lang) }));
  const rows = [...config.likelihood].reverse();
  const rowError = (l: number) => errors.get(`cells.${l - 1}`);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="matrix-cells-title" data-testid="matrix-cells">
      <Title order={3} fz="md" id="matrix-cells-title" mb={4}>
        {t('riskMatrix.cells')}
      </Title>
      <Text fz="sm" c="dimmed" mb="sm">
        {t('riskMatrix.cellsIntro')}
      </Text>
      {errors.get('cells') !== undefined ? (
        <Text fz="sm" c="red.9" mb="xs">
          {errors.get('cells')}
        </Text>
      ) : null}
      <AxisFrame>
        <table className="heat-map matrix-cells">
          <caption className="visually-hidden">{t('riskMatrix.cellsCaption')}</caption>
          <thead>
            <tr>
              <CornerHeader />
              {config.impact.map((s) => (
                <th scope="col" key={s.value} className="heat-map-axis">
                  {localized(s.label, lang)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((l) => (
              <tr key={l.value}>
                <th scope="row" className="heat-map-axis heat-map-row-head">
                  {localized(l.label, lang)}
                  {rowError(l.value) !== undefined ? (
                    <Text fz="xs" c="red.9">
                      {rowError(l.value)}
                    </Text>
                  ) : null}
                </th>
                {config.impact.map((i) => {
                  const id = config.cells[l.value - 1]?.[i.value - 1] ?? '';
                  const level = config.levels.find((x) => x.id === id);
                  const error = errors.get(`cells.${l.value - 1}.${i.value - 1}`);
                  return (
                    <td key={i.value} className="matrix-cell" style={{ boxShadow: `inset 0 0 0 5px ${level?.color ?? '#ced4da'}` }}>
                      <NativeSelect
                        size="xs"
                        aria-label={t('riskMatrix.cellLabel', { likelihood: localized(l.label, lang), impact: localized(i.label, lang) })}
                        data={level === undefined ? [{ value: id, label: id === '' ? '–' : id }, ...options] : options}
                        value={id}
                        error={error}
                        aria-invalid={error !== undefined}
                        onChange={(e) => onChange(setCell(config, l.value, i.value, e.currentTarget.value))}
                        data-testid={`matrix-cell-${l.value}-${i.value}`}
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </AxisFrame>
    </Paper>
  );
}
