import type { ChangeEvent, ReactNode } from 'react';
import { Checkbox, Group, NativeSelect, Paper, Radio, SimpleGrid, Stack, TagsInput, Textarea, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AUTONOMY_LEVELS, LIFECYCLE_STAGES, OPERATOR_ROLES, SOURCINGS, readableLevels, type Marking, type OperatorRole } from '@konform/core';
import { useCurrentUser } from '../../app/auth-context';
import type { FieldErrors } from '../../shared/field-errors';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { VendorSelect } from '../vendors/vendor-select';
import type { Autonomy, Sourcing, SystemFormValues } from './system-form-values';

interface Props {
  values: SystemFormValues;
  errors: FieldErrors;
  onChange: (patch: Partial<SystemFormValues>) => void;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" component="section">
      <Title order={2} mb="md">
        {title}
      </Title>
      <Stack gap="md">{children}</Stack>
    </Paper>
  );
}

/** All fields of an AI system, grouped in sections; errors appear beside their field. */
export function SystemForm({ values, errors, onChange }: Props) {
  const { t } = useTranslation();
  const { options: unitOptions } = useUnitOptions();
  const label = (field: Exclude<keyof SystemFormValues, 'vendorId' | 'classification'>) => t(`system.fields.${field}`);
  // Only levels up to the user's own clearance are offered (the server refuses others); a stored level stays shown.
  const levels = [...new Set<Marking>([...readableLevels(useCurrentUser().clearance), values.classification])];
  const text = (field: 'name' | 'shortName' | 'responsible') => ({
    label: label(field),
    name: field,
    value: values[field],
    error: errors[field],
    onChange: (event: ChangeEvent<HTMLInputElement>) => onChange({ [field]: event.currentTarget.value }),
  });
  const area = (field: 'purpose' | 'description' | 'deploymentContext' | 'affectedPersons') => ({
    label: label(field),
    name: field,
    value: values[field],
    error: errors[field],
    autosize: true,
    minRows: 3,
    maxRows: 12,
    onChange: (event: ChangeEvent<HTMLTextAreaElement>) => onChange({ [field]: event.currentTarget.value }),
  });

  return (
    <Stack gap="lg">
      <Section title={t('systemForm.sectionBasics')}>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <TextInput {...text('name')} required maxLength={200} />
          <TextInput {...text('shortName')} maxLength={40} />
        </SimpleGrid>
        <Textarea {...area('purpose')} required description={t('system.hints.purpose')} />
        <Textarea {...area('description')} />
        <NativeSelect
          label={t('clearance.systemField')}
          name="classification"
          description={t('clearance.systemHint')}
          value={values.classification}
          error={errors.classification}
          onChange={(event) => onChange({ classification: event.currentTarget.value as Marking })}
          data={levels.map((level) => ({ value: level, label: t(`clearance.markings.${level}`) }))}
        />
        <TagsInput
          label={label('tags')}
          name="tags"
          description={t('system.hints.tags')}
          value={values.tags}
          error={errors.tags}
          onChange={(tags) => onChange({ tags })}
          clearable
        />
      </Section>
      <Section title={t('systemForm.sectionClassification')}>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <NativeSelect
            label={label('orgUnitId')}
            name="orgUnitId"
            required
            value={values.orgUnitId}
            error={errors.orgUnitId}
            onChange={(event) => onChange({ orgUnitId: event.currentTarget.value })}
            data={[{ value: '', label: t('systemForm.chooseUnit'), disabled: true }, ...unitOptions]}
          />
          <TextInput {...text('responsible')} maxLength={200} />
          <NativeSelect
            label={label('lifecycleStage')}
            name="lifecycleStage"
            value={values.lifecycleStage}
            error={errors.lifecycleStage}
            onChange={(event) => onChange({ lifecycleStage: event.currentTarget.value as SystemFormValues['lifecycleStage'] })}
            data={LIFECYCLE_STAGES.map((stage) => ({ value: stage, label: t(`system.stages.${stage}`) }))}
          />
        </SimpleGrid>
        <Checkbox.Group
          label={label('roles')}
          description={t('system.hints.roles')}
          required
          value={values.roles}
          error={errors.roles}
          onChange={(roles) => onChange({ roles: roles as OperatorRole[] })}
        >
          <Group gap="lg" mt={6}>
            {OPERATOR_ROLES.map((role) => (
              <Checkbox key={role} value={role} label={t(`system.operatorRoles.${role}`)} />
            ))}
          </Group>
        </Checkbox.Group>
      </Section>
      <Section title={t('systemForm.sectionSourcing')}>
        <Radio.Group
          label={label('sourcing')}
          name="sourcing"
          value={values.sourcing}
          error={errors.sourcing}
          onChange={(sourcing) => onChange({ sourcing: sourcing as Sourcing })}
        >
          <Group gap="lg" mt={6}>
            {SOURCINGS.map((sourcing) => (
              <Radio key={sourcing} value={sourcing} label={t(`system.sourcings.${sourcing}`)} />
            ))}
          </Group>
        </Radio.Group>
        <VendorSelect
          label={label('vendor')}
          vendorId={values.vendorId}
          vendor={values.vendor}
          required={values.sourcing === 'procured'}
          error={errors.vendor ?? errors.vendorId}
          onChange={onChange}
        />
      </Section>
      <Section title={t('systemForm.sectionUse')}>
        <Textarea {...area('deploymentContext')} />
        <Textarea {...area('affectedPersons')} />
        <Radio.Group
          label={label('autonomy')}
          name="autonomy"
          value={values.autonomy}
          error={errors.autonomy}
          onChange={(autonomy) => onChange({ autonomy: autonomy as Autonomy })}
        >
          <Stack gap={8} mt={6}>
            {AUTONOMY_LEVELS.map((level) => (
              <Radio key={level} value={level} label={t(`system.autonomyLevels.${level}`)} />
            ))}
          </Stack>
        </Radio.Group>
      </Section>
    </Stack>
  );
}
