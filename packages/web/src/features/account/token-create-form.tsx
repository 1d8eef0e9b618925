import { useState, type FormEvent } from 'react';
import { Button, Group, MultiSelect, NumberInput, SimpleGrid, Stack, TextInput, Title, type ComboboxData } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiTokenCreate, type ApiTokenCreated, type Permission } from '@konform/core';
import { useCurrentUser } from '../../app/auth-context';
import { useSystemList } from '../inventory/system-queries';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { usePermissionGroups } from './token-permissions';
import { ErrorAlert } from '../../shared/error-alert';
import { serverFieldErrors } from '../../shared/field-errors';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { useCreateApiToken } from './token-queries';

const DEFAULT_DAYS = 90;

interface LimitSelectProps {
  /** Which limit: its words are `account.tokens.<limit>Label` etc., its test id `token-<limit>`. */
  limit: 'permissions' | 'systems' | 'units';
  data: ComboboxData;
  value: string[];
  onChange: (value: string[]) => void;
  error: string | undefined;
  maw?: number;
}

/** One optional limit of a token (permissions, AI systems, units): a searchable multi-select, empty for no limit. */
function LimitSelect({ limit, data, value, onChange, error, maw }: LimitSelectProps) {
  const { t } = useTranslation();
  return (
    <MultiSelect
      maw={maw}
      label={t(`account.tokens.${limit}Label`)}
      description={t(`account.tokens.${limit}Hint`)}
      placeholder={value.length === 0 ? t(`account.tokens.${limit}Placeholder`) : undefined}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      hidePickedOptions
      clearButtonProps={{ 'aria-label': t(`account.tokens.${limit}Clear`) }}
      nothingFoundMessage={t('account.tokens.nothingFound')}
      maxDropdownHeight={320}
      error={error}
      data-testid={`token-${limit}`}
    />
  );
}

/**
 * Name, validity and optional limits (permissions, AI systems, units) of a new API token; hands the created token
 * (with its secret) to the page. Empty limits mean the token acts with all of the user's permissions, everywhere.
 */
export function TokenCreateForm({ onCreated }: { onCreated: (token: ApiTokenCreated) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [days, setDays] = useState<number | string>(DEFAULT_DAYS);
  const [permissions, setPermissions] = useState<string[]>([]);
  const [systemIds, setSystemIds] = useState<string[]>([]);
  const [orgUnitIds, setOrgUnitIds] = useState<string[]>([]);
  const user = useCurrentUser();
  const permissionGroups = usePermissionGroups(user.permissions);
  const systems = useSystemList({ limit: 500, sort: 'name' });
  const systemOptions = (systems.data?.items ?? []).filter((s) => s.archivedAt === null).map((s) => ({ value: s.id, label: s.name }));
  const { options: unitOptions } = useUnitOptions();
  const create = useCreateApiToken();
  const errors = serverFieldErrors(create.error, t, { schema: ApiTokenCreate, payload: create.variables });
  // A number rule (1–730) reads better as the allowed range than as zod's generic wording.
  if (errors.expiresInDays !== undefined) errors.expiresInDays = t('account.tokens.validityRange');
  // A refused entry of a list (permissions.2) is shown at the list's field.
  const listError = (field: string) => Object.entries(errors).find(([path]) => path === field || path.startsWith(`${field}.`))?.[1];

  // Scoped to this form: the other form on the page may still show its own errors.
  const [form, setForm] = useState<HTMLFormElement | null>(null);
  useFocusFirstError(create.error, form ?? document);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    // An empty field becomes null in JSON and comes back as a field error from the server.
    create.mutate(
      {
        name,
        expiresInDays: typeof days === 'number' ? days : Number.NaN,
        ...(permissions.length > 0 ? { permissions: permissions as Permission[] } : {}),
        ...(systemIds.length > 0 ? { systemIds } : {}),
        ...(orgUnitIds.length > 0 ? { orgUnitIds } : {}),
      },
      {
        onSuccess: (token) => {
          setName('');
          setDays(DEFAULT_DAYS);
          setPermissions([]);
          setSystemIds([]);
          setOrgUnitIds([]);
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
        <LimitSelect limit="permissions" maw={760} data={permissionGroups} value={permissions} onChange={setPermissions} error={listError('permissions')} />
        <SimpleGrid cols={{ base: 1, md: 2 }} maw={760}>
          <LimitSelect limit="systems" data={systemOptions} value={systemIds} onChange={setSystemIds} error={listError('systemIds')} />
          <LimitSelect limit="units" data={unitOptions} value={orgUnitIds} onChange={setOrgUnitIds} error={listError('orgUnitIds')} />
        </SimpleGrid>
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
