import { z } from 'zod';
import type { DocumentLocale } from '../schemas/documents.js';
import { AuthoredTextsInput, keyValues, section, type DocumentBuilder, type DocumentHead, type GeneratedSection, type Lacking } from './engine.js';
import type { DocBlock } from './model.js';
import { ProviderInput, ReleasedDocumentRef, releasedRefLine } from './provider.js';
import { REGISTRATION_FIELDS, type RegistrationField, type RegistrationSectionId } from './registration-fields.js';

export * from './registration-fields.js';

/**
 * The registration data of an AI system for the EU database (Art. 49 and Annex VIII AI Act): Section A for providers of
 * high-risk systems (Art. 49(1)), Section B for providers who concluded under Art. 6(3) that an Annex III system is not
 * high-risk (Art. 49(2)), Section C for deployers that are public authorities (Art. 49(3)). Which sections apply follows
 * from the roles and the classification; Annex III points 1, 6 and 7 in law enforcement, migration, asylum and border
 * control go into the secure non-public section with the reduced set of Art. 49(4). Items the records cannot fill
 * are authored as lines `<item number>: <value>` in the section's text. The JSON file of a release is the record.
 */

export const REGISTRATION_SECTION_KEYS = ['basis', 'section-a', 'section-b', 'section-c'] as const;
export type RegistrationSectionKey = (typeof REGISTRATION_SECTION_KEYS)[number];

const Str = z.string();
export const RegistrationInputs = z.object({
  builtAt: Str,
  system: z.object({ id: Str, name: Str, shortName: Str, purpose: Str, description: Str, lifecycleStage: Str, unitName: Str, roles: z.array(Str), riskClass: Str.nullable() }),
  provider: ProviderInput,
  classification: z.object({
    number: z.number(), status: Str, riskClass: Str, decidedAt: Str, annexIII: z.array(Str), derogation: z.array(Str), profiling: z.boolean(),
    publicAuthorityDeployer: z.boolean(), lawEnforcementOrMigration: z.boolean(), conformityProcedure: Str.nullable(),
    registrations: z.array(z.object({ by: Str, database: Str, basis: Str })),
    /** The grounds of an Art. 6(3) conclusion as the classification states them. */
    derogationGrounds: Str,
  }).nullable(),
  models: z.array(z.object({ name: Str, version: Str })),
  datasets: z.array(z.object({ name: Str, version: Str, role: Str })),
  declaration: ReleasedDocumentRef.nullable(),
  instructions: ReleasedDocumentRef.nullable(),
  fria: z.object({ number: z.number(), approvedAt: Str }).nullable(),
  personalData: z.boolean(),
  texts: AuthoredTextsInput,
});
export type RegistrationInputs = z.infer<typeof RegistrationInputs>;

type Lang = DocumentLocale;

/** Annex III areas whose registration goes into the secure non-public section (Art. 49(4)). */
const SECURE_AREAS = new Set(['1', '6', '7']);
const ALWAYS_SECURE_AREAS = new Set(['6', '7']);
const area = (point: string) => point.split('.')[0]!;

export interface RegistrationPlan {
  sections: RegistrationSectionId[];
  secureSection: boolean;
  /** Whether the sections rest on an approved classification (otherwise on the recorded roles alone). */
  approved: boolean;
}

/** Which sections of Annex VIII apply, and whether the secure non-public section is meant. */
export function registrationPlan(inputs: RegistrationInputs): RegistrationPlan {
  const c = inputs.classification;
  const roles = new Set(inputs.system.roles);
  const provider = roles.has('provider');
  const deployer = roles.has('deployer');
  const sections = new Set<RegistrationSectionId>();
  if (!c) {
    // No classification yet: the roles alone say who registers.
    if (inputs.system.riskClass === 'high' && provider) sections.add('A');
    if (inputs.system.riskClass === 'high' && deployer) sections.add('C');
    return { sections: [...sections].sort(), secureSection: false, approved: false };
  }
  const beyondInfrastructure = c.annexIII.some((p) => p !== '2');
  for (const r of c.registrations) {
    // The classification's registrations count for the roles the system still records.
    if (r.database === 'national' || (r.by === 'provider' && !provider) || (r.by === 'deployer' && !deployer)) continue;
    if (r.basis.startsWith('Art. 49(1)')) sections.add('A');
    if (r.basis.startsWith('Art. 49(2)')) sections.add('B');
    if (r.basis.startsWith('Art. 49(3)')) sections.add('C');
  }
  if (c.riskClass === 'high' && beyondInfrastructure && provider) sections.add('A');
  if (c.riskClass === 'high' && beyondInfrastructure && deployer && c.publicAuthorityDeployer) sections.add('C');
  const derogationUsed = c.annexIII.length > 0 && c.derogation.length > 0 && !c.profiling && c.riskClass !== 'high';
  if (derogationUsed && provider) sections.add('B');
  const secureSection = c.registrations.some((r) => r.database === 'eu-database-secure')
    || c.annexIII.some((p) => ALWAYS_SECURE_AREAS.has(area(p)))
    || (c.lawEnforcementOrMigration && c.annexIII.some((p) => SECURE_AREAS.has(area(p))));
  return { sections: [...sections].sort(), secureSection, approved: c.status === 'approved' };
}

const SECTION_KEY: Record<RegistrationSectionId, RegistrationSectionKey> = { A: 'section-a', B: 'section-b', C: 'section-c' };
const BASIS: Record<RegistrationSectionId, string> = { A: 'Art. 49(1)', B: 'Art. 49(2)', C: 'Art. 49(3)' };

const L = {
  de: {
    title: 'Registrierungsdaten', subtitle: (name: string) => `nach Art. 49 und Anhang VIII KI-VO – ${name}`,
    basis: { heading: 'Registrierungspflicht', guidance: 'Welche Abschnitte des Anhangs VIII gelten (nach Rollen und Einstufung) und ob die Registrierung in den sicheren, nicht öffentlichen Teil der EU-Datenbank geht (Art. 49 Abs. 4).' },
    sections: {
      A: { heading: 'Abschnitt A – Registrierung durch den Anbieter eines Hochrisiko-KI-Systems (Art. 49 Abs. 1)', guidance: 'Die Angaben des Anhangs VIII Abschnitt A. Fehlende Angaben als Zeilen „Nr.: Angabe“ ergänzen, z. B. „10: Deutschland“.' },
      B: { heading: 'Abschnitt B – Registrierung durch den Anbieter nach Art. 49 Abs. 2 (kein hohes Risiko nach Art. 6 Abs. 3)', guidance: 'Die Angaben des Anhangs VIII Abschnitt B. Fehlende Angaben als Zeilen „Nr.: Angabe“ ergänzen, z. B. „9: Deutschland“.' },
      C: { heading: 'Abschnitt C – Registrierung durch Betreiber, die Behörden sind (Art. 49 Abs. 3)', guidance: 'Die Angaben des Anhangs VIII Abschnitt C. Fehlende Angaben als Zeilen „Nr.: Angabe“ ergänzen, z. B. „1: Musterstraße 1, 53113 Bonn“.' },
    } as Record<RegistrationSectionId, { heading: string; guidance: string }>,
    applies: 'Geltende Abschnitte', none: 'keiner', secure: 'Sicherer, nicht öffentlicher Teil (Art. 49 Abs. 4)', yes: 'ja', no: 'nein', classification: 'Einstufung',
    classificationLine: (n: number, status: string, at: string) => `Fassung ${n} (${status}) vom ${at}`, annexIII: 'Anhang III Nummern', roles: 'Rollen',
    secureNote: 'Registrierung im sicheren, nicht öffentlichen Teil der EU-Datenbank: Nur die Angaben des verkürzten Umfangs nach Art. 49 Abs. 4 werden aufgenommen.',
    columns: ['Nr.', 'Angabe', 'Inhalt'], empty: '–',
    status: { planned: 'noch nicht in Verkehr gebracht oder in Betrieb genommen', development: 'noch nicht in Verkehr gebracht oder in Betrieb genommen', validation: 'noch nicht in Verkehr gebracht oder in Betrieb genommen', operation: 'in Betrieb genommen', retired: 'nicht mehr in Betrieb' } as Record<string, string>,
    internalControl: 'entfällt: Konformitätsbewertung nach interner Kontrolle (Anhang VI), keine notifizierte Stelle',
    components: 'Komponenten', data: 'Daten', friaLine: (n: number, at: string) => `Grundrechte-Folgenabschätzung, genehmigte Fassung ${n} vom ${at}`,
    derogation: (x: string) => `Art. 6 Abs. 3 Buchst. ${x}`, key: 'Kennung',
  },
  en: {
    title: 'Registration data', subtitle: (name: string) => `under Art. 49 and Annex VIII AI Act – ${name}`,
    basis: { heading: 'Registration duty', guidance: 'Which sections of Annex VIII apply (from the roles and the classification) and whether the registration goes into the secure non-public section of the EU database (Art. 49(4)).' },
    sections: {
      A: { heading: 'Section A – registration by the provider of a high-risk AI system (Art. 49(1))', guidance: 'The information of Annex VIII Section A. Add missing items as lines "No.: value", e.g. "10: Germany".' },
      B: { heading: 'Section B – registration by the provider under Art. 49(2) (not high-risk under Art. 6(3))', guidance: 'The information of Annex VIII Section B. Add missing items as lines "No.: value", e.g. "9: Germany".' },
      C: { heading: 'Section C – registration by deployers that are public authorities (Art. 49(3))', guidance: 'The information of Annex VIII Section C. Add missing items as lines "No.: value", e.g. "1: 1 Example Street, 53113 Bonn".' },
    } as Record<RegistrationSectionId, { heading: string; guidance: string }>,
    applies: 'Sections that apply', none: 'none', secure: 'Secure non-public section (Art. 49(4))', yes: 'yes', no: 'no', classification: 'Classification',
    classificationLine: (n: number, status: string, at: string) => `revision ${n} (${status}) of ${at}`, annexIII: 'Annex III points', roles: 'Roles',
    secureNote: 'Registration in the secure non-public section of the EU database: only the reduced set of Art. 49(4) is included.',
    columns: ['No.', 'Item', 'Content'], empty: '–',
    status: { planned: 'not yet placed on the market or put into service', development: 'not yet placed on the market or put into service', validation: 'not yet placed on the market or put into service', operation: 'put into service', retired: 'no longer in service' } as Record<string, string>,
    internalControl: 'not applicable: conformity assessed by internal control (Annex VI), no notified body',
    components: 'Components', data: 'Data', friaLine: (n: number, at: string) => `Fundamental rights impact assessment, approved revision ${n} of ${at}`,
    derogation: (x: string) => `Art. 6(3)(${x})`, key: 'Reference',
  },
} as const;

const AUTHORED_ITEM = /^\s*(?:[-*]\s+)?(?:[ABC]\s*\.\s*)?(\d{1,2})\s*:\s*(.+?)\s*$/;

/** Items given in the section's authored text as lines `<number>: <value>` (later lines win). */
export function authoredItems(markdown: string): Map<number, string> {
  const items = new Map<number, string>();
  for (const line of markdown.split('\n')) {
    const m = AUTHORED_ITEM.exec(line);
    if (m) items.set(Number(m[1]), m[2]!);
  }
  return items;
}

/** What the records say for one item, and whether that suffices without authored text. */
function recordValue(field: RegistrationField, inputs: RegistrationInputs, lang: Lang): { value: string; complete: boolean } {
  const t = L[lang];
  const s = inputs.system;
  const c = inputs.classification;
  const join = (parts: string[]) => parts.map((p) => p.trim()).filter((p) => p !== '').join('; ');
  const procedure = c?.status === 'approved' ? c.conformityProcedure : null;
  switch (field) {
    case 'providerDetails': {
      const p = inputs.provider;
      return { value: join([p.name, p.address, p.contact]), complete: p.name.trim() !== '' && p.address.trim() !== '' };
    }
    case 'deployerDetails':
      return { value: s.unitName, complete: false };
    case 'tradeName':
      return { value: join([s.shortName && s.shortName !== s.name ? `${s.name} (${s.shortName})` : s.name, `${t.key} ${s.id}`]), complete: s.name.trim() !== '' };
    case 'intendedPurpose':
      return { value: join([s.purpose, inputs.models.length > 0 ? `${t.components}: ${inputs.models.map((m) => `${m.name} ${m.version}`).join(', ')}` : '']), complete: s.purpose.trim() !== '' };
    case 'dataAndLogic':
      return { value: join([s.description, inputs.datasets.length > 0 ? `${t.data}: ${inputs.datasets.map((d) => `${d.name} ${d.version} (${d.role})`).join(', ')}` : '']), complete: s.description.trim() !== '' };
    case 'status':
      return { value: t.status[s.lifecycleStage] ?? s.lifecycleStage, complete: true };
    case 'certificate':
    case 'certificateCopy':
      return procedure === 'annex-vi' ? { value: t.internalControl, complete: true } : { value: '', complete: false };
    case 'declarationCopy':
      return inputs.declaration ? { value: releasedRefLine(inputs.declaration, lang), complete: true } : { value: '', complete: false };
    case 'instructionsForUse':
      return inputs.instructions ? { value: releasedRefLine(inputs.instructions, lang), complete: true } : { value: '', complete: false };
    case 'derogationConditions':
      return { value: (c?.derogation ?? []).map((d) => t.derogation(d.split('.').pop()!)).join(', '), complete: (c?.derogation.length ?? 0) > 0 };
    case 'derogationGrounds':
      return { value: c?.derogationGrounds ?? '', complete: (c?.derogationGrounds ?? '').trim() !== '' };
    case 'friaSummary':
      return inputs.fria ? { value: t.friaLine(inputs.fria.number, inputs.fria.approvedAt.slice(0, 10)), complete: true } : { value: '', complete: false };
    default:
      return { value: '', complete: false };
  }
}

export interface RegistrationItem {
  item: number;
  field: RegistrationField;
  label: string;
  /** What the records and the authored lines give ('' when nothing). */
  value: string;
  /** Whether the item is filled: by the records alone or by an authored line. */
  complete: boolean;
  optional: boolean;
}

/** The items of one section as the registration record holds them (the reduced set in the secure section). */
export function registrationItems(inputs: RegistrationInputs, id: RegistrationSectionId, secure: boolean, lang: Lang): RegistrationItem[] {
  const authored = authoredItems(inputs.texts[SECTION_KEY[id]]?.markdown ?? '');
  return REGISTRATION_FIELDS[id]
    .filter((f) => !secure || f.reduced)
    .map((f) => {
      const records = recordValue(f.field, inputs, lang);
      const own = authored.get(f.item) ?? '';
      return {
        item: f.item, field: f.field, label: f.label[lang],
        value: [records.value, own].filter((v) => v.trim() !== '').join('; '),
        complete: records.complete || own !== '',
        optional: f.optional === true || (f.field === 'dpiaSummary' && !inputs.personalData),
      };
    });
}

/** The basis section and one section per part of Annex VIII that applies. */
export function registrationSections(inputs: RegistrationInputs, lang: Lang): GeneratedSection[] {
  const t = L[lang];
  const plan = registrationPlan(inputs);
  const c = inputs.classification;
  const out: GeneratedSection[] = [];
  const basisLacking: Lacking[] = [];
  if (!plan.approved) basisLacking.push({ code: 'classification-not-approved' });
  if (plan.sections.length === 0) basisLacking.push({ code: 'no-registration-duty' });
  const { block } = keyValues([
    [t.applies, plan.sections.length > 0 ? plan.sections.map((id) => `${id} (${BASIS[id]}${plan.secureSection ? ', Art. 49(4)' : ''})`).join(', ') : t.none],
    [t.secure, plan.secureSection ? t.yes : t.no],
    [t.roles, inputs.system.roles.join(', ')],
    [t.classification, c ? t.classificationLine(c.number, c.status, c.decidedAt.slice(0, 10)) : ''],
    [t.annexIII, c?.annexIII.join(', ') ?? ''],
  ]);
  out.push(section('basis', 0, t.basis, { blocks: block ? [block] : [], lacking: basisLacking, hasRecords: true, textExpected: false }, inputs.texts));
  for (const id of plan.sections) {
    const items = registrationItems(inputs, id, plan.secureSection, lang);
    const blocks: DocBlock[] = [];
    if (plan.secureSection) blocks.push({ type: 'paragraph', text: t.secureNote });
    blocks.push({ type: 'table', columns: [...t.columns], rows: items.map((i) => [`${id}.${i.item}`, i.label, i.value || t.empty]), widths: [1, 4, 7] });
    const lacking: Lacking[] = items.filter((i) => !i.complete && !i.optional).map((i) => ({ code: 'field-missing', subject: `${id}.${i.item} ${i.label}` }));
    out.push(section(SECTION_KEY[id], out.length, t.sections[id], { blocks, lacking, hasRecords: true, textExpected: true, textRequired: false }, inputs.texts));
  }
  return out;
}

/** The registration record as structured JSON: stable field names per Annex VIII item, with the item number. */
export function registrationRecord(inputs: RegistrationInputs, lang: Lang) {
  const plan = registrationPlan(inputs);
  return {
    format: 'konform.registration',
    formatVersion: 1,
    language: lang,
    builtAt: inputs.builtAt,
    system: { id: inputs.system.id, name: inputs.system.name },
    secureSection: plan.secureSection,
    classificationApproved: plan.approved,
    sections: plan.sections.map((id) => {
      const items = registrationItems(inputs, id, plan.secureSection, lang);
      return {
        section: id,
        legalBasis: plan.secureSection ? `${BASIS[id]}, Art. 49(4)` : BASIS[id],
        items: Object.fromEntries(items.map((i) => [i.field, { item: i.item, value: i.value === '' ? null : i.value, complete: i.complete }])),
      };
    }),
  };
}

export const registrationBuilder: DocumentBuilder<RegistrationInputs> = {
  subject: 'system',
  onePerSubject: true,
  sectionKeys: REGISTRATION_SECTION_KEYS,
  parseInputs: (value) => RegistrationInputs.parse(value),
  sections: registrationSections,
  head: (inputs, lang): DocumentHead => ({ id: `REG-${inputs.system.shortName || inputs.system.name}`, subtitle: L[lang].subtitle(inputs.system.name), organisation: inputs.system.unitName }),
  title: (name, lang) => `${L[lang].title} – ${name}`,
  json: registrationRecord,
};
