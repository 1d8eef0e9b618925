import type { TFunction } from 'i18next';
import { ROLES, type Role } from '@konform/core';

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** One role in the UI language (e.g. `governance` → "KI-Koordinierung"); unknown ids as they are. */
export function roleName(role: string, t: TFunction): string {
  return isRole(role) ? t(`roles.${role}`) : role;
}

/** Roles joined in the UI language; "–" for none. */
export function roleNames(roles: readonly string[], t: TFunction): string {
  return roles.length === 0 ? t('common.none') : roles.map((r) => roleName(r, t)).join(', ');
}
