import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, NativeSelect, PasswordInput, Stack, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { MARKINGS, UserCreate, UserUpdate, type Marking, type RoleAssignment, type User } from '@konform/core';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { serverFieldErrors } from '../../shared/field-errors';
import { RoleAssignmentsInput } from './role-assignments-input';
import { useCreateUser, useUpdateUser } from './user-queries';
import { passwordRefusalMessage } from '../sessions/password-errors';
import { UserSignInPanel } from '../sessions/user-sign-in-panel';

interface Props {
  /** The user to edit; null to create one. */
  user: User | null;
  onClose: () => void;
}

type Locale = 'de' | 'en';

function sameRoles(a: RoleAssignment[], b: RoleAssignment[]): boolean {
  const key = (list: RoleAssignment[]) => list.map((r) => `${r.orgUnitId}:${r.role}`).sort().join('|');
  return key(a) === key(b);
}

/** Create a user, or edit name, status, language, roles and password. */
export function UserDialog({ user, onClose }: Props) {
  const { t } = useTranslation();
  const [email, setEmail] = useState(user?.email ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [password, setPassword] = useState('');
  const [locale, setLocale] = useState<Locale>(user?.locale ?? 'de');
  const [active, setActive] = useState(user?.active ?? true);
  const [roles, setRoles] = useState<RoleAssignment[]>(user?.roles ?? []);
  const [clearance, setClearance] = useState<Marking>(user?.clearance ?? 'offen');
  const create = useCreateUser();
  const update = useUpdateUser();
  const mutation = user === null ? create : update;

  const createPayload: UserCreate = { email, displayName, password, locale, roles, clearance };
  const updatePayload: UserUpdate | null =
    user === null
      ? null
      : {
          version: user.version,
          ...(displayName !== user.displayName ? { displayName } : {}),
          ...(locale !== user.locale ? { locale } : {}),
          ...(active !== user.active ? { active } : {}),
          ...(password !== '' ? { password } : {}),
          ...(!sameRoles(roles, user.roles) ? { roles } : {}),
          ...(clearance !== user.clearance ? { clearance } : {}),
        };
  const errors =
    user === null
      ? serverFieldErrors(create.error, t, { schema: UserCreate, payload: createPayload })
      : serverFieldErrors(update.error, t, { schema: UserUpdate, payload: updatePayload });
  if (isApiError(create.error) && create.error.code === 'email-taken') errors.email = t('errors.emailTaken');
  const refusal = passwordRefusalMessage(mutation.error, t);
  if (refusal !== undefined) errors.password = refusal;

  const done = (saved: User, message: 'users.created' | 'users.updated') => {
    notifications.show({ color: 'teal', message: t(message, { name: saved.displayName }) });
    onClose();
  };

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (user === null) create.mutate(createPayload, { onSuccess: (saved) => done(saved, 'users.created') });
    else if (updatePayload !== null) update.mutate({ id: user.id, input: updatePayload }, { onSuccess: (saved) => done(saved, 'users.updated') });
  };

  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened onClose={onClose} size="lg" centered title={user === null ? t('users.createTitle') : t('users.editTitle')}>
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('users.email')}
            type="email"
            required={user === null}
            disabled={user !== null}
            autoComplete="off"
            value={email}
            error={errors.email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <TextInput label={t('users.displayName')} required value={displayName} error={errors.displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} />
          <PasswordInput
            label={user === null ? t('users.password') : t('users.newPassword')}
            description={t('users.passwordHint')}
            required={user === null}
            autoComplete="new-password"
            value={password}
            error={errors.password}
            aria-invalid={errors.password !== undefined}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <NativeSelect
            label={t('users.locale')}
            value={locale}
            error={errors.locale}
            onChange={(e) => setLocale(e.currentTarget.value === 'en' ? 'en' : 'de')}
            data={[
              { value: 'de', label: t('app.languageGerman') },
              { value: 'en', label: t('app.languageEnglish') },
            ]}
          />
          {user !== null ? <Switch label={t('users.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} /> : null}
          <RoleAssignmentsInput value={roles} onChange={setRoles} error={errors.roles} />
          <NativeSelect
            label={t('clearance.label')}
            description={t('clearance.hint')}
            value={clearance}
            error={errors.clearance}
            onChange={(e) => setClearance(e.currentTarget.value === 'VS-NfD' ? 'VS-NfD' : 'offen')}
            data={MARKINGS.map((level) => ({ value: level, label: t(`clearance.levels.${level}`) }))}
          />
          {user !== null ? <UserSignInPanel userId={user.id} name={user.displayName} /> : null}
          <ErrorAlert error={mutation.error} onReload={onClose} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {user === null ? t('common.create') : t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
