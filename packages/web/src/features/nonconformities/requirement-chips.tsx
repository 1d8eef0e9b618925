import { Anchor, Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatLegalRef } from '../../i18n/legal-ref';
import { localized, requirementHref } from '../catalogs/localized';
import { useRequirementLabels } from './nonconformity-queries';

/** The affected requirements as chips: reference and title where the catalogue knows the key, the key itself always. */
export function RequirementChips({ keys }: { keys: string[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const labels = useRequirementLabels(keys);
  if (keys.length === 0) return <>{t('capa.detail.noRequirements')}</>;
  return (
    <Group gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="capa-requirements">
      {keys.map((key) => {
        const known = labels.get(key);
        return (
          <Paper key={key} component="li" withBorder radius="xl" px="sm" py={2} bg="gray.0">
            <Anchor component={Link} to={requirementHref(key)} fz="sm">
              {known === undefined ? key : `${formatLegalRef(known.ref, lang)} – ${localized(known.title, lang)}`}
            </Anchor>
            {known === undefined ? null : (
              <Text component="span" fz="xs" c="dimmed" ml={6} ff="monospace">
                {key}
              </Text>
            )}
          </Paper>
        );
      })}
    </Group>
  );
}
