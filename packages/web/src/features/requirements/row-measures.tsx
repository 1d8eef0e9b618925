import { useEffect, useRef, useState } from 'react';
import { Badge, Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { SystemRequirement } from '@konform/core';
import { ErrorAlert } from '../../shared/error-alert';
import { useMeasures } from '../catalogs/catalog-queries';
import { localized } from '../catalogs/localized';
import { useApplyMeasure, useRemoveMeasure, useSystemMeasures } from './requirement-queries';

/** Asks in place before a measure is removed; focus moves to "cancel" so the keyboard stays in the drawer. */
function ConfirmRemove({ label, question, pending, onCancel, onConfirm }: { label: string; question: string; pending: boolean; onCancel: () => void; onConfirm: () => void }) {
  const { t } = useTranslation();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <Group gap="xs" mt={4} role="group" aria-label={label}>
      <Text fz="xs" style={{ flex: 1 }}>
        {question}
      </Text>
      <Button ref={cancel} size="compact-xs" variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button size="compact-xs" color="red.8" loading={pending} onClick={onConfirm}>
        {t('matrix.removeMeasureYes')}
      </Button>
    </Group>
  );
}

/** The measures applied to the system that advance this row, and the catalogue's suggestions to apply. */
export function RowMeasures({ systemId, row, editable }: { systemId: string; row: SystemRequirement; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const applied = useSystemMeasures(systemId);
  const suggestions = useMeasures({ requirement: row.requirementId });
  const apply = useApplyMeasure(systemId);
  const remove = useRemoveMeasure(systemId);
  const [confirming, setConfirming] = useState<string | undefined>();
  const appliedIds = new Set((applied.data?.items ?? []).map((m) => m.measureId));
  const advancing = (applied.data?.items ?? []).filter((m) => row.measures.includes(m.measureId) || m.advances.includes(row.requirementId));
  const open = (suggestions.data?.items ?? []).filter((m) => !appliedIds.has(m.id));

  const applyMeasure = (measureId: string, status: 'planned' | 'implemented', title: string) =>
    apply.mutate(
      { measureId, status, note: '' },
      { onSuccess: () => notifications.show({ color: 'teal', message: t(status === 'planned' ? 'matrix.measureApplied' : 'matrix.measureImplemented', { title }) }) },
    );

  const removeMeasure = (measureId: string, title: string) =>
    remove.mutate(measureId, {
      onSuccess: () => {
        setConfirming(undefined);
        notifications.show({ color: 'teal', message: t('matrix.measureRemoved', { title }) });
      },
    });

  return (
    <section aria-labelledby="row-measures-title">
      <Title order={3} fz="md" id="row-measures-title" mb="xs">
        {t('matrix.measures')}
      </Title>
      <Stack gap="sm">
        {advancing.length === 0 ? (
          <Text fz="sm" c="dimmed">
            {t('matrix.noMeasuresApplied')}
          </Text>
        ) : (
          <List size="sm" spacing={6} listStyleType="none" ml={0} pl={0}>
            {advancing.map((m) => (
              <List.Item key={m.measureId}>
                <Group gap="xs" wrap="nowrap">
                  <Text fz="sm" style={{ flex: 1 }}>
                    {localized(m.title, lang)}
                  </Text>
                  <Badge size="sm" variant="light" color={m.status === 'implemented' ? 'teal' : 'blue'} c="dark.9" miw="max-content">
                    {t(`matrix.measureStatus.${m.status}`)}
                  </Badge>
                  {editable && m.status === 'planned' ? (
                    <Button size="compact-xs" variant="default" onClick={() => applyMeasure(m.measureId, 'implemented', localized(m.title, lang))}>
                      {t('matrix.markImplemented')}
                    </Button>
                  ) : null}
                  {editable && confirming !== m.measureId ? (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      c="red.9"
                      onClick={() => setConfirming(m.measureId)}
                      aria-label={t('matrix.removeMeasureNamed', { title: localized(m.title, lang) })}
                    >
                      {t('matrix.removeMeasure')}
                    </Button>
                  ) : null}
                </Group>
                {editable && confirming === m.measureId ? (
                  <ConfirmRemove
                    label={t('matrix.removeMeasureNamed', { title: localized(m.title, lang) })}
                    question={t('matrix.removeMeasureConfirm', { title: localized(m.title, lang) })}
                    pending={remove.isPending}
                    onCancel={() => setConfirming(undefined)}
                    onConfirm={() => removeMeasure(m.measureId, localized(m.title, lang))}
                  />
                ) : null}
              </List.Item>
            ))}
          </List>
        )}
        {editable && open.length > 0 ? (
          <div>
            <Text fz="sm" fw={500} mb={4}>
              {t('matrix.suggestions')}
            </Text>
            <List size="sm" spacing={6} listStyleType="none" ml={0} pl={0}>
              {open.map((m) => (
                <List.Item key={m.id}>
                  <Group gap="xs" wrap="nowrap">
                    <Text fz="sm" style={{ flex: 1 }}>
                      {localized(m.title, lang)}
                    </Text>
                    <Button
                      size="compact-xs"
                      variant="light"
                      loading={apply.isPending && apply.variables.measureId === m.id}
                      onClick={() => applyMeasure(m.id, 'planned', localized(m.title, lang))}
                      aria-label={t('matrix.applyMeasureNamed', { title: localized(m.title, lang) })}
                    >
                      {t('matrix.applyMeasure')}
                    </Button>
                  </Group>
                </List.Item>
              ))}
            </List>
          </div>
        ) : null}
        <ErrorAlert error={apply.error} />
        <ErrorAlert error={remove.error} />
      </Stack>
    </section>
  );
}
