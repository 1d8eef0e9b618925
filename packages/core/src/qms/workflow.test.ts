import { describe, expect, it } from 'vitest';
import { QMS_VERSION_STATES } from '../schemas/qms.js';
import { QMS_VERSION_STEPS, canTakeQmsStep, isQmsVersionEditable, mayStartNewQmsVersion, missingForQmsSubmission } from './workflow.js';

describe('QMS version workflow', () => {
  it('goes draft → in-review → released, and back from review to draft', () => {
    const allowed = QMS_VERSION_STATES.flatMap((state) => (Object.keys(QMS_VERSION_STEPS) as (keyof typeof QMS_VERSION_STEPS)[]).filter((step) => canTakeQmsStep(state, step)).map((step) => `${state}:${step}`));
    expect(allowed).toEqual(['draft:submit', 'in-review:return', 'in-review:approve']);
    expect(QMS_VERSION_STEPS.approve.to).toBe('released');
  });

  it('writes only to drafts and refuses a second working version', () => {
    expect(QMS_VERSION_STATES.filter(isQmsVersionEditable)).toEqual(['draft']);
    expect(mayStartNewQmsVersion([])).toBe(true);
    expect(mayStartNewQmsVersion(['released', 'superseded'])).toBe(true);
    expect(mayStartNewQmsVersion(['released', 'draft'])).toBe(false);
    expect(mayStartNewQmsVersion(['in-review'])).toBe(false);
  });

  it('submits only with content and a change note', () => {
    expect(missingForQmsSubmission({ content: '  ', changeNote: '' })).toEqual(['content', 'changeNote']);
    expect(missingForQmsSubmission({ content: '# KI-Politik', changeNote: 'Erstausgabe' })).toEqual([]);
  });
});
