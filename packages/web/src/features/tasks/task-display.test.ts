import { describe, expect, it } from 'vitest';
import { recordLabelText, recordPath, showChoice } from './task-display';

const id = '3c6753ce-055b-40d1-bb9e-3937a828695f';
const system = '6d520910-8226-4a44-9c65-573b34c2bd29';

describe('task display', () => {
  it('links each kind of record to where it is shown', () => {
    expect(recordPath({ recordType: 'risk', recordId: id, systemId: system })).toBe(`/risks/${id}`);
    expect(recordPath({ recordType: 'evidence', recordId: id, systemId: system })).toBe(`/evidence/${id}`);
    expect(recordPath({ recordType: 'nonconformity', recordId: id, systemId: null })).toBe(`/nonconformities/${id}`);
    expect(recordPath({ recordType: 'system', recordId: system, systemId: system })).toBe(`/systems/${system}?tab=tasks`);
    expect(recordPath({ recordType: 'fria', recordId: system, systemId: system })).toBe(`/systems/${system}?tab=fria`);
    expect(recordPath({ recordType: 'requirement', recordId: 'eu-ai-act:art-9', systemId: system })).toBe(`/systems/${system}?tab=matrix`);
    expect(recordPath({ recordType: 'measure', recordId: 'm-logging', systemId: system })).toBe(`/systems/${system}?tab=matrix`);
  });

  it('cites a requirement in the German style in German', () => {
    const task = { recordType: 'requirement' as const, recordLabel: { de: 'Art. 26(6) – Protokolle aufbewahren', en: 'Art. 26(6) – Keep logs' } };
    expect(recordLabelText(task, 'de')).toBe('Art. 26 Abs. 6 – Protokolle aufbewahren');
    expect(recordLabelText(task, 'en')).toBe('Art. 26(6) – Keep logs');
    expect(recordLabelText({ recordType: 'risk', recordLabel: { de: 'R-1 Drift (1)', en: 'R-1 Drift (1)' } }, 'de')).toBe('R-1 Drift (1)');
  });

  it('reads the filter choice from the URL, open by default', () => {
    expect(showChoice(null)).toBe('open');
    expect(showChoice('closed')).toBe('closed');
    expect(showChoice('all')).toBe('all');
    expect(showChoice('x')).toBe('open');
  });
});
