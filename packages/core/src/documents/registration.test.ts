import { describe, expect, it } from 'vitest';
import { authoredItems, registrationBuilder, registrationPlan, registrationRecord, registrationSections, type RegistrationInputs } from './registration.js';

const text = (markdown: string) => ({ markdown, updatedById: 'u1', updatedByLabel: 'Autorin' });

type Classification = NonNullable<RegistrationInputs['classification']>;
const highAnnexIII: Classification = {
  number: 1, status: 'approved', riskClass: 'high', decidedAt: '2026-11-10T09:00:00.000Z', annexIII: ['5.a'], derogation: [], profiling: false,
  publicAuthorityDeployer: true, lawEnforcementOrMigration: false, conformityProcedure: 'annex-vi',
  registrations: [{ by: 'provider', database: 'eu-database-public', basis: 'Art. 49(1)' }, { by: 'deployer', database: 'eu-database-public', basis: 'Art. 49(3)' }], derogationGrounds: '',
};

const base: RegistrationInputs = {
  builtAt: '2026-11-27T10:00:00.000Z',
  system: { id: 'sys-1', name: 'Leistungsprüfung', shortName: 'LP', purpose: 'Prüfung von Anträgen auf Leistungen', description: 'Ordnet Anträge vor', lifecycleStage: 'operation', unitName: 'Referat Leistungen', roles: ['provider', 'deployer'], riskClass: 'high' },
  provider: { source: 'organisation', name: 'Bundesamt für Beispiele', address: '', contact: 'Frau A' },
  classification: highAnnexIII,
  models: [{ name: 'Klassifikator', version: '1.2' }],
  datasets: [{ name: 'Antragskorpus', version: '2026', role: 'training' }],
  declaration: { documentId: 'doc-doc', title: 'EU-Konformitätserklärung – Leistungsprüfung', number: 1, releasedAt: '2026-11-21T10:00:00.000Z' },
  instructions: null,
  fria: { number: 2, approvedAt: '2026-11-15T10:00:00.000Z' },
  personalData: true,
  texts: {},
};

const byKey = (inputs: RegistrationInputs, lang: 'de' | 'en' = 'de') => new Map(registrationSections(inputs, lang).map((s) => [s.key, s]));

describe('registration data (Art. 49, Annex VIII)', () => {
  it('chooses the sections from roles and classification', () => {
    expect(registrationPlan(base)).toEqual({ sections: ['A', 'C'], secureSection: false, approved: true });
    expect(registrationPlan({ ...base, system: { ...base.system, roles: ['deployer'] } }).sections).toEqual(['C']);
    expect(registrationPlan({ ...base, classification: { ...highAnnexIII, publicAuthorityDeployer: false, registrations: [] }, system: { ...base.system, roles: ['deployer'] } }).sections).toEqual([]);
    // Art. 6(3): an Annex III system its provider concluded is not high-risk goes to Section B.
    const derogation = { ...highAnnexIII, riskClass: 'minimal', derogation: ['6.3.a', '6.3.d'], registrations: [], derogationGrounds: 'Nur vorbereitende Aufgabe.' };
    expect(registrationPlan({ ...base, classification: derogation, system: { ...base.system, roles: ['provider'], riskClass: 'minimal' } }).sections).toEqual(['B']);
    // Profiling keeps it high-risk: no Section B.
    expect(registrationPlan({ ...base, classification: { ...derogation, profiling: true }, system: { ...base.system, roles: ['provider'] } }).sections).toEqual([]);
    // Critical infrastructure (point 2) registers nationally, not here.
    expect(registrationPlan({ ...base, classification: { ...highAnnexIII, annexIII: ['2'], registrations: [{ by: 'provider', database: 'national', basis: 'Art. 49(5)' }] } }).sections).toEqual([]);
    // Without classification: by the roles of a high-risk system, not approved.
    expect(registrationPlan({ ...base, classification: null })).toEqual({ sections: ['A', 'C'], secureSection: false, approved: false });
  });

  it('marks the secure section for Annex III points 1, 6 and 7 in law enforcement and migration', () => {
    expect(registrationPlan({ ...base, classification: { ...highAnnexIII, annexIII: ['6.d'] } }).secureSection).toBe(true);
    expect(registrationPlan({ ...base, classification: { ...highAnnexIII, annexIII: ['1.a'] } }).secureSection).toBe(false);
    expect(registrationPlan({ ...base, classification: { ...highAnnexIII, annexIII: ['1.a'], lawEnforcementOrMigration: true } }).secureSection).toBe(true);
    expect(registrationPlan({ ...base, classification: { ...highAnnexIII, registrations: [{ by: 'provider', database: 'eu-database-secure', basis: 'Art. 49(1), Art. 49(4)' }] } }).secureSection).toBe(true);
  });

  it('fills Section A from the records and names every missing item', () => {
    const a = byKey(base).get('section-a')!;
    expect(a.heading).toContain('Abschnitt A');
    const table = a.blocks.find((b) => b.type === 'table') as { rows: string[][] };
    expect(table.rows.map((r) => r[0])).toEqual(['A.1', 'A.2', 'A.3', 'A.4', 'A.5', 'A.6', 'A.7', 'A.8', 'A.9', 'A.10', 'A.11', 'A.12', 'A.13']);
    expect(table.rows[3]![2]).toBe('Leistungsprüfung (LP); Kennung sys-1');
    expect(table.rows[4]![2]).toContain('Komponenten: Klassifikator 1.2');
    expect(table.rows[6]![2]).toBe('in Betrieb genommen');
    expect(table.rows[7]![2]).toContain('Anhang VI');
    expect(table.rows[10]![2]).toContain('Fassung 1 vom 2026-11-21');
    expect(a.completeness.lacking.map((l) => l.subject?.split(' ')[0])).toEqual(['A.1', 'A.2', 'A.3', 'A.10', 'A.12']);
    expect(a.completeness.lacking[0]).toEqual({ code: 'field-missing', subject: 'A.1 Name, Anschrift und Kontaktdaten des Anbieters' });
    expect(a.completeness.status).toBe('partial');
  });

  it('takes missing items from authored lines "<no>: <value>"', () => {
    expect([...authoredItems('Vorbemerkung\n1: Beispielweg 1, Bonn\n- A.10: Deutschland\n12 Betriebsanleitung\n')]).toEqual([[1, 'Beispielweg 1, Bonn'], [10, 'Deutschland']]);
    const texts = {
      'section-a': text('1: Beispielweg 1, 53113 Bonn\n2: Herr B, KI-Koordinierung\n3: entfällt\n10: Deutschland\n12: https://intranet.example/bal'),
      'section-c': text('1: Referat Leistungen, Beispielweg 1, Bonn\n2: Herr B\n4: https://db.example/entry/1\n5: DSFA vom 2026-11-01, Restrisiko gering'),
    };
    const sections = registrationSections({ ...base, texts }, 'de');
    expect(sections.map((s) => [s.key, s.number, s.completeness.status])).toEqual([['basis', 1, 'complete'], ['section-a', 2, 'complete'], ['section-c', 3, 'complete']]);
    const record = registrationRecord({ ...base, texts }, 'de');
    expect(record.sections[0]!.items.providerDetails).toEqual({ item: 1, value: 'Bundesamt für Beispiele; Frau A; Beispielweg 1, 53113 Bonn', complete: true });
  });

  it('gives the registration record as JSON with stable field names and item numbers', () => {
    const record = registrationBuilder.json!(base, 'en') as ReturnType<typeof registrationRecord>;
    expect(record).toMatchObject({ format: 'konform.registration', formatVersion: 1, secureSection: false, system: { id: 'sys-1', name: 'Leistungsprüfung' } });
    expect(record.sections.map((s) => [s.section, s.legalBasis])).toEqual([['A', 'Art. 49(1)'], ['C', 'Art. 49(3)']]);
    expect(Object.keys(record.sections[0]!.items)).toEqual([
      'providerDetails', 'submitterDetails', 'authorisedRepresentative', 'tradeName', 'intendedPurpose', 'dataAndLogic', 'status', 'certificate', 'certificateCopy', 'memberStates', 'declarationCopy', 'instructionsForUse', 'url',
    ]);
    expect(record.sections[0]!.items.memberStates).toEqual({ item: 10, value: null, complete: false });
    expect(record.sections[0]!.items.status).toEqual({ item: 7, value: 'put into service', complete: true });
    expect(record.sections[1]!.items.friaSummary).toMatchObject({ item: 3, complete: true });
  });

  it('keeps only the reduced set of Art. 49(4) in the secure section', () => {
    const secure: RegistrationInputs = { ...base, classification: { ...highAnnexIII, annexIII: ['6.d'] } };
    const record = registrationRecord(secure, 'de');
    expect(record.secureSection).toBe(true);
    expect(record.sections.map((s) => s.legalBasis)).toEqual(['Art. 49(1), Art. 49(4)', 'Art. 49(3), Art. 49(4)']);
    expect(Object.values(record.sections[0]!.items).map((i) => i.item)).toEqual([1, 2, 3, 4, 5, 7, 10]);
    expect(Object.values(record.sections[1]!.items).map((i) => i.item)).toEqual([1, 2, 3]);
    const a = byKey(secure).get('section-a')!;
    expect(a.blocks[0]).toMatchObject({ type: 'paragraph' });
    expect(JSON.stringify(a.blocks)).not.toContain('A.12');
    expect(a.completeness.lacking.map((l) => l.subject?.split(' ')[0])).toEqual(['A.1', 'A.2', 'A.3', 'A.10']);
  });

  it('fills Section B from the Art. 6(3) conclusion', () => {
    const inputs: RegistrationInputs = {
      ...base, system: { ...base.system, roles: ['provider'], riskClass: 'minimal' },
      classification: { ...highAnnexIII, riskClass: 'minimal', derogation: ['6.3.d'], registrations: [], derogationGrounds: 'Nur vorbereitende Aufgabe.' },
    };
    const b = registrationRecord(inputs, 'en').sections[0]!;
    expect(b.section).toBe('B');
    expect(b.items.derogationConditions).toEqual({ item: 6, value: 'Art. 6(3)(d)', complete: true });
    expect(b.items.derogationGrounds).toEqual({ item: 7, value: 'Nur vorbereitende Aufgabe.', complete: true });
    expect(Object.keys(b.items)).toHaveLength(9);
  });

  it('says when no registration is due and when the classification is not approved', () => {
    const none = byKey({ ...base, system: { ...base.system, roles: ['deployer'] }, classification: { ...highAnnexIII, status: 'draft', publicAuthorityDeployer: false, registrations: [] } }, 'en');
    expect([...none.keys()]).toEqual(['basis']);
    expect(none.get('basis')!.completeness.lacking).toEqual([{ code: 'classification-not-approved' }, { code: 'no-registration-duty' }]);
    expect(registrationBuilder.title('LP', 'de')).toBe('Registrierungsdaten – LP');
    expect(registrationBuilder.head(base, 'en')).toMatchObject({ id: 'REG-LP', subtitle: 'under Art. 49 and Annex VIII AI Act – Leistungsprüfung' });
  });
});
