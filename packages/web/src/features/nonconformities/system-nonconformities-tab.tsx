import type { AiSystem } from '@konform/core';
import { useTranslation } from 'react-i18next';
import { NonconformityOverview } from './nonconformity-overview';
import { RecordNonconformityButton } from './record-nonconformity-button';
import './nonconformities.css';

/** The system's non-conformities (ISO/IEC 42001 10.2) with their state, and a way to record a new one. */
export function SystemNonconformitiesTab({ system }: { system: AiSystem }) {
  const { t } = useTranslation();
  return (
    <NonconformityOverview
      systemId={system.id}
      title={t('capa.systemTab.title')}
      intro={t('capa.systemTab.intro')}
      caption={t('capa.systemTab.caption', { system: system.name })}
      actions={system.archivedAt === null ? <RecordNonconformityButton systemId={system.id} /> : undefined}
    />
  );
}
