import { Text, Title, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HeatMap } from '@konform/core';
import { localized } from '../catalogs/localized';
import { AxisFrame, CornerHeader } from './axis-frame';
import { textColorOn, type HeatMapCell, type HeatMapKind } from './risk-display';

interface Props {
  heatMap: HeatMap;
  kind: HeatMapKind;
  selected: HeatMapCell | null;
  onSelect: (cell: HeatMapCell | null) => void;
}

/**
 * One heat map as a table: likelihood rows (highest on top), impact columns. Every cell is a button that shows the
 * level label and the count and filters the register to that cell; pressed again, it clears the filter.
 */
export function HeatMapGrid({ heatMap, kind, selected, onSelect }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const counts = kind === 'inherent' ? heatMap.inherent : heatMap.residual;
  const titleId = `heatmap-${kind}-title`;
  const rows = [...heatMap.likelihood].reverse();
  const total = counts.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);

  return (
    <section aria-labelledby={titleId} data-testid={`heatmap-${kind}`}>
      <Title order={3} fz="md" id={titleId} mb={4}>
        {t(`risks.heatMap.${kind}Title`)}
      </Title>
      <Text fz="xs" c="dimmed" mb="xs">
        {t('risks.heatMap.total', { count: total })}
      </Text>
      <AxisFrame>
        <table className="heat-map">
          <caption className="visually-hidden">{t('risks.heatMap.caption', { title: t(`risks.heatMap.${kind}Title`) })}</caption>
          <thead>
            <tr>
              <CornerHeader />
              {heatMap.impact.map((step) => (
                <th scope="col" key={step.value} className="heat-map-axis">
                  {localized(step.label, lang)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((likelihood) => (
              <tr key={likelihood.value}>
                <th scope="row" className="heat-map-axis heat-map-row-head">
                  {localized(likelihood.label, lang)}
                </th>
                {heatMap.impact.map((impact) => {
                  const level = heatMap.cells[likelihood.value - 1]?.[impact.value - 1];
                  const count = counts[likelihood.value - 1]?.[impact.value - 1] ?? 0;
                  const pressed = selected?.kind === kind && selected.likelihood === likelihood.value && selected.impact === impact.value;
                  const levelLabel = level === undefined ? '–' : localized(level.label, lang);
                  const color = level?.color ?? '#f1f3f5';
                  return (
                    <td key={impact.value}>
                      <UnstyledButton
                        className="heat-map-cell"
                        data-empty={count === 0 || undefined}
                        data-testid={`heatmap-${kind}-${likelihood.value}-${impact.value}`}
                        aria-pressed={pressed}
                        style={{ backgroundColor: color, color: textColorOn(color) }}
                        onClick={() => onSelect(pressed ? null : { kind, likelihood: likelihood.value, impact: impact.value })}
                      >
                        {/* The name is read from the content: hidden words around the visible level and count. */}
                        <span className="visually-hidden">
                          {t('risks.heatMap.cellPrefix', {
                            kind: t(`risks.heatMap.${kind}Short`),
                            likelihood: localized(likelihood.label, lang),
                            impact: localized(impact.label, lang),
                          })}{' '}
                        </span>
                        <span className="heat-map-level">{levelLabel}</span>
                        <span className="visually-hidden"> – </span>
                        <span className="heat-map-count">{count}</span>
                        <span className="visually-hidden"> {t('risks.heatMap.cellRisks', { count })}</span>
                      </UnstyledButton>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </AxisFrame>
    </section>
  );
}
