import type { ClassificationFacts } from '../classification/facts.js';
import type { ClassificationResult, RiskClass } from '../classification/result.js';
import type { OperatorRole } from '../schemas/systems.js';

/**
 * The documents the provider of a procured AI system owes the organisation, and whether each is owed for a given
 * system. The answer follows from the system's classification (risk class, high-risk route, Annex III points), the
 * organisation's roles and whether the system is built on a general-purpose AI model.
 */
export const SUPPLIER_DOCUMENT_KINDS = ['instructions-for-use', 'art-13-information', 'declaration-of-conformity', 'eu-registration', 'gpai-information'] as const;
export type SupplierDocumentKind = (typeof SUPPLIER_DOCUMENT_KINDS)[number];

/** The provision behind each document. */
export const SUPPLIER_DOCUMENT_REFS: Record<SupplierDocumentKind, string> = {
  'instructions-for-use': 'Art. 13 Abs. 2, Art. 26 Abs. 1',
  'art-13-information': 'Art. 13 Abs. 3',
  'declaration-of-conformity': 'Art. 47, Anhang V',
  'eu-registration': 'Art. 49, Art. 71',
  'gpai-information': 'Art. 53 Abs. 1 Buchst. b, Anhang XII',
};

/** required: the Act obliges the supplier; recommended: not owed by law, worth agreeing by contract; unknown: no classification yet. */
export const OWED_LEVELS = ['required', 'recommended', 'not-owed', 'unknown'] as const;
export type OwedLevel = (typeof OWED_LEVELS)[number];

/** A missing document is announced this many days before its due date. */
export const SUPPLIER_DOCUMENT_NOTICE_DAYS = 14;

export interface OwedDocumentsInput {
  /** What the classification says (the last approved revision, else the latest); null before the first. */
  classification: {
    riskClass: RiskClass;
    highRiskRoute: 'annex-i' | 'annex-iii' | null;
    annexIII: readonly string[];
    /** An Annex III system that is not high-risk because of an Art. 6(3) condition. */
    derogationUsed: boolean;
    /** Art. 2(3) exclusion with the Act applied voluntarily: the class it would have. */
    voluntaryRiskClass: RiskClass | null;
    publicAuthorityDeployer: boolean;
    /** The organisation's effective roles for the system. */
    roles: readonly OperatorRole[];
  } | null;
  /** The organisation's roles as recorded on the system (used before any classification). */
  roles: readonly OperatorRole[];
  /** The system is built on a general-purpose AI model (a product marked GPAI, or stated for the system). */
  gpaiBased: boolean;
}

type Text = { de: string; en: string };
export interface OwedDocument {
  kind: SupplierDocumentKind;
  owed: OwedLevel;
  ref: string;
  reason: Text;
}

/** The rule's input from a classification revision's result and facts. */
export function owedDocumentsInputFrom(
  basis: { result: ClassificationResult; facts: ClassificationFacts } | null,
  systemRoles: readonly OperatorRole[],
  gpaiBased: boolean,
): OwedDocumentsInput {
  if (!basis) return { classification: null, roles: systemRoles, gpaiBased };
  const { result, facts } = basis;
  return {
    classification: {
      riskClass: result.riskClass,
      highRiskRoute: result.highRiskRoute,
      annexIII: facts.annexIII,
      derogationUsed: facts.annexIII.length > 0 && facts.derogation.length > 0 && !facts.profiling && result.riskClass !== 'high',
      voluntaryRiskClass: result.voluntaryApplication ? result.voluntaryRiskClass : null,
      publicAuthorityDeployer: facts.deployer?.publicAuthority ?? false,
      roles: result.effectiveRoles.length > 0 ? result.effectiveRoles : systemRoles,
    },
    roles: systemRoles,
    gpaiBased,
  };
}

const item = (kind: SupplierDocumentKind, owed: OwedLevel, de: string, en: string): OwedDocument => ({ kind, owed, ref: SUPPLIER_DOCUMENT_REFS[kind], reason: { de, en } });

function gpaiItem(gpaiBased: boolean, roles: readonly OperatorRole[]): OwedDocument {
  if (!gpaiBased) {
    return item('gpai-information', 'not-owed',
      'Das System beruht nach den Angaben nicht auf einem KI-Modell mit allgemeinem Verwendungszweck.',
      'According to the records, the system is not built on a general-purpose AI model.');
  }
  if (roles.includes('provider')) {
    return item('gpai-information', 'required',
      'Das System beruht auf einem KI-Modell mit allgemeinem Verwendungszweck, und Sie sind Anbieter des Systems (nachgelagerter Anbieter): Der Modellanbieter schuldet Ihnen die Informationen nach Art. 53 Abs. 1 Buchst. b und Anhang XII. Ausgenommen sind quelloffene Modelle ohne systemisches Risiko (Art. 53 Abs. 2).',
      'The system is built on a general-purpose AI model and you are the provider of the system (downstream provider): the model provider owes you the information under Art. 53(1)(b) and Annex XII. Open-source models without systemic risk are exempt (Art. 53(2)).');
  }
  return item('gpai-information', 'recommended',
    'Das System beruht auf einem KI-Modell mit allgemeinem Verwendungszweck. Die Informationen nach Art. 53 Abs. 1 Buchst. b gehen an den Anbieter des Systems; als Betreiber sollten Sie sich bestätigen lassen, dass sie vorliegen, und die für Sie wesentlichen Teile anfordern.',
    'The system is built on a general-purpose AI model. The information under Art. 53(1)(b) goes to the provider of the system; as deployer you should have its availability confirmed and ask for the parts that matter to you.');
}

function highRisk(c: NonNullable<OwedDocumentsInput['classification']>, gpai: OwedDocument): OwedDocument[] {
  const ownProvider = c.roles.includes('provider');
  const items: OwedDocument[] = [
    item('instructions-for-use', 'required',
      'Hochrisiko-KI-System: Der Anbieter muss eine Betriebsanleitung bereitstellen (Art. 13 Abs. 2); der Betreiber verwendet das System nach ihr (Art. 26 Abs. 1).',
      'High-risk AI system: the provider must supply instructions for use (Art. 13(2)); the deployer uses the system in accordance with them (Art. 26(1)).'),
    item('art-13-information', 'required',
      'Hochrisiko-KI-System: Die Angaben nach Art. 13 Abs. 3 (Leistungsmerkmale, Genauigkeit, Grenzen, menschliche Aufsicht, Protokollierung) sind Grundlage der Datenschutz-Folgenabschätzung (Art. 26 Abs. 9) und der Grundrechte-Folgenabschätzung (Art. 27 Abs. 1 Buchst. d).',
      'High-risk AI system: the information under Art. 13(3) (characteristics, accuracy, limitations, human oversight, logging) is the basis of the data protection impact assessment (Art. 26(9)) and of the fundamental rights impact assessment (Art. 27(1)(d)).'),
  ];
  if (ownProvider) {
    const de = 'Sie sind selbst Anbieter des Systems (z. B. nach Art. 25 Abs. 1): Diese Pflicht liegt bei Ihnen; der ursprüngliche Anbieter muss Sie mit Informationen und Zugang unterstützen (Art. 25 Abs. 2).';
    const en = 'You are the provider of the system yourself (e.g. under Art. 25(1)): this obligation is yours; the original provider must support you with information and access (Art. 25(2)).';
    items.push(item('declaration-of-conformity', 'not-owed', de, en), item('eu-registration', 'not-owed', de, en));
    return [...items, gpai];
  }
  items.push(item('declaration-of-conformity', 'required',
    'Hochrisiko-KI-System: Der Anbieter stellt eine EU-Konformitätserklärung aus und hält sie zehn Jahre bereit (Art. 16 Buchst. g, Art. 47, Anhang V).',
    'High-risk AI system: the provider draws up an EU declaration of conformity and keeps it for ten years (Art. 16(g), Art. 47, Annex V).'));
  if (c.highRiskRoute === 'annex-i') {
    items.push(item('eu-registration', 'not-owed',
      'Hochrisiko über Anhang I (Produktrecht): Art. 49 Abs. 1 sieht für diese Systeme keine Registrierung in der EU-Datenbank vor; es gilt das Konformitätsverfahren des Produktrechts.',
      'High-risk through Annex I (product law): Art. 49(1) provides no EU database registration for these systems; the conformity procedure of the product law applies.'));
  } else if (c.annexIII.some((p) => p !== '2')) {
    const authority = c.publicAuthorityDeployer
      ? { de: ' Als Behörde dürfen Sie ein dort nicht registriertes System nicht verwenden (Art. 26 Abs. 8).', en: ' As a public authority you must not use a system that is not registered there (Art. 26(8)).' }
      : { de: '', en: '' };
    items.push(item('eu-registration', 'required',
      `Hochrisiko-KI-System nach Anhang III: Der Anbieter registriert sich und das System vor dem Inverkehrbringen in der EU-Datenbank (Art. 49 Abs. 1, Art. 71). Erfassen Sie die Registriernummer.${authority.de}`,
      `High-risk AI system under Annex III: the provider registers itself and the system in the EU database before placing it on the market (Art. 49(1), Art. 71). Record the registration number.${authority.en}`));
  } else {
    items.push(item('eu-registration', 'required',
      'Anhang III Nr. 2 (kritische Infrastruktur): Die Registrierung erfolgt nicht in der EU-Datenbank, sondern auf nationaler Ebene (Art. 49 Abs. 5). Erfassen Sie das Registrierzeichen.',
      'Annex III point 2 (critical infrastructure): registration takes place at national level, not in the EU database (Art. 49(5)). Record the registration reference.'));
  }
  return [...items, gpai];
}

function notHighRisk(c: NonNullable<OwedDocumentsInput['classification']>, riskClass: RiskClass, gpai: OwedDocument): OwedDocument[] {
  const art50 = riskClass === 'limited'
    ? { de: ' Sie sollte beschreiben, wie der Anbieter die Transparenzpflichten nach Art. 50 erfüllt (z. B. Kennzeichnung erzeugter Inhalte).', en: ' It should describe how the provider meets the transparency obligations of Art. 50 (e.g. marking generated content).' }
    : { de: '', en: '' };
  return [
    item('instructions-for-use', 'recommended',
      `Kein Hochrisiko-KI-System: Art. 13 gilt nicht, eine Betriebsanleitung sollte aber vertraglich vereinbart werden.${art50.de}`,
      `Not a high-risk AI system: Art. 13 does not apply, but instructions for use should be agreed by contract.${art50.en}`),
    item('art-13-information', 'not-owed',
      'Kein Hochrisiko-KI-System: Die Angaben nach Art. 13 Abs. 3 sind nicht geschuldet.',
      'Not a high-risk AI system: the information under Art. 13(3) is not owed.'),
    item('declaration-of-conformity', 'not-owed',
      'Kein Hochrisiko-KI-System: Eine EU-Konformitätserklärung (Art. 47) ist nicht vorgesehen.',
      'Not a high-risk AI system: no EU declaration of conformity (Art. 47) is provided for.'),
    c.derogationUsed
      ? item('eu-registration', 'recommended',
        'Anhang-III-System, das nach Art. 6 Abs. 3 nicht als hochriskant gilt: Der Anbieter registriert es in der EU-Datenbank (Art. 49 Abs. 2) und muss seine Bewertung dokumentieren (Art. 6 Abs. 4). Ob die Änderungsverordnung von 2026 diese Registrierung beibehalten hat, ist nicht abschließend geklärt – fragen Sie die Registriernummer an.',
        'An Annex III system that is not high-risk under Art. 6(3): the provider registers it in the EU database (Art. 49(2)) and must document its assessment (Art. 6(4)). Whether the 2026 amending regulation kept this registration is not settled – ask for the registration number.')
      : item('eu-registration', 'not-owed',
        'Kein Hochrisiko-KI-System nach Anhang III: Eine Registrierung in der EU-Datenbank ist nicht vorgesehen.',
        'Not a high-risk AI system under Annex III: no EU database registration is provided for.'),
    gpai,
  ];
}

/** Every supplier document with whether it is owed for this system and why, in the order of SUPPLIER_DOCUMENT_KINDS. */
export function owedSupplierDocuments(input: OwedDocumentsInput): OwedDocument[] {
  const c = input.classification;
  const gpai = gpaiItem(input.gpaiBased, c?.roles ?? input.roles);
  if (c === null) {
    const de = 'Das System ist noch nicht klassifiziert. Welche Unterlagen geschuldet sind, folgt aus der Risikoklasse; fordern Sie sie bis dahin vorsorglich an.';
    const en = 'The system is not classified yet. Which documents are owed follows from its risk class; ask for them as a precaution until then.';
    return [...SUPPLIER_DOCUMENT_KINDS.filter((k) => k !== 'gpai-information').map((kind) => item(kind, 'unknown', de, en)), gpai];
  }
  if (c.riskClass === 'prohibited') {
    const de = 'Verbotene Praktik (Art. 5): Das System darf nicht betrieben werden; Unterlagen des Anbieters ändern daran nichts.';
    const en = 'Prohibited practice (Art. 5): the system must not be operated; no document of the provider changes that.';
    return SUPPLIER_DOCUMENT_KINDS.map((kind) => item(kind, 'not-owed', de, en));
  }
  if (c.riskClass === 'out-of-scope') {
    if (c.voluntaryRiskClass !== null && c.voluntaryRiskClass !== 'out-of-scope' && c.voluntaryRiskClass !== 'prohibited') {
      // The Act does not apply; what it would require becomes a recommendation for the contract.
      const inner = c.voluntaryRiskClass === 'high' ? highRisk(c, gpai) : notHighRisk(c, c.voluntaryRiskClass, gpai);
      return inner.map((d) => (d.owed === 'required' && d.kind !== 'gpai-information'
        ? { ...d, owed: 'recommended', reason: {
          de: `Die KI-VO gilt nicht (Art. 2 Abs. 3), wird aber nach interner Vorgabe freiwillig angewandt – vertraglich vereinbaren. ${d.reason.de}`,
          en: `The AI Act does not apply (Art. 2(3)) but is applied voluntarily by internal policy – agree it by contract. ${d.reason.en}`,
        } }
        : d));
    }
    const de = 'Das System fällt nicht in den Anwendungsbereich der KI-VO; der Lieferant schuldet diese Unterlage nach der KI-VO nicht.';
    const en = 'The system is outside the scope of the AI Act; the supplier does not owe this document under the Act.';
    return SUPPLIER_DOCUMENT_KINDS.map((kind) => kind === 'instructions-for-use'
      ? item(kind, 'recommended', `${de} Eine Betriebsanleitung sollte dennoch vertraglich vereinbart werden.`, `${en} Instructions for use should still be agreed by contract.`)
      : kind === 'gpai-information' ? gpai : item(kind, 'not-owed', de, en));
  }
  return c.riskClass === 'high' ? highRisk(c, gpai) : notHighRisk(c, c.riskClass, gpai);
}

/** Missing and past its due date: flagged everywhere (checklist, vendor list, reminders). */
export function isSupplierDocumentFlagged(doc: { status: string; dueDate: string | null }, today: string): boolean {
  return doc.status === 'missing' && doc.dueDate !== null && doc.dueDate < today;
}
