import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Axis titles around a likelihood × impact grid: "impact →" above the columns, "likelihood →" up the left side.
 * Decorative for screen readers; the table's caption and headers carry the same information.
 */
export function AxisFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="axis-frame">
      <span className="axis-impact" aria-hidden>
        {t('risks.heatMap.axisImpact')} →
      </span>
      <span className="axis-likelihood" aria-hidden>
        {t('risks.heatMap.axisLikelihood')} →
      </span>
      <div className="heat-map-scroll">{children}</div>
    </div>
  );
}

/** The header cell above the row headers: names the rows' axis for screen readers. */
export function CornerHeader() {
  const { t } = useTranslation();
  return (
    <th scope="col">
      <span className="visually-hidden">{t('risks.heatMap.axisLikelihood')}</span>
    </th>
  );
}
