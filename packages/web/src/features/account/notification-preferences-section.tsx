import { useState } from 'react';
import { Alert, Button, Group, Select, Stack, Switch, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CurrentUser, PreferencesUpdate } from '@konform/core';
import { api } from '../../api/client';
import { useCurrentUser } from '../../app/auth-context';
import { ErrorAlert } from '../../shared/error-alert';

/** Whether reminders also arrive by e-mail, and in which language mails are written. */
export function NotificationPreferencesSection() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [emailReminders, setEmailReminders] = useState(user.emailReminders);
  const [locale, setLocale] = useState<'de' | 'en'>(user.locale);
  const save = useMutation({ mutationFn: (input: PreferencesUpdate) => api.patch<CurrentUser>('/auth/preferences', input) });

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ emailReminders, locale });
      }}
    >
      <Stack gap="sm" maw={560}>
        <Text fz="sm">{t('account.notifications.intro')}</Text>
        <Switch
          label={t('account.notifications.emailReminders')}
          description={t('account.notifications.emailRemindersHint')}
          checked={emailReminders}
          onChange={(event) => setEmailReminders(event.currentTarget.checked)}
        />
        <Select
          label={t('account.notifications.mailLanguage')}
          data={[
            { value: 'de', label: t('app.languageGerman') },
            { value: 'en', label: t('app.languageEnglish') },
          ]}
          value={locale}
          allowDeselect={false}
          onChange={(value) => setLocale(value === 'en' ? 'en' : 'de')}
        />
        {save.isError && <ErrorAlert error={save.error} />}
        {save.isSuccess && (
          <Alert color="green" icon={<IconCircleCheck aria-hidden />} role="status">
            {t('account.notifications.saved')}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('account.notifications.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
