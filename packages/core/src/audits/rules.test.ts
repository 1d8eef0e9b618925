import { describe, expect, it } from 'vitest';
import { auditMayGo, auditorConflicts, checklistItems, findingStatus, openFindings, requirementInScope, severityOfResult } from './rules.js';

describe('audit rules', () => {
  it('moves planned → in-progress → reporting → closed, cancels open audits, never leaves closed', () => {
    expect(auditMayGo('planned', 'in-progress')).toBe(true);
    expect(auditMayGo('in-progress', 'reporting')).toBe(true);
    expect(auditMayGo('reporting', 'closed')).toBe(true);
    expect(auditMayGo('planned', 'closed')).toBe(false);
    expect(auditMayGo('planned', 'cancelled')).toBe(true);
    expect(auditMayGo('closed', 'cancelled')).toBe(false);
    expect(auditMayGo('cancelled', 'planned')).toBe(false);
  });

  it('matches catalogues and requirement prefixes at a boundary', () => {
    expect(requirementInScope('eu-ai-act:art-9', [], [])).toBe(true);
    expect(requirementInScope('eu-ai-act:art-9', ['eu-ai-act'], [])).toBe(true);
    expect(requirementInScope('iso-42001:cl-9', ['eu-ai-act'], [])).toBe(false);
    expect(requirementInScope('iso-42001:cl-9-2', [], ['iso-42001:cl-9'])).toBe(true);
    expect(requirementInScope('iso-42001:cl-9', [], ['iso-42001:cl-9'])).toBe(true);
    expect(requirementInScope('iso-42001:cl-90', [], ['iso-42001:cl-9'])).toBe(false);
  });

  it('generates one item per system × requirement in scope', () => {
    const items = checklistItems(
      [
        { systemId: 's1', requirementKey: 'eu-ai-act:art-4' },
        { systemId: 's1', requirementKey: 'iso-42001:cl-9-2' },
        { systemId: 's2', requirementKey: 'iso-42001:cl-9-2' },
        { systemId: 's2', requirementKey: 'iso-42001:cl-9-2' },
      ],
      [],
      ['iso-42001:cl-9'],
    );
    expect(items).toEqual([{ systemId: 's1', requirementKey: 'iso-42001:cl-9-2' }, { systemId: 's2', requirementKey: 'iso-42001:cl-9-2' }]);
  });

  it('derives findings and their status', () => {
    expect(severityOfResult('major-nonconformity')).toBe('major');
    expect(severityOfResult('conform')).toBeNull();
    expect(findingStatus(false, 'implemented')).toBe('open');
    expect(findingStatus(false, 'closed')).toBe('closed');
    expect(findingStatus(true, null)).toBe('accepted');
    expect(openFindings([{ id: 'a', status: 'open' as const }, { id: 'b', status: 'closed' as const }]).map((f) => f.id)).toEqual(['a']);
  });

  it('refuses auditors who work in an audited unit or above it, but not global or auditor roles', () => {
    const tree = [{ id: 'top', parentId: null }, { id: 'dept', parentId: 'top' }, { id: 'other', parentId: 'top' }];
    const auditors = [
      { assignments: [{ orgUnitId: 'other', role: 'owner' as const }] },
      { assignments: [{ orgUnitId: 'top', role: 'lab' as const }] },
      { assignments: [{ orgUnitId: 'dept', role: 'auditor' as const }, { orgUnitId: 'top', role: 'governance' as const }] },
      { assignments: [{ orgUnitId: 'dept', role: 'owner' as const }] },
    ];
    expect(auditorConflicts(auditors, ['dept'], tree)).toEqual([{ index: 1, unitId: 'dept' }, { index: 3, unitId: 'dept' }]);
  });
});
