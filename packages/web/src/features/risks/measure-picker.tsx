import { useMemo, useState } from 'react';
import { Badge, Button, CloseButton, Group, List, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useMeasures } from '../catalogs/catalog-queries';
import { localized } from '../catalogs/localized';

const MAX_RESULTS = 8;

interface Props {
  value: string[];
  onChange: (value: string[]) => void;
  error?: string | undefined;
}

/** Measures of the measures catalogue linked to the risk: chips with a remove button, and a search to add more. */
export function MeasurePicker({ value, onChange, error }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 250);
  const all = useMeasures();
  const found = useMeasures({ q }, q.length >= 2);
  const titles = useMemo(() => new Map((all.data?.items ?? []).map((m) => [m.id, localized(m.title, lang)])), [all.data, lang]);
  const titleOf = (id: string) => titles.get(id) ?? id;
  const results = q.length >= 2 ? (found.data?.items ?? []).filter((m) => !value.includes(m.id)).slice(0, MAX_RESULTS) : [];

  return (
    <div>
      <Text fz="sm" fw={500} id="risk-measures-label">
        {t('risks.fields.measures')}
      </Text>
      {value.length === 0 ? (
        <Text fz="sm" c="dimmed" mt={4}>
          {t('risks.form.noMeasures')}
        </Text>
      ) : (
        <Group gap={6} mt={4} component="ul" aria-labelledby="risk-measures-label" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="risk-form-measures">
          {value.map((id) => (
            <li key={id}>
              <Badge
                variant="light"
                color="petrol"
                c="dark.9"
                size="lg"
                pr={3}
                style={{ maxWidth: '100%', height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
                rightSection={
                  <CloseButton
                    size="xs"
                    aria-label={t('risks.form.removeMeasure', { title: titleOf(id) })}
                    onClick={() => onChange(value.filter((v) => v !== id))}
                  />
                }
              >
                {titleOf(id)}
              </Badge>
            </li>
          ))}
        </Group>
      )}
      {error !== undefined ? (
        <Text fz="xs" c="red.9" mt={4} role="alert">
          {error}
        </Text>
      ) : null}
      <TextInput
        mt="sm"
        label={t('risks.form.measureSearch')}
        description={t('risks.form.measureSearchHint')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          // Enter in the search must not submit the whole form.
          if (e.key === 'Enter') e.preventDefault();
        }}
      />
      {q.length >= 2 ? (
        <div>
          <Text fz="xs" c="dimmed" mt={4} aria-live="polite">
            {found.isFetching ? t('app.loading') : t('risks.form.measureResults', { count: results.length })}
          </Text>
          {results.length > 0 ? (
            <List listStyleType="none" spacing={4} mt={4} ml={0} pl={0} aria-label={t('risks.form.measureResultsLabel')}>
              {results.map((m) => (
                <List.Item key={m.id}>
                  <Group gap="xs" wrap="nowrap" align="flex-start">
                    <div style={{ flex: 1 }}>
                      <Text fz="sm">{localized(m.title, lang)}</Text>
                      <Text fz="xs" c="dimmed" className="hash">
                        {m.id}
                      </Text>
                    </div>
                    <Button
                      size="compact-xs"
                      variant="light"
                      aria-label={t('risks.form.addMeasure', { title: localized(m.title, lang) })}
                      onClick={() => onChange([...value, m.id])}
                    >
                      {t('risks.form.add')}
                    </Button>
                  </Group>
                </List.Item>
              ))}
            </List>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
