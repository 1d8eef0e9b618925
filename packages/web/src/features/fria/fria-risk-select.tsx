import { Anchor, Group, List, Loader, MultiSelect, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Risk } from '@konform/core';
import { ErrorAlert } from '../../shared/error-alert';
import { localized } from '../catalogs/localized';
import { LevelBadge } from '../risks/level-badge';
import { useSystemRisks } from '../risks/risk-queries';

interface Props {
  systemId: string;
  value: string[];
  onChange: (value: string[]) => void;
  error?: string | undefined;
  readOnly: boolean;
}

/** The risks of the system's register that element (d) draws on: R-n, title and level. */
export function FriaRiskSelect({ systemId, value, onChange, error, readOnly }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const query = useSystemRisks(systemId, { limit: 500 });

  if (query.data === undefined) return query.isPending ? <Loader size="sm" role="status" aria-label={t('app.loading')} /> : <ErrorAlert error={query.error} />;
  const risks = [...query.data.items].sort((a, b) => a.number - b.number);
  const byId = new Map(risks.map((r) => [r.id, r]));

  const levelText = (risk: Risk) =>
    risk.residualLevel !== null
      ? t('fria.risks.levelResidual', { level: localized(risk.residualLevel.label, lang) })
      : risk.inherentLevel !== null
        ? t('fria.risks.levelInherent', { level: localized(risk.inherentLevel.label, lang) })
        : t('risks.level.unrated');
  const labelOf = (risk: Risk) => {
    const label = t('fria.risks.option', { number: t('risks.numberLabel', { number: risk.number }), title: risk.title, level: levelText(risk) });
    return risk.status === 'closed' ? t('fria.risks.closed', { label }) : label;
  };
  const data = [
    ...risks.map((r) => ({ value: r.id, label: labelOf(r) })),
    ...value.filter((id) => !byId.has(id)).map((id) => ({ value: id, label: t('fria.risks.unknown') })),
  ];
  const chosen = value.map((id) => byId.get(id)).filter((r): r is Risk => r !== undefined).sort((a, b) => a.number - b.number);

  return (
    <Stack gap="xs">
      <MultiSelect
        label={t('fria.risks.label')}
        description={risks.length === 0 ? t('fria.risks.empty') : t('fria.risks.hint')}
        placeholder={value.length === 0 && !readOnly ? t('fria.risks.placeholder') : undefined}
        data={data}
        value={value}
        onChange={onChange}
        searchable
        clearable={!readOnly}
        readOnly={readOnly}
        hidePickedOptions
        maxDropdownHeight={320}
        clearButtonProps={{ 'aria-label': t('fria.risks.clear') }}
        nothingFoundMessage={t('fria.risks.nothingFound')}
        error={error}
        data-testid="fria-risk-select"
      />
      {chosen.length > 0 ? (
        <div>
          <Text fz="sm" fw={500} id="fria-risks-chosen">
            {t('fria.risks.selected')}
          </Text>
          <List size="sm" spacing={4} listStyleType="none" aria-labelledby="fria-risks-chosen" data-testid="fria-risks-chosen">
            {chosen.map((risk) => (
              <List.Item key={risk.id}>
                <Group gap="xs" wrap="nowrap">
                  <LevelBadge level={risk.residualLevel ?? risk.inherentLevel} rated={risk.likelihood !== null && risk.impact !== null} size="xs" />
                  <Anchor component={Link} to={`/risks/${risk.id}`} fz="sm">
                    {t('risks.numberLabel', { number: risk.number })} · {risk.title}
                  </Anchor>
                </Group>
              </List.Item>
            ))}
          </List>
        </div>
      ) : null}
    </Stack>
  );
}
