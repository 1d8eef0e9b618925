import { useEffect, useState, type FormEvent } from 'react';
import { Button, Checkbox, Code, Group, Paper, PasswordInput, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { LocalLoginMode, SsoConfig, SsoConfigUpdate, SsoMapping } from '@konform/core';
import { api, fieldErrorsOf } from '../../api/client';
import { usePageTitle } from '../../app/use-page-title';
import { formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { ssoKeys, useSsoConfig } from './sso-queries';
import { SsoMappingsInput } from './sso-mappings-input';

interface Draft {
  enabled: boolean;
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  groupsClaim: string;
  mappings: SsoMapping[];
  localLogin: LocalLoginMode;
  breakGlassEmails: string;
}

function draftOf(c: SsoConfig): Draft {
  return {
    enabled: c.enabled, displayName: c.displayName, issuer: c.issuer, clientId: c.clientId, clientSecret: '', scopes: c.scopes.join(' '), groupsClaim: c.groupsClaim,
    mappings: c.mappings, localLogin: c.localLogin, breakGlassEmails: c.breakGlassEmails.join('\n'),
  };
}

/** Administration: the OpenID Connect provider, the group → role mapping and whether passwords still work. */
export function SsoSettingsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('sso.title'));
  const config = useSsoConfig();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    if (config.data) setDraft(draftOf(config.data));
  }, [config.data]);
  const save = useMutation({
    mutationFn: (input: SsoConfigUpdate) => api.put<SsoConfig>('/security/sso', input),
    onSuccess: (saved) => {
      qc.setQueryData(ssoKeys.config, saved);
      void qc.invalidateQueries({ queryKey: ssoKeys.status });
    },
  });
  const errors = fieldErrorsOf(save.error);
  if (!draft || !config.data) return <ErrorAlert error={config.error} />;
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      enabled: draft.enabled,
      displayName: draft.displayName,
      issuer: draft.issuer.trim(),
      clientId: draft.clientId,
      ...(draft.clientSecret ? { clientSecret: draft.clientSecret } : {}),
      scopes: draft.scopes.split(/\s+/).filter(Boolean),
      groupsClaim: draft.groupsClaim,
      mappings: draft.mappings,
      localLogin: draft.localLogin,
      breakGlassEmails: draft.breakGlassEmails.split(/[\s,;]+/).filter(Boolean),
      version: config.data.version,
    }, { onSuccess: () => set({ clientSecret: '' }) });
  };
  return (
    <Stack gap="lg" maw={900}>
      <Title order={1}>{t('sso.title')}</Title>
      <Paper withBorder p="lg" component="form" onSubmit={submit} noValidate data-testid="sso-form">
        <Stack gap="md">
          <Text fz="sm" c="dimmed">
            {t('sso.intro')}
          </Text>
          <Checkbox label={t('sso.enabled')} checked={draft.enabled} onChange={(e) => set({ enabled: e.currentTarget.checked })} data-testid="sso-enabled" />
          <TextInput label={t('sso.displayName')} description={t('sso.displayNameHint')} required value={draft.displayName} error={errors.displayName} onChange={(e) => set({ displayName: e.currentTarget.value })} data-testid="sso-display-name" />
          <TextInput label={t('sso.issuer')} description={t('sso.issuerHint')} required value={draft.issuer} error={errors.issuer} onChange={(e) => set({ issuer: e.currentTarget.value })} data-testid="sso-issuer" />
          <TextInput label={t('sso.clientId')} required value={draft.clientId} error={errors.clientId} onChange={(e) => set({ clientId: e.currentTarget.value })} data-testid="sso-client-id" />
          <PasswordInput
            label={t('sso.clientSecret')}
            description={config.data.clientSecretSet ? t('sso.clientSecretSet') : t('sso.clientSecretUnset')}
            autoComplete="new-password"
            value={draft.clientSecret}
            error={errors.clientSecret}
            onChange={(e) => set({ clientSecret: e.currentTarget.value })}
            data-testid="sso-client-secret"
          />
          <Group grow align="flex-start">
            <TextInput label={t('sso.scopes')} description={t('sso.scopesHint')} value={draft.scopes} error={errors.scopes} onChange={(e) => set({ scopes: e.currentTarget.value })} />
            <TextInput label={t('sso.groupsClaim')} description={t('sso.groupsClaimHint')} value={draft.groupsClaim} error={errors.groupsClaim} onChange={(e) => set({ groupsClaim: e.currentTarget.value })} data-testid="sso-groups-claim" />
          </Group>
          <div>
            <Text fz="sm" fw={500}>
              {t('sso.redirectUri')}
            </Text>
            <Code data-testid="sso-redirect-uri">{config.data.redirectUri}</Code>
          </div>
          <SsoMappingsInput value={draft.mappings} onChange={(mappings) => set({ mappings })} errors={errors} />
          <Radio.Group label={t('sso.localLogin')} value={draft.localLogin} onChange={(v) => set({ localLogin: v as LocalLoginMode })}>
            <Stack gap={6} mt={6}>
              <Radio value="on" label={t('sso.localLoginOn')} data-testid="sso-local-on" />
              <Radio value="break-glass-only" label={t('sso.localLoginBreakGlass')} data-testid="sso-local-break-glass" />
            </Stack>
          </Radio.Group>
          <Textarea
            label={t('sso.breakGlass')}
            description={t('sso.breakGlassHint')}
            autosize
            minRows={2}
            value={draft.breakGlassEmails}
            error={errors.breakGlassEmails ?? Object.entries(errors).find(([k]) => k.startsWith('breakGlassEmails.'))?.[1]}
            onChange={(e) => set({ breakGlassEmails: e.currentTarget.value })}
            data-testid="sso-break-glass"
          />
          <ErrorAlert error={Object.keys(errors).length > 0 ? null : save.error} />
          <Group>
            <Button type="submit" loading={save.isPending} data-testid="sso-save">
              {t('sso.save')}
            </Button>
            {save.isSuccess ? <Text fz="sm" role="status">{t('sso.saved')}</Text> : null}
            {config.data.updatedAt ? (
              <Text fz="sm" c="dimmed">
                {t('sso.lastChange', { date: formatDateTime(config.data.updatedAt, i18n.language), by: config.data.updatedBy ?? '' })}
              </Text>
            ) : null}
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
