import { z } from 'zod';

/**
 * Roles are granted per organisational unit and reach into its sub-units.
 * `admin` and `governance` act across all units wherever they are granted.
 */
export const ROLES = ['admin', 'governance', 'owner', 'lab', 'auditor', 'viewer'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const GLOBAL_ROLES: readonly Role[] = ['admin', 'governance'];

/** Every permission is named `area.verb`. */
export const PERMISSIONS = [
  'system.read',
  'system.create',
  'system.update',
  'system.archive',
  'orgunit.read',
  'orgunit.manage',
  'user.read',
  'user.manage',
  'audit.read',
  'audit.verify',
  'intake.submit',
  'intake.read',
  'intake.manage',
  'classification.read',
  'classification.edit',
  'classification.approve',
  'catalog.read',
  'catalog.manage',
  'requirement.read',
  'requirement.edit',
  'requirement.verify',
  'evidence.read',
  'evidence.write',
  'risk.read',
  'risk.edit',
  'risk.accept',
  'risk.configure',
  'fria.approve',
  'nonconformity.read',
  'nonconformity.edit',
  'nonconformity.verify',
  'task.read',
  'task.edit',
  'qms.read',
  'qms.edit',
  'qms.approve',
  'training.read',
  'training.manage',
  'training.record',
  'vendor.read',
  'vendor.edit',
  'model.read',
  'model.edit',
  'lab.read',
  'lab.run',
  'lab.manage',
  'lab.release',
  'document.read',
  'document.edit',
  'document.release',
  'document.configure',
  'report.read',
  'report.create',
  'auditing.read',
  'auditing.manage',
  'auditing.record',
  'assessment.read',
  'assessment.edit',
  'assessment.approve',
  'incident.read',
  'incident.edit',
  'incident.report',
  'complaint.read',
  'complaint.edit',
  'monitoring.read',
  'monitoring.edit',
  'monitoring.record',
  'package.export',
  'webhook.manage',
  'security.configure',
  'privacy.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Routes that need a signed-in user but no particular permission, or nobody at all. */
export type RouteAccess = Permission | 'authenticated' | 'public';

/**
 * The one role × permission table. The server's route hook and every service read it;
 * the UI receives the resulting permission list from /api/auth/me.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  /** Everything except managing units, user accounts and sign-in security (SSO, MFA), which stay with the administrator. */
  governance: PERMISSIONS.filter((p) => p !== 'orgunit.manage' && p !== 'user.manage' && p !== 'security.configure'),
  owner: [
    'system.read',
    'system.create',
    'system.update',
    'system.archive',
    'orgunit.read',
    'audit.read',
    'intake.submit',
    'intake.read',
    'classification.read',
    'classification.edit',
    'catalog.read',
    'requirement.read',
    'requirement.edit',
    'evidence.read',
    'evidence.write',
    'risk.read',
    'risk.edit',
    'risk.accept',
    'nonconformity.read',
    'nonconformity.edit',
    'task.read',
    'task.edit',
    'qms.read',
    'training.read',
    'training.record',
    'vendor.read',
    'vendor.edit',
    'model.read',
    'model.edit',
    'lab.read',
    'document.read',
    'document.edit',
    'report.read',
    'auditing.read',
    'assessment.read',
    'assessment.edit',
    'incident.read',
    'incident.edit',
    'complaint.read',
    'complaint.edit',
    'monitoring.read',
    'monitoring.edit',
    'monitoring.record',
    'package.export',
  ],
  lab: ['system.read', 'orgunit.read', 'intake.submit', 'intake.read', 'classification.read', 'catalog.read', 'requirement.read', 'evidence.read', 'evidence.write', 'risk.read', 'nonconformity.read', 'nonconformity.edit', 'task.read', 'task.edit', 'qms.read', 'training.read', 'vendor.read', 'model.read', 'model.edit', 'lab.read', 'lab.run', 'lab.manage', 'lab.release', 'document.read', 'document.edit', 'report.read', 'auditing.read', 'assessment.read', 'incident.read', 'complaint.read', 'monitoring.read', 'monitoring.record'],
  auditor: ['system.read', 'orgunit.read', 'user.read', 'audit.read', 'audit.verify', 'intake.read', 'classification.read', 'catalog.read', 'requirement.read', 'evidence.read', 'risk.read', 'nonconformity.read', 'nonconformity.verify', 'task.read', 'qms.read', 'training.read', 'vendor.read', 'model.read', 'lab.read', 'document.read', 'report.read', 'auditing.read', 'auditing.record', 'assessment.read', 'incident.read', 'complaint.read', 'monitoring.read', 'package.export'],
  viewer: ['system.read', 'orgunit.read', 'intake.submit', 'intake.read', 'classification.read', 'catalog.read', 'requirement.read', 'evidence.read', 'risk.read', 'nonconformity.read', 'task.read', 'qms.read', 'training.read', 'vendor.read', 'model.read', 'lab.read', 'document.read', 'report.read', 'auditing.read', 'assessment.read', 'incident.read', 'complaint.read', 'monitoring.read'],
};

export function roleGrants(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export interface Assignment {
  orgUnitId: string;
  role: Role;
}

/** Permissions held in at least one unit. */
export function heldPermissions(assignments: readonly Assignment[]): Permission[] {
  const held = new Set<Permission>();
  for (const a of assignments) for (const p of ROLE_PERMISSIONS[a.role]) held.add(p);
  return PERMISSIONS.filter((p) => held.has(p));
}

/** Where a permission reaches: every unit, or the listed units and their sub-units. */
export type PermissionScope = { all: true } | { all: false; roots: string[] };

export function permissionScope(assignments: readonly Assignment[], permission: Permission): PermissionScope {
  const roots = new Set<string>();
  for (const a of assignments) {
    if (!roleGrants(a.role, permission)) continue;
    if (GLOBAL_ROLES.includes(a.role)) return { all: true };
    roots.add(a.orgUnitId);
  }
  return { all: false, roots: [...roots] };
}

/** Expands scope roots to the full set of unit ids, given the unit tree as parent links. */
export function expandUnitScope(roots: readonly string[], units: readonly { id: string; parentId: string | null }[]): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (u.parentId === null) continue;
    const list = children.get(u.parentId) ?? [];
    list.push(u.id);
    children.set(u.parentId, list);
  }
  const result = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (result.has(id)) continue;
    result.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return result;
}
