import { useState, type FormEvent } from 'react';
import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { UseMutationResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AdviceCreate } from '@konform/core';
import { formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { serverFieldErrors } from '../../shared/field-errors';
import type { Advice } from './intake-types';

interface Props {
  advice: Advice[];
  /** Present when the user may record advice (intake.manage). */
  add?: UseMutationResult<Advice, Error, string>;
  headingId: string;
}

/** The dated advice log, oldest first, and a form to record a new entry. */
export function AdviceLog({ advice, add, headingId }: Props) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const errors = serverFieldErrors(add?.error, t, { schema: AdviceCreate, payload: { text: add?.variables ?? '' } });
  const entries = [...advice].sort((a, b) => a.createdAt.localeCompare(b.createdAt));

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    add?.mutate(text.trim(), {
      onSuccess: () => {
        setText('');
        notifications.show({ color: 'teal', message: t('advice.added') });
      },
    });
  };

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={headingId}>
      <Title order={2} id={headingId} mb="md">
        {t('advice.title')}
      </Title>
      {entries.length === 0 ? (
        <Text fz="sm" c="dimmed" mb="md">
          {t('advice.empty')}
        </Text>
      ) : (
        <Stack component="ol" gap="sm" p={0} m={0} mb="md" style={{ listStyle: 'none' }} aria-label={t('advice.title')}>
          {entries.map((entry) => (
            <li key={entry.id} className="advice-entry">
              <Text fz="xs" c="dimmed">
                <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt, i18n.language)}</time> · {entry.author.label}
              </Text>
              <Text fz="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {entry.text}
              </Text>
            </li>
          ))}
        </Stack>
      )}
      {add !== undefined ? (
        <form onSubmit={handleSubmit} noValidate>
          <Stack gap="sm">
            <Textarea
              label={t('advice.new')}
              description={t('advice.newHint')}
              name="advice"
              value={text}
              error={errors.text}
              required
              autosize
              minRows={3}
              maxLength={10000}
              onChange={(event) => setText(event.currentTarget.value)}
            />
            {errors.text === undefined ? <ErrorAlert error={add.error} /> : null}
            <Group justify="flex-end">
              <Button type="submit" variant="default" loading={add.isPending}>
                {t('advice.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Paper>
  );
}
