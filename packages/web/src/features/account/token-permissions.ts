import { useTranslation } from 'react-i18next';
import { PERMISSIONS, type Permission } from '@konform/core';

type Area = Permission extends `${infer A}.${string}` ? A : never;

export function areaOf(permission: Permission): Area {
  return permission.slice(0, permission.indexOf('.')) as Area;
}

/** Readable names of permissions, e.g. „Nachweise – hochladen und bearbeiten“. */
export function usePermissionLabel(): (permission: Permission) => string {
  const { t } = useTranslation();
  return (permission) => t('account.tokens.permissionLabel', { area: t(`account.tokens.areas.${areaOf(permission)}`), verb: t(`account.tokens.verbs.${permission}`) });
}

/** Select data for the permissions the user holds, grouped by area in the order of the permission table. */
export function usePermissionGroups(held: readonly string[]) {
  const { t } = useTranslation();
  const label = usePermissionLabel();
  const groups: { group: string; items: { value: Permission; label: string }[] }[] = [];
  for (const permission of PERMISSIONS) {
    if (!held.includes(permission)) continue;
    const group = t(`account.tokens.areas.${areaOf(permission)}`);
    let entry = groups.find((g) => g.group === group);
    if (!entry) groups.push((entry = { group, items: [] }));
    entry.items.push({ value: permission, label: label(permission) });
  }
  return groups;
}
