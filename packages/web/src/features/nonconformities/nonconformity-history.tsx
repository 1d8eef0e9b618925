import { useTranslation } from 'react-i18next';
import { NONCONFORMITY_SEVERITIES, NONCONFORMITY_SOURCES, NONCONFORMITY_STATUSES } from '@konform/core';
import { formatDate } from '../../i18n/format';
import { isOneOf } from '../../shared/is-one-of';
import { RecordHistorySection } from '../audit/record-history-section';
import { usePersonName } from '../requirements/person-name';
import { useNonconformityHistory } from './nonconformity-queries';

const ACTIONS = ['create', 'update', 'transition'] as const;
const FIELDS = ['title', 'description', 'source', 'severity', 'requirementKeys', 'rootCause', 'actions', 'status', 'implementedBy', 'verification', 'systemId', 'orgUnitId'] as const;
const HIDDEN = new Set(['systemId', 'orgUnitId']);

/** Before/after values in words: statuses, sources and severities translated, actions and verification summarised. */
function useFormatValue(): (field: string, value: unknown) => string {
  const { t, i18n } = useTranslation();
  const person = usePersonName();
  return (field, value) => {
    if (value === null || value === undefined || value === '') return t('common.none');
    if (field === 'status' && isOneOf(NONCONFORMITY_STATUSES, value)) return t(`capa.statuses.${value}`);
    if (field === 'source' && isOneOf(NONCONFORMITY_SOURCES, value)) return t(`capa.sources.${value}`);
    if (field === 'severity' && isOneOf(NONCONFORMITY_SEVERITIES, value)) return t(`capa.severities.${value}`);
    if (field === 'implementedBy' && typeof value === 'string') return person(value);
    if (field === 'actions' && Array.isArray(value)) {
      if (value.length === 0) return t('common.none');
      return (value as { description?: string; owner?: string; dueDate?: string | null; done?: boolean }[])
        .map((a) => t('capa.history.actionLine', { description: a.description ?? '', owner: a.owner || t('common.none'), due: a.dueDate ? formatDate(a.dueDate, i18n.language) : t('common.none'), done: a.done ? t('common.yes') : t('common.no') }))
        .join('\n');
    }
    if (field === 'verification' && typeof value === 'object') {
      const v = value as { effective?: boolean; note?: string };
      return `${v.effective ? t('capa.verification.effective') : t('capa.verification.notEffective')}: ${v.note ?? ''}`;
    }
    if (Array.isArray(value)) return value.length === 0 ? t('common.none') : value.map(String).join('; ');
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
    return JSON.stringify(value);
  };
}

/** The non-conformity's audit trail (Änderungsprotokoll), newest first. */
export function NonconformityHistory({ id }: { id: string }) {
  const { t } = useTranslation();
  const query = useNonconformityHistory(id, true);
  const format = useFormatValue();
  return (
    <RecordHistorySection
      titleId="capa-history-title"
      title={t('capa.history.title')}
      forbidden={t('capa.history.forbidden')}
      query={query}
      entity="nonconformity"
      verbs={ACTIONS}
      verbLabel={(verb) => t(`capa.history.actions.${verb}`)}
      fields={FIELDS}
      fieldLabel={(field) => t(`capa.history.fields.${field}`)}
      formatValue={format}
      hiddenFields={HIDDEN}
    />
  );
}
