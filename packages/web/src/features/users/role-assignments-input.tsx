import { ActionIcon, Button, Fieldset, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, type RoleAssignment } from '@konform/core';
import { useUnitOptions } from '../org-units/org-unit-queries';

interface Props {
  value: RoleAssignment[];
  onChange: (value: RoleAssignment[]) => void;
  error?: string | undefined;
}

/** Rows of (organisational unit, role); each role reaches into the unit's sub-units. */
export function RoleAssignmentsInput({ value, onChange, error }: Props) {
  const { t } = useTranslation();
  const { options } = useUnitOptions();
  const set = (index: number, patch: Partial<RoleAssignment>) =>
    onChange(value.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  return (
    <Fieldset legend={t('users.rolesLegend')} variant="unstyled">
      <Stack gap="xs">
        {value.length === 0 ? (
          <Text fz="sm" c="dimmed">
            {t('users.noRoles')}
          </Text>
        ) : null}
        {value.map((row, index) => (
          <Group key={index} gap="xs" align="flex-end" wrap="nowrap">
            <NativeSelect
              flex={1}
              size="sm"
              label={t('users.roleUnit', { index: index + 1 })}
              value={row.orgUnitId}
              onChange={(event) => set(index, { orgUnitId: event.currentTarget.value })}
              data={options}
            />
            <NativeSelect
              w={190}
              size="sm"
              label={t('users.roleName', { index: index + 1 })}
              value={row.role}
              onChange={(event) => set(index, { role: event.currentTarget.value as Role })}
              data={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
            />
            <ActionIcon
              variant="subtle"
              color="red.8"
              size="lg"
              mb={2}
              aria-label={t('users.removeRole', { index: index + 1 })}
              onClick={() => onChange(value.filter((_, i) => i !== index))}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        {error !== undefined ? (
          <Text fz="sm" c="var(--mantine-color-error)" role="alert">
            {error}
          </Text>
        ) : null}
        <Group>
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            disabled={options.length === 0}
            onClick={() => onChange([...value, { orgUnitId: options[0]?.value ?? '', role: 'viewer' }])}
          >
            {t('users.addRole')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
