import { Anchor, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Risk } from '@konform/core';
import { formatDateTime } from '../../i18n/format';
import { useMeasures } from '../catalogs/catalog-queries';
import { localized } from '../catalogs/localized';
import { ReviewDate } from './risk-register-table';
import { useSourceIndex } from './use-source-index';

/** Every recorded field of a risk as a description list; measures link to the measures catalogue. */
export function RiskFacts({ risk }: { risk: Risk }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { byId, catalog } = useSourceIndex();
  const measures = useMeasures();
  const source = risk.sourceId === null ? undefined : byId.get(risk.sourceId);
  const framework = source === undefined ? undefined : catalog?.frameworks.find((f) => f.id === source.framework);
  const measureTitle = (id: string) => {
    const m = measures.data?.items.find((x) => x.id === id);
    return m === undefined ? id : localized(m.title, lang);
  };
  const none = t('common.none');

  return (
    <dl className="detail-list" data-testid="risk-facts">
      <dt>{t('risks.fields.description')}</dt>
      <dd>{risk.description === '' ? none : risk.description}</dd>
      <dt>{t('risks.fields.source')}</dt>
      <dd>
        {source === undefined ? (
          (risk.sourceId ?? none)
        ) : (
          <>
            <Text component="span" fz="sm" fw={600}>
              {source.ref} – {localized(source.title, lang)}
            </Text>
            {framework !== undefined ? (
              <Text fz="xs" c="dimmed">
                {localized(framework.title, lang)}
              </Text>
            ) : null}
            <Text fz="xs" mt={2}>
              {localized(source.description, lang)}
            </Text>
          </>
        )}
      </dd>
      <dt>{t('risks.fields.affected')}</dt>
      <dd>{risk.affected.length === 0 ? none : risk.affected.map((a) => t(`risks.affectedAreas.${a}`)).join(', ')}</dd>
      {risk.affected.includes('fundamental-rights') || risk.rights.length > 0 ? (
        <>
          <dt>{t('risks.fields.rights')}</dt>
          <dd>{risk.rights.length === 0 ? none : risk.rights.map((r) => t(`risks.rights.${r}`)).join('; ')}</dd>
        </>
      ) : null}
      <dt>{t('risks.fields.affectedGroups')}</dt>
      <dd>{risk.affectedGroups === '' ? none : risk.affectedGroups}</dd>
      <dt>{t('risks.fields.treatment')}</dt>
      <dd>{risk.treatment === null ? none : t(`risks.treatments.${risk.treatment}`)}</dd>
      <dt>{t('risks.fields.measures')}</dt>
      <dd>
        {risk.measures.length === 0 ? (
          none
        ) : (
          <List size="sm" spacing={2} data-testid="risk-measures">
            {risk.measures.map((id) => (
              <List.Item key={id}>
                <Anchor component={Link} to={`/measures?q=${encodeURIComponent(id)}`} fz="sm">
                  {measureTitle(id)}
                </Anchor>
              </List.Item>
            ))}
          </List>
        )}
      </dd>
      <dt>{t('risks.fields.owner')}</dt>
      <dd>{risk.owner === '' ? none : risk.owner}</dd>
      <dt>{t('risks.fields.status')}</dt>
      <dd data-testid="risk-status">{t(`risks.statuses.${risk.status}`)}</dd>
      <dt>{t('risks.fields.nextReview')}</dt>
      <dd>
        <ReviewDate risk={risk} />
      </dd>
      <dt>{t('risks.detail.createdAt')}</dt>
      <dd>{formatDateTime(risk.createdAt, lang)}</dd>
      <dt>{t('risks.detail.updatedAt')}</dt>
      <dd>
        {formatDateTime(risk.updatedAt, lang)} · {t('risks.detail.version', { version: risk.version })}
      </dd>
    </dl>
  );
}
