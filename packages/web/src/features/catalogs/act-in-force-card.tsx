import { useState } from 'react';
import { Badge, Button, Group, NativeSelect, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { actReviewHref, useActInForce } from './catalog-update-queries';
import { localized } from './localized';

/** The AI Act text version whose dates apply (as published or as amended), and a preview of switching to another. */
export function ActInForceCard() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const query = useActInForce();
  const [target, setTarget] = useState('');
  if (query.data === undefined) return <ErrorAlert error={query.error} />;
  const { actInForce, acts, changedAt, changedBy } = query.data;
  const current = acts.find((a) => a.id === actInForce);
  const others = acts.filter((a) => a.id !== actInForce);
  const chosen = target !== '' && others.some((a) => a.id === target) ? target : (others[0]?.id ?? '');

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="act-in-force-title" data-testid="act-in-force">
      <Title order={2} fz="lg" id="act-in-force-title">
        {t('catalogs.act.title')}
      </Title>
      <Text fz="sm" c="dimmed" mb="sm">
        {t('catalogs.act.intro')}
      </Text>
      <Group gap="xs" align="center">
        <Text fz="sm" fw={600}>
          {current === undefined ? actInForce : localized(current.title, lang)}
        </Text>
        {current !== undefined ? (
          <Badge size="sm" variant="outline" color="gray.8">
            {t(`catalogs.act.certainty.${current.certainty}`)}
          </Badge>
        ) : null}
      </Group>
      {current !== undefined && current.reference !== '' ? (
        <Text fz="xs" c="dimmed">
          {current.reference}
        </Text>
      ) : null}
      <Text fz="xs" c="dimmed">
        {changedAt === null ? t('catalogs.act.default') : t('catalogs.act.changed', { name: changedBy ?? '–', at: formatDateTime(changedAt, lang) })}
      </Text>
      {others.length > 0 ? (
        <Group gap="md" align="flex-end" mt="md">
          <NativeSelect
            label={t('catalogs.act.other')}
            value={chosen}
            data={others.map((a) => ({ value: a.id, label: `${localized(a.title, lang)} (${t(`catalogs.act.certainty.${a.certainty}`)})` }))}
            onChange={(e) => setTarget(e.currentTarget.value)}
            style={{ flex: '1 1 24rem' }}
          />
          <Button component={Link} to={actReviewHref(chosen)} variant="default">
            {t('catalogs.act.preview')}
          </Button>
        </Group>
      ) : null}
    </Paper>
  );
}
