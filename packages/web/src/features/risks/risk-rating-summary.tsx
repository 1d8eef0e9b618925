import { Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Risk, RiskMatrixConfig } from '@konform/core';
import { LevelBadge } from './level-badge';
import { stepLabel } from './risk-display';

function Rating({ title, likelihood, impact, level, matrix, testId }: {
  title: string;
  likelihood: number | null;
  impact: number | null;
  level: Risk['inherentLevel'];
  matrix: RiskMatrixConfig | undefined;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const label = (axis: 'likelihood' | 'impact', value: number | null) =>
    value === null ? t('risks.level.unrated') : `${value} – ${stepLabel(matrix?.[axis] ?? [], value, lang) ?? ''}`;
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Title order={3} fz="sm" mb="xs">
        {title}
      </Title>
      <LevelBadge level={level} rated={likelihood !== null && impact !== null} size="md" />
      <dl className="detail-list" style={{ marginTop: 'var(--mantine-spacing-xs)' }}>
        <dt>{t('risks.fields.likelihood')}</dt>
        <dd>{label('likelihood', likelihood)}</dd>
        <dt>{t('risks.fields.impact')}</dt>
        <dd>{label('impact', impact)}</dd>
      </dl>
    </Paper>
  );
}

/** The inherent and the residual rating side by side, each with its level. */
export function RiskRatingSummary({ risk, matrix }: { risk: Risk; matrix: RiskMatrixConfig | undefined }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="risk-rating-title">
      <Title order={2} fz="lg" id="risk-rating-title" mb="sm">
        {t('risks.detail.rating')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Rating title={t('risks.heatMap.inherentTitle')} likelihood={risk.likelihood} impact={risk.impact} level={risk.inherentLevel} matrix={matrix} testId="risk-rating-inherent" />
        <Rating
          title={t('risks.heatMap.residualTitle')}
          likelihood={risk.residualLikelihood}
          impact={risk.residualImpact}
          level={risk.residualLevel}
          matrix={matrix}
          testId="risk-rating-residual"
        />
      </SimpleGrid>
      <Text fz="xs" c="dimmed" mt="xs">
        {t('risks.detail.ratingHint')}
      </Text>
    </section>
  );
}
