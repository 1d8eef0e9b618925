import { useTranslation } from 'react-i18next';
import { FUNDAMENTAL_RIGHTS, RISK_AFFECTED_AREAS, RISK_STATUSES, RISK_TREATMENTS } from '@konform/core';
import { formatDate } from '../../i18n/format';
import { isOneOf } from '../../shared/is-one-of';
import { RecordHistorySection } from '../audit/record-history-section';
import { useMeasures } from '../catalogs/catalog-queries';
import { localized } from '../catalogs/localized';
import { useRiskHistory, useRiskMatrix } from './risk-queries';
import { useSourceIndex } from './use-source-index';

const ACTIONS = ['create', 'update', 'accept', 'rerate'] as const;
const FIELDS = [
  'title', 'description', 'sourceId', 'affected', 'rights', 'affectedGroups', 'likelihood', 'impact', 'inherentLevel', 'treatment', 'measures',
  'residualLikelihood', 'residualImpact', 'residualLevel', 'owner', 'nextReview', 'status', 'signatures', 'required',
] as const;
const HIDDEN = new Set(['systemId']);

/** A before/after value in words: enum values translated, levels and sources by their labels, measures by title. */
function useFormatValue(): (field: string, value: unknown) => string {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const matrix = useRiskMatrix();
  const { refs } = useSourceIndex();
  const measures = useMeasures();
  const one = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('common.none');
    if (field === 'treatment' && isOneOf(RISK_TREATMENTS, value)) return t(`risks.treatments.${value}`);
    if (field === 'status' && isOneOf(RISK_STATUSES, value)) return t(`risks.statuses.${value}`);
    if (field === 'affected' && isOneOf(RISK_AFFECTED_AREAS, value)) return t(`risks.affectedAreas.${value}`);
    if (field === 'rights' && isOneOf(FUNDAMENTAL_RIGHTS, value)) return t(`risks.rights.${value}`);
    if ((field === 'inherentLevel' || field === 'residualLevel') && typeof value === 'string') {
      const level = matrix.data?.config.levels.find((l) => l.id === value);
      return level === undefined ? value : localized(level.label, lang);
    }
    if (field === 'sourceId' && typeof value === 'string') return refs.get(value) ?? value;
    if (field === 'measures' && typeof value === 'string') {
      const m = measures.data?.items.find((x) => x.id === value);
      return m === undefined ? value : localized(m.title, lang);
    }
    if (field === 'nextReview' && typeof value === 'string') return formatDate(value, lang);
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
    return JSON.stringify(value);
  };
  return (field, value) => {
    if (Array.isArray(value)) return value.length === 0 ? t('common.none') : value.map((v) => one(field, v)).join('; ');
    return one(field, value);
  };
}

/** The risk's audit trail (Änderungsprotokoll), newest first, including re-ratings after a matrix change. */
export function RiskHistory({ riskId }: { riskId: string }) {
  const { t } = useTranslation();
  const query = useRiskHistory(riskId, true);
  const format = useFormatValue();
  return (
    <RecordHistorySection
      titleId="risk-history-title"
      title={t('risks.history.title')}
      forbidden={t('risks.history.forbidden')}
      query={query}
      entity="risk"
      verbs={ACTIONS}
      verbLabel={(verb) => t(`risks.history.actions.${verb}`)}
      fields={FIELDS}
      fieldLabel={(field) => t(`risks.history.fields.${field}`)}
      formatValue={format}
      hiddenFields={HIDDEN}
    />
  );
}
