import { useState } from 'react';
import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ConformityAssessment } from '@konform/core';
import { fieldErrorsOf } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { useDeclaration, useUpdateMarking } from './conformity-queries';

/** After completion: the EU declaration of conformity (Art. 47), the CE marking (Art. 48) and the registration (Art. 49). */
export function CompletionSection({ assessment, editable }: { assessment: ConformityAssessment; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const declaration = useDeclaration(assessment.id);
  const marking = useUpdateMarking(assessment.id);
  const errors = fieldErrorsOf(marking.error);
  const [form, setForm] = useState({
    ceMarkingDate: assessment.ceMarking.date ?? '', ceMarkingPlace: assessment.ceMarking.place,
    registrationNumber: assessment.registration.number, registrationDate: assessment.registration.date ?? '',
  });
  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [key]: e.currentTarget.value });
  return (
    <Paper withBorder p="md" data-testid="conformity-completion">
      <Stack gap="sm">
        <Text fw={600}>{t('conformity.completion.title')}</Text>
        <Group>
          {assessment.declarationDocumentId !== null ? (
            <Anchor component={Link} to={`/documents/${assessment.declarationDocumentId}`} data-testid="conformity-declaration-link">
              {t('conformity.completion.openDeclaration')}
            </Anchor>
          ) : editable ? (
            <Button variant="default" loading={declaration.isPending} onClick={() => declaration.mutate(i18n.language === 'en' ? 'en' : 'de')} data-testid="conformity-declaration">
              {t('conformity.completion.createDeclaration')}
            </Button>
          ) : (
            <Text fz="sm" c="dimmed">{t('conformity.completion.noDeclaration')}</Text>
          )}
        </Group>
        <ErrorAlert error={declaration.error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput type="date" label={t('conformity.fields.ceMarkingDate')} value={form.ceMarkingDate} onChange={set('ceMarkingDate')} disabled={!editable} error={errors.ceMarkingDate} />
          <TextInput label={t('conformity.fields.ceMarkingPlace')} description={t('conformity.fields.ceMarkingPlaceHint')} value={form.ceMarkingPlace} onChange={set('ceMarkingPlace')} disabled={!editable} error={errors.ceMarkingPlace} />
          <TextInput label={t('conformity.fields.registrationNumber')} value={form.registrationNumber} onChange={set('registrationNumber')} disabled={!editable} error={errors.registrationNumber} />
          <TextInput type="date" label={t('conformity.fields.registrationDate')} value={form.registrationDate} onChange={set('registrationDate')} disabled={!editable} error={errors.registrationDate} />
        </SimpleGrid>
        {marking.error !== null && Object.keys(errors).length === 0 ? <ErrorAlert error={marking.error} /> : null}
        {editable ? (
          <Group>
            <Button
              loading={marking.isPending}
              onClick={() =>
                marking.mutate({
                  version: assessment.version, ceMarkingDate: form.ceMarkingDate === '' ? null : form.ceMarkingDate, ceMarkingPlace: form.ceMarkingPlace,
                  registrationNumber: form.registrationNumber, registrationDate: form.registrationDate === '' ? null : form.registrationDate,
                })
              }
            >
              {t('common.save')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}
