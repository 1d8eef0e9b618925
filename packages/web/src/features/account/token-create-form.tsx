import { useState, type FormEvent } from 'react';
import { Button, Group, NumberInput, Stack, TextInput, Title } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiTokenCreate, type ApiTokenCreated } from '@konform/core';
import { ErrorAlert } from '../../shared/error-alert';
import { serverFieldErrors } from '../../shared/field-errors';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { useCreateApiToken } from './token-queries';

const DEFAULT_DAYS = 90;

/** Name and validity of a new API token; hands the created token (with its secret) to the page. */
export function TokenCreateForm({ onCreated }: { onCreated: (token: ApiTokenCreated) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [days, setDays] = useState<number | string>(DEFAULT_DAYS);
  const create = useCreateApiToken();
  const errors = serverFieldErrors(create.error, t, { schema: ApiTokenCreate, payload: create.variables });
  // A number rule (1–730) reads better as the allowed range than as zod's generic wording.
  if (errors.expiresInDays !== undefined) errors.expiresInDays = t('account.tokens.validityRange');

  // Scoped to this form: the other form on the page may still show its own errors.
  const [form, setForm] = useState<HTMLFormElement | null>(null);
  useFocusFirstError(create.error, form ?? document);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    // An empty field becomes null in JSON and comes back as a field error from the server.
    create.mutate(
      { name, expiresInDays: typeof days === 'number' ? days : Number.NaN },
      {
        onSuccess: (token) => {
          setName('');
          setDays(DEFAULT_DAYS);
          onCreated(token);
        },
      },
    );
  };

  return (
    <form ref={setForm} onSubmit={handleSubmit} noValidate aria-labelledby="token-create-title">
      <Stack gap="sm">
        <Title order={3} id="token-create-title">
          {t('account.tokens.createTitle')}
        </Title>
        <Group align="flex-start" gap="md">
          <TextInput
            w={360}
            label={t('account.tokens.name')}
            description={t('account.tokens.nameHint')}
            required
            maxLength={100}
            autoComplete="off"
            value={name}
            error={errors.name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <NumberInput
            w={200}
            label={t('account.tokens.validity')}
            description={t('account.tokens.validityHint')}
            required
            min={1}
            max={730}
            allowDecimal={false}
            allowNegative={false}
            value={days}
            error={errors.expiresInDays}
            onChange={setDays}
          />
        </Group>
        <ErrorAlert error={create.error} />
        <Group>
          <Button type="submit" leftSection={<IconKey size={16} aria-hidden />} loading={create.isPending}>
            {t('account.tokens.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
