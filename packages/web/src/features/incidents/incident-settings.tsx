import { useEffect, useState } from 'react';
import { Accordion, Button, Group, NativeSelect, NumberInput, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { COUNTING_RULES, type IncidentSettings } from '@konform/core';
import { api } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { incidentKeys, useIncidentSettings } from './incident-queries';

/**
 * The settings of the area: how Art. 73 periods are counted, the clock for informing the provider (Art. 26(5)) and the
 * default answer period of complaints. Incidents already recorded keep the rule they were recorded under.
 */
export function IncidentSettingsPanel() {
  const { t } = useTranslation();
  const settings = useIncidentSettings();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<IncidentSettings | null>(null);
  useEffect(() => {
    if (settings.data) setDraft(settings.data);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: (input: IncidentSettings) => api.put<IncidentSettings>('/incidents/settings', input),
    onSuccess: (saved) => qc.setQueryData(incidentKeys.settings, saved),
  });
  if (!draft) return null;
  const changed = JSON.stringify(draft) !== JSON.stringify(settings.data);
  return (
    <Accordion variant="contained" data-testid="incident-settings">
      <Accordion.Item value="settings">
        <Accordion.Control>{t('incidents.settings.title')}</Accordion.Control>
        <Accordion.Panel>
          <Stack gap="sm" maw={640}>
            <Text fz="sm" c="dimmed">
              {t('incidents.settings.intro')}
            </Text>
            <NativeSelect
              label={t('incidents.settings.countingRule')}
              value={draft.countingRule}
              data={COUNTING_RULES.map((r) => ({ value: r, label: t(`incidents.rule.${r}`) }))}
              onChange={(e) => setDraft({ ...draft, countingRule: e.currentTarget.value as IncidentSettings['countingRule'] })}
              data-testid="incident-settings-rule"
            />
            <NumberInput label={t('incidents.settings.informProviderHours')} min={1} max={240} value={draft.informProviderHours} onChange={(v) => setDraft({ ...draft, informProviderHours: Number(v) || 1 })} />
            <NumberInput label={t('incidents.settings.complaintDueDays')} min={1} max={365} value={draft.complaintDueDays} onChange={(v) => setDraft({ ...draft, complaintDueDays: Number(v) || 1 })} />
            <ErrorAlert error={save.error} />
            <Group>
              <Button onClick={() => save.mutate(draft)} disabled={!changed} loading={save.isPending} data-testid="incident-settings-save">
                {t('incidents.settings.save')}
              </Button>
              {save.isSuccess && !changed ? <Text fz="sm">{t('incidents.settings.saved')}</Text> : null}
            </Group>
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
