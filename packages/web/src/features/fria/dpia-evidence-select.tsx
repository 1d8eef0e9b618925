import { Anchor, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth-context';
import { useEvidenceList } from '../evidence/evidence-queries';

interface Props {
  systemId: string;
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string | undefined;
  readOnly: boolean;
}

/** The evidence of the system that holds its data protection impact assessment (Art. 26(9), 27(4) KI-VO). */
export function DpiaEvidenceSelect({ systemId, value, onChange, error, readOnly }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const allowed = can('evidence.read');
  const query = useEvidenceList({ systemId, limit: 500 }, allowed);
  const items = query.data?.items ?? [];
  const picked = items.find((e) => e.id === value);
  const data = [
    ...items.map((e) => ({ value: e.id, label: e.title })),
    ...(value !== null && picked === undefined && query.data !== undefined ? [{ value, label: t('fria.dpia.unknown') }] : []),
  ];

  if (!allowed) {
    return (
      <Text fz="sm" c="dimmed">
        {t('fria.dpia.noAccess')}
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <Select
        label={t('fria.dpia.label')}
        description={query.data !== undefined && items.length === 0 ? t('fria.dpia.empty') : undefined}
        placeholder={value === null && !readOnly ? t('fria.dpia.placeholder') : undefined}
        data={data}
        value={value}
        onChange={(v) => onChange(v)}
        searchable
        clearable={!readOnly}
        readOnly={readOnly}
        disabled={query.data === undefined}
        clearButtonProps={{ 'aria-label': t('fria.dpia.clear') }}
        nothingFoundMessage={t('fria.dpia.nothingFound')}
        error={error}
        data-testid="fria-dpia-select"
      />
      {picked !== undefined ? (
        <Anchor component={Link} to={`/evidence/${picked.id}`} fz="sm" data-testid="fria-dpia-link">
          {t('fria.dpia.open', { title: picked.title })}
        </Anchor>
      ) : !readOnly && query.data !== undefined && items.length === 0 ? (
        <Anchor component={Link} to="/evidence" fz="sm">
          {t('fria.dpia.toEvidence')}
        </Anchor>
      ) : null}
    </Stack>
  );
}
