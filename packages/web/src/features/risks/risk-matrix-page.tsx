import { useState } from 'react';
import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { useRiskMatrix, type RiskMatrixUpdateResult } from './risk-queries';
import { RiskMatrixEditor } from './risk-matrix-editor';
import './risks.css';

/** The organisation's risk matrix (Risikomatrix): readable for every risk reader, editable with risk.configure. */
export function RiskMatrixPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  usePageTitle(t('riskMatrix.title'));
  const query = useRiskMatrix();
  const [result, setResult] = useState<RiskMatrixUpdateResult | null>(null);
  const [generation, setGeneration] = useState(0);
  const editable = can('risk.configure');

  if (query.data === undefined) return query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />;
  const matrix = query.data;

  return (
    <Stack gap="md" maw={1300}>
      <div>
        <Anchor component={Link} to="/risks" fz="sm">
          {t('riskMatrix.back')}
        </Anchor>
        <Title order={1} mt={4}>
          {t('riskMatrix.title')}
        </Title>
        <Text c="dimmed" fz="sm">
          {t('riskMatrix.intro')}
        </Text>
        <Text fz="sm" mt={4} data-testid="risk-matrix-version">
          {matrix.version === 0
            ? t('riskMatrix.defaultInForce')
            : t('riskMatrix.versionLine', { version: matrix.version, date: formatDateTime(matrix.updatedAt, i18n.language), name: matrix.updatedBy ?? '–' })}
        </Text>
      </div>
      {!editable ? (
        <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
          {t('riskMatrix.readOnly')}
        </Alert>
      ) : null}
      {result !== null ? (
        <Alert color="teal" variant="light" role="status" icon={<IconCircleCheck size={18} aria-hidden />} title={t('riskMatrix.saved', { version: result.version })} data-testid="risk-matrix-result" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setResult(null)}>
          <Text fz="sm">
            {t('riskMatrix.reRated', { count: result.reRated })} {result.acceptancesStale > 0 ? t('riskMatrix.acceptancesStale', { count: result.acceptancesStale }) : null}
          </Text>
        </Alert>
      ) : null}
      <RiskMatrixEditor
        key={`${matrix.version}-${generation}`}
        matrix={matrix}
        editable={editable}
        onSaved={setResult}
        onReload={() => {
          void query.refetch().then(() => setGeneration((g) => g + 1));
        }}
      />
    </Stack>
  );
}
