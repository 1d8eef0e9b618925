import { describe, expect, it } from 'vitest';
import { GLOBAL_ROLES, PERMISSIONS, ROLES, ROLE_PERMISSIONS, expandUnitScope, heldPermissions, permissionScope } from './permissions.js';

const units = [
  { id: 'root', parentId: null },
  { id: 'a', parentId: 'root' },
  { id: 'a1', parentId: 'a' },
  { id: 'b', parentId: 'root' },
];

describe('permission table', () => {
  it('names every permission area.verb and grants only known permissions', () => {
    for (const p of PERMISSIONS) expect(p).toMatch(/^[a-z]+\.[a-z]+$/);
    for (const role of ROLES) for (const p of ROLE_PERMISSIONS[role]) expect(PERMISSIONS).toContain(p);
  });

  it('gives the auditor read, verify, audit findings and packages but no other write, and the viewer only reading', () => {
    expect(ROLE_PERMISSIONS.auditor.filter((p) => !p.endsWith('.read'))).toEqual(['audit.verify', 'nonconformity.verify', 'auditing.record', 'package.export']);
    expect(ROLE_PERMISSIONS.viewer.filter((p) => !p.endsWith('.read'))).toEqual(['intake.submit']);
    expect(ROLE_PERMISSIONS.admin).toEqual(PERMISSIONS);
  });

  it('lists the permissions held in any unit, in table order', () => {
    expect(heldPermissions([{ orgUnitId: 'a', role: 'viewer' }, { orgUnitId: 'b', role: 'lab' }])).toEqual(['system.read', 'orgunit.read', 'intake.submit', 'intake.read', 'classification.read', 'catalog.read', 'requirement.read', 'evidence.read', 'evidence.write', 'risk.read', 'nonconformity.read', 'nonconformity.edit', 'task.read', 'task.edit', 'qms.read', 'training.read', 'vendor.read', 'model.read', 'model.edit', 'lab.read', 'lab.run', 'lab.manage', 'lab.release', 'document.read', 'document.edit', 'report.read', 'auditing.read', 'assessment.read', 'incident.read', 'complaint.read', 'monitoring.read', 'monitoring.record']);
    expect(heldPermissions([])).toEqual([]);
  });
});

describe('unit scope', () => {
  it('reaches all units for global roles', () => {
    for (const role of GLOBAL_ROLES) expect(permissionScope([{ orgUnitId: 'a1', role }], 'system.read')).toEqual({ all: true });
  });

  it('collects only the units whose role grants the permission, then expands to sub-units', () => {
    const scope = permissionScope([{ orgUnitId: 'a', role: 'owner' }, { orgUnitId: 'b', role: 'viewer' }], 'system.update');
    expect(scope).toEqual({ all: false, roots: ['a'] });
    expect([...expandUnitScope(['a'], units)].sort()).toEqual(['a', 'a1']);
    expect([...expandUnitScope(['root'], units)].sort()).toEqual(['a', 'a1', 'b', 'root']);
    expect([...expandUnitScope([], units)]).toEqual([]);
  });

  it('survives a corrupted tree with a cycle', () => {
    const cyclic = [{ id: 'x', parentId: 'y' }, { id: 'y', parentId: 'x' }];
    expect([...expandUnitScope(['x'], cyclic)].sort()).toEqual(['x', 'y']);
  });
});
