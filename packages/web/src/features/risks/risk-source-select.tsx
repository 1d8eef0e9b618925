import { Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { localized } from '../catalogs/localized';
import { useSourceIndex } from './use-source-index';

interface Props {
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string | undefined;
}

/** The risk source: searchable by reference and title, grouped by framework (ISO/IEC 23894, OWASP, ATLAS, harms). */
export function RiskSourceSelect({ value, onChange, error }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { catalog, byId } = useSourceIndex();
  const data = (catalog?.frameworks ?? []).map((f) => ({
    group: localized(f.title, lang),
    items: (catalog?.sources ?? []).filter((s) => s.framework === f.id).map((s) => ({ value: s.id, label: `${s.ref} – ${localized(s.title, lang)}` })),
  }));
  const selected = value === null ? undefined : byId.get(value);
  return (
    <div>
      <Select
        label={t('risks.fields.source')}
        description={t('risks.form.sourceHint')}
        placeholder={t('risks.form.sourcePlaceholder')}
        data={data}
        value={value}
        onChange={onChange}
        searchable
        clearable
        nothingFoundMessage={t('risks.form.sourceNothingFound')}
        clearButtonProps={{ 'aria-label': t('risks.form.sourceClear') }}
        maxDropdownHeight={320}
        error={error}
        aria-invalid={error !== undefined}
        data-testid="risk-form-source"
      />
      {selected !== undefined ? (
        <Text fz="xs" c="dimmed" mt={4}>
          {localized(selected.description, lang)}
        </Text>
      ) : null}
    </div>
  );
}
