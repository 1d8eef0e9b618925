import { useState } from 'react';
import { Alert, Button, Checkbox, List, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ErasureResult } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { serverFieldErrors } from '../../shared/field-errors';
import { ErrorAlert } from '../../shared/error-alert';
import { useUserList } from '../users/user-queries';
import { useErasePerson, useErasurePreview } from './privacy-queries';

/**
 * Erasure on request (DSGVO Art. 17): choose the person, see the preview (records, mentions in free text, audit events,
 * what stays), give a
 * reason, confirm that it cannot be undone.
 */
export function ErasurePanel() {
  const { t } = useTranslation();
  const { state } = useAuth();
  const me = state.status === 'signed-in' ? state.user : null;
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const [previewOf, setPreviewOf] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [result, setResult] = useState<ErasureResult | null>(null);
  const users = useUserList({ q: search, limit: 50, offset: 0 });
  const preview = useErasurePreview(previewOf);
  const erase = useErasePerson();
  const errors = serverFieldErrors(erase.error, t);
  const options = (users.data?.items ?? []).filter((u) => u.id !== me?.id).map((u) => ({ value: u.id, label: `${u.displayName} <${u.email}>` }));
  const data = preview.data;

  const submit = () => {
    if (previewOf === null) return;
    erase.mutate({ userId: previewOf, input: { reason, confirm: true } }, {
      onSuccess: (r) => { setResult(r); setPreviewOf(null); setChosen(null); setReason(''); setConfirmed(false); },
    });
  };

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} fz="h4">{t('privacy.erasure.title')}</Title>
        <Text fz="sm" c="dimmed">{t('privacy.erasure.intro')}</Text>
        {result ? (
          <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} aria-hidden />} data-testid="erasure-done">
            {t('privacy.erasure.done', { pseudonym: result.pseudonym, records: result.records, events: result.auditEvents })}
          </Alert>
        ) : null}
        <Select
          label={t('privacy.erasure.user')}
          placeholder={t('privacy.erasure.userPlaceholder')}
          searchable
          clearable
          data={options}
          value={chosen}
          onChange={(v) => { setChosen(v); setPreviewOf(null); setResult(null); }}
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options: all }) => all}
          data-testid="erasure-user"
        />
        <div>
          <Button variant="light" disabled={chosen === null} onClick={() => setPreviewOf(chosen)} data-testid="erasure-preview">{t('privacy.erasure.preview')}</Button>
        </div>
        <ErrorAlert error={preview.error} />
        {data ? (
          <Stack gap="xs" data-testid="erasure-preview-result">
            <Title order={3} fz="h5">{t('privacy.erasure.previewTitle', { name: `${data.displayName} <${data.email}>` })}</Title>
            {data.alreadyErased ? <Alert color="gray">{t('privacy.erasure.alreadyErased')}</Alert> : null}
            <Text fz="sm">{t('privacy.erasure.pseudonym')}: <strong>{data.pseudonym}</strong></Text>
            <Text fz="sm" fw={600}>{t('privacy.erasure.records')}</Text>
            {data.records.length === 0 ? <Text fz="sm" c="dimmed">{t('privacy.erasure.recordsNone')}</Text> : (
              <List fz="sm">{data.records.map((r) => <List.Item key={`${r.table}.${r.column}`}>{t('privacy.erasure.recordLine', r)}</List.Item>)}</List>
            )}
            <Text fz="sm" fw={600}>{t('privacy.erasure.mentions')}</Text>
            {data.mentions.length === 0 ? <Text fz="sm" c="dimmed">{t('privacy.erasure.mentionsNone')}</Text> : (
              <List fz="sm" data-testid="erasure-mentions">{data.mentions.map((m) => <List.Item key={`${m.table}.${m.column}`}>{t('privacy.erasure.mentionLine', m)}</List.Item>)}</List>
            )}
            <Text fz="sm" c="dimmed">{t('privacy.erasure.mentionsHint')}</Text>
            <Text fz="sm" data-testid="erasure-events">{t('privacy.erasure.auditEvents', { count: data.auditEvents })}</Text>
            <Text fz="sm" fw={600}>{t('privacy.erasure.keptTitle')}</Text>
            <List fz="sm">{data.kept.map((k) => <List.Item key={k}>{t(`privacy.erasure.kept.${k as 'signatures'}`)}</List.Item>)}</List>
            {data.alreadyErased ? null : (
              <>
                <Textarea label={t('privacy.erasure.reason')} description={t('privacy.erasure.reasonHint')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} data-testid="erasure-reason" />
                <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />}>{t('privacy.erasure.irreversible')}</Alert>
                <Checkbox label={t('privacy.erasure.confirm')} checked={confirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)} data-testid="erasure-confirm" />
                <div>
                  <Button color="red" disabled={!confirmed || reason.trim().length < 3} loading={erase.isPending} onClick={submit} data-testid="erasure-submit">{t('privacy.erasure.submit')}</Button>
                </div>
                {Object.keys(errors).length === 0 ? <ErrorAlert error={erase.error} /> : null}
              </>
            )}
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}
