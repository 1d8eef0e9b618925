import { describe, expect, it } from 'vitest';
import { ClassificationFacts } from '../classification/facts.js';
import { classify } from '../classification/classify.js';
import { TEST_TIMELINE } from '../classification/test-timeline.js';
import {
  SUPPLIER_DOCUMENT_KINDS,
  isSupplierDocumentFlagged,
  owedDocumentsInputFrom,
  owedSupplierDocuments,
  type OwedDocumentsInput,
  type OwedLevel,
  type SupplierDocumentKind,
} from './owed-documents.js';

type Classification = NonNullable<OwedDocumentsInput['classification']>;
const base: Classification = {
  riskClass: 'high', highRiskRoute: 'annex-iii', annexIII: ['6.d'], derogationUsed: false, voluntaryRiskClass: null, publicAuthorityDeployer: true, roles: ['deployer'],
};

function owed(classification: Partial<Classification> | null, gpaiBased = false, roles: Classification['roles'] = ['deployer']): Record<SupplierDocumentKind, OwedLevel> {
  const docs = owedSupplierDocuments({ classification: classification === null ? null : { ...base, ...classification }, roles, gpaiBased });
  expect(docs.map((d) => d.kind)).toEqual([...SUPPLIER_DOCUMENT_KINDS]);
  for (const d of docs) {
    expect(d.reason.de.trim(), d.kind).not.toBe('');
    expect(d.reason.en.trim(), d.kind).not.toBe('');
  }
  return Object.fromEntries(docs.map((d) => [d.kind, d.owed])) as Record<SupplierDocumentKind, OwedLevel>;
}

describe('documents a supplier owes', () => {
  it('asks everything of a high-risk Annex III system; the GPAI information depends on the role of the organisation', () => {
    expect(owed({ roles: ['deployer'] }, true)).toEqual({
      'instructions-for-use': 'required', 'art-13-information': 'required', 'declaration-of-conformity': 'required', 'eu-registration': 'required', 'gpai-information': 'recommended',
    });
    // Art. 53(1)(b) information is owed to downstream providers: the organisation integrating the model is one.
    expect(owed({ roles: ['deployer'] }, true, ['deployer'])['gpai-information']).toBe('recommended');
    const provider = owedSupplierDocuments({ classification: { ...base, roles: ['provider', 'deployer'] }, roles: ['provider', 'deployer'], gpaiBased: true });
    expect(provider.find((d) => d.kind === 'gpai-information')!.owed).toBe('required');
    // … but then the organisation is the provider: the declaration and the registration are its own duty.
    expect(provider.find((d) => d.kind === 'declaration-of-conformity')!.owed).toBe('not-owed');
    expect(provider.find((d) => d.kind === 'declaration-of-conformity')!.reason.de).toContain('Art. 25');
  });

  it('tells a public authority that it may not use an unregistered Annex III system', () => {
    const docs = owedSupplierDocuments({ classification: base, roles: ['deployer'], gpaiBased: false });
    const registration = docs.find((d) => d.kind === 'eu-registration')!;
    expect(registration.owed).toBe('required');
    expect(registration.reason.de).toContain('Art. 26 Abs. 8');
    expect(registration.reason.en).toContain('Art. 49(1)');
    const privateDeployer = owedSupplierDocuments({ classification: { ...base, publicAuthorityDeployer: false }, roles: ['deployer'], gpaiBased: false });
    expect(privateDeployer.find((d) => d.kind === 'eu-registration')!.reason.de).not.toContain('Art. 26 Abs. 8');
  });

  it('registers critical infrastructure nationally and Annex I products not at all', () => {
    const national = owedSupplierDocuments({ classification: { ...base, annexIII: ['2'] }, roles: ['deployer'], gpaiBased: false });
    expect(national.find((d) => d.kind === 'eu-registration')).toMatchObject({ owed: 'required', reason: { de: expect.stringContaining('Art. 49 Abs. 5') } });
    const annexI = owed({ highRiskRoute: 'annex-i', annexIII: [] });
    expect(annexI).toMatchObject({ 'declaration-of-conformity': 'required', 'eu-registration': 'not-owed', 'instructions-for-use': 'required' });
  });

  it('asks less of limited and minimal risk systems, and the registration of an Art. 6(3) derogation', () => {
    expect(owed({ riskClass: 'limited', highRiskRoute: null, annexIII: [] })).toEqual({
      'instructions-for-use': 'recommended', 'art-13-information': 'not-owed', 'declaration-of-conformity': 'not-owed', 'eu-registration': 'not-owed', 'gpai-information': 'not-owed',
    });
    expect(owed({ riskClass: 'minimal', highRiskRoute: null, annexIII: ['4.a'], derogationUsed: true }, true)).toMatchObject({
      'eu-registration': 'recommended', 'declaration-of-conformity': 'not-owed', 'gpai-information': 'recommended',
    });
  });

  it('owes nothing for prohibited or out-of-scope systems, and recommends what a voluntarily applied Act would require', () => {
    expect(Object.values(owed({ riskClass: 'prohibited', highRiskRoute: null }, true))).toEqual(Array(5).fill('not-owed'));
    expect(owed({ riskClass: 'out-of-scope', highRiskRoute: null, annexIII: [] })).toMatchObject({ 'instructions-for-use': 'recommended', 'declaration-of-conformity': 'not-owed' });
    const voluntary = owedSupplierDocuments({ classification: { ...base, riskClass: 'out-of-scope', voluntaryRiskClass: 'high' }, roles: ['deployer'], gpaiBased: false });
    expect(voluntary.filter((d) => d.kind !== 'gpai-information').map((d) => d.owed)).toEqual(Array(4).fill('recommended'));
    expect(voluntary[0]!.reason.de).toContain('Art. 2 Abs. 3');
  });

  it('leaves it open before the first classification, except the GPAI information', () => {
    expect(owed(null, true)).toEqual({
      'instructions-for-use': 'unknown', 'art-13-information': 'unknown', 'declaration-of-conformity': 'unknown', 'eu-registration': 'unknown', 'gpai-information': 'recommended',
    });
    expect(owed(null, false)['gpai-information']).toBe('not-owed');
  });

  it('reads its input from a classification revision', () => {
    const facts = ClassificationFacts.parse({ roles: ['deployer'], annexIII: ['6.d'], deployer: { publicAuthority: true }, lawEnforcementOrMigrationContext: true });
    const result = classify(facts, { timeline: TEST_TIMELINE });
    const input = owedDocumentsInputFrom({ result, facts }, ['deployer'], false);
    expect(input.classification).toMatchObject({ riskClass: 'high', highRiskRoute: 'annex-iii', publicAuthorityDeployer: true, derogationUsed: false });
    const derogation = ClassificationFacts.parse({ roles: ['deployer'], annexIII: ['4.a'], derogation: ['6.3.a'] });
    expect(owedDocumentsInputFrom({ result: classify(derogation, { timeline: TEST_TIMELINE }), facts: derogation }, ['deployer'], false).classification?.derogationUsed).toBe(true);
    expect(owedDocumentsInputFrom(null, ['deployer'], true)).toEqual({ classification: null, roles: ['deployer'], gpaiBased: true });
  });

  it('flags a missing document past its due date, and only that', () => {
    expect(isSupplierDocumentFlagged({ status: 'missing', dueDate: '2026-01-01' }, '2026-01-02')).toBe(true);
    expect(isSupplierDocumentFlagged({ status: 'missing', dueDate: '2026-01-02' }, '2026-01-02')).toBe(false);
    expect(isSupplierDocumentFlagged({ status: 'missing', dueDate: null }, '2026-01-02')).toBe(false);
    expect(isSupplierDocumentFlagged({ status: 'received', dueDate: '2026-01-01' }, '2026-01-02')).toBe(false);
    expect(isSupplierDocumentFlagged({ status: 'not-applicable', dueDate: '2026-01-01' }, '2026-01-02')).toBe(false);
  });
});
