import { ActionIcon, Button, Fieldset, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, type SsoMapping } from '@konform/core';
import { useUnitOptions } from '../org-units/org-unit-queries';

interface Props {
  value: SsoMapping[];
  onChange: (value: SsoMapping[]) => void;
  errors: Record<string, string>;
}

/** Rows of (group, role, unit): what each value of the groups claim grants. */
export function SsoMappingsInput({ value, onChange, errors }: Props) {
  const { t } = useTranslation();
  const { options } = useUnitOptions();
  const units = [{ value: '*', label: t('sso.allUnits') }, ...options];
  const set = (index: number, patch: Partial<SsoMapping>) => onChange(value.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <Fieldset legend={t('sso.mappings')} variant="unstyled">
      <Stack gap="xs">
        <Text fz="sm" c="dimmed">
          {t('sso.mappingsIntro')}
        </Text>
        {value.length === 0 ? <Text fz="sm">{t('sso.noMappings')}</Text> : null}
        {value.map((row, index) => (
          <Group key={index} gap="xs" align="flex-start" wrap="nowrap" data-testid="sso-mapping">
            <TextInput
              flex={1}
              size="sm"
              label={t('sso.claimValue', { index: index + 1 })}
              value={row.claimValue}
              error={errors[`mappings.${index}.claimValue`]}
              onChange={(e) => set(index, { claimValue: e.currentTarget.value })}
              data-testid={`sso-mapping-${index}-claim`}
            />
            <NativeSelect
              w={230}
              size="sm"
              label={t('sso.role', { index: index + 1 })}
              value={row.role}
              data={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
              onChange={(e) => set(index, { role: e.currentTarget.value as Role })}
              data-testid={`sso-mapping-${index}-role`}
            />
            <NativeSelect
              flex={1}
              size="sm"
              label={t('sso.unit', { index: index + 1 })}
              value={row.orgUnitId}
              data={units}
              error={errors[`mappings.${index}.orgUnitId`]}
              onChange={(e) => set(index, { orgUnitId: e.currentTarget.value })}
              data-testid={`sso-mapping-${index}-unit`}
            />
            <ActionIcon variant="subtle" color="red.8" size="lg" mt={26} aria-label={t('sso.removeMapping', { index: index + 1 })} onClick={() => onChange(value.filter((_, i) => i !== index))}>
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => onChange([...value, { claimValue: '', role: 'viewer', orgUnitId: options[0]?.value ?? '*' }])} data-testid="sso-mapping-add">
            {t('sso.addMapping')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
