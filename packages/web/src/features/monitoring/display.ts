import { comparatorSymbol, type MonitoringIndicator, type MonitoringPlanStatus } from '@konform/core';

export const planStatusColor = (status: MonitoringPlanStatus) => ({ draft: 'gray', active: 'green', retired: 'dark' })[status];

/** A measured value or threshold in the reader's language (84,5 in German), with the unit when there is one. */
export function valueText(value: number, unit: string, language: string): string {
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: 6 }).format(value)}${unit ? ` ${unit}` : ''}`;
}

/** How an indicator's condition reads, e.g. "≥ 90 %". */
export function conditionText(indicator: Pick<MonitoringIndicator, 'comparator' | 'threshold' | 'unit'>, language: string): string {
  return `${comparatorSymbol(indicator.comparator)} ${valueText(indicator.threshold, indicator.unit, language)}`;
}
