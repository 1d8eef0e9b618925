import type { Art17Element } from '../schemas/qms.js';

export interface Art17ElementInfo {
  id: Art17Element;
  /** `Art. 17(1)(a)` */
  ref: string;
  /** The requirement of the EU AI Act catalogue that holds the element (the catalogue groups (a)–(e), (f)–(i), (j)–(m)). */
  requirementKey: string;
  /** Konform's own short wording, not the legal text. */
  title: { de: string; en: string };
}

const FIRST = 'eu-ai-act:art-17-1-1';
const SECOND = 'eu-ai-act:art-17-1-2';
const THIRD = 'eu-ai-act:art-17-1-3';

/** What the quality management system of a provider documents, element by element (Art. 17(1)(a)–(m) AI Act). */
export const ART_17_ELEMENTS: readonly Art17ElementInfo[] = [
  {
    id: 'a', ref: 'Art. 17(1)(a)', requirementKey: FIRST,
    title: { de: 'Konzept zur Einhaltung der Regulierungsvorschriften, einschließlich Konformitätsbewertung und Änderungsmanagement', en: 'Strategy for regulatory compliance, incl. conformity assessment and the management of modifications' },
  },
  {
    id: 'b', ref: 'Art. 17(1)(b)', requirementKey: FIRST,
    title: { de: 'Techniken, Verfahren und Maßnahmen für Entwurf, Entwurfskontrolle und Entwurfsprüfung', en: 'Techniques, procedures and actions for design, design control and design verification' },
  },
  {
    id: 'c', ref: 'Art. 17(1)(c)', requirementKey: FIRST,
    title: { de: 'Techniken, Verfahren und Maßnahmen für Entwicklung, Qualitätskontrolle und Qualitätssicherung', en: 'Techniques, procedures and actions for development, quality control and quality assurance' },
  },
  {
    id: 'd', ref: 'Art. 17(1)(d)', requirementKey: FIRST,
    title: { de: 'Untersuchungs-, Test- und Validierungsverfahren vor, während und nach der Entwicklung und ihre Häufigkeit', en: 'Examination, test and validation procedures before, during and after development, and their frequency' },
  },
  {
    id: 'e', ref: 'Art. 17(1)(e)', requirementKey: FIRST,
    title: { de: 'Angewandte technische Spezifikationen und Normen; Mittel zur Einhaltung, wo harmonisierte Normen nicht vollständig angewandt werden', en: 'Technical specifications and standards applied; the means to comply where harmonised standards are not fully applied' },
  },
  {
    id: 'f', ref: 'Art. 17(1)(f)', requirementKey: SECOND,
    title: { de: 'Systeme und Verfahren für das Datenmanagement, von der Erhebung bis zur Aufbewahrung', en: 'Systems and procedures for data management, from acquisition to retention' },
  },
  {
    id: 'g', ref: 'Art. 17(1)(g)', requirementKey: SECOND,
    title: { de: 'Risikomanagementsystem (Art. 9)', en: 'Risk management system (Art. 9)' },
  },
  {
    id: 'h', ref: 'Art. 17(1)(h)', requirementKey: SECOND,
    title: { de: 'Einrichtung, Durchführung und Aufrechterhaltung der Beobachtung nach dem Inverkehrbringen (Art. 72)', en: 'Setting up, implementing and maintaining post-market monitoring (Art. 72)' },
  },
  {
    id: 'i', ref: 'Art. 17(1)(i)', requirementKey: SECOND,
    title: { de: 'Verfahren zur Meldung schwerwiegender Vorfälle (Art. 73)', en: 'Procedures for reporting serious incidents (Art. 73)' },
  },
  {
    id: 'j', ref: 'Art. 17(1)(j)', requirementKey: THIRD,
    title: { de: 'Kommunikation mit Behörden, notifizierten Stellen, anderen Akteuren, Kunden und interessierten Kreisen', en: 'Communication with authorities, notified bodies, other operators, customers and other interested parties' },
  },
  {
    id: 'k', ref: 'Art. 17(1)(k)', requirementKey: THIRD,
    title: { de: 'Systeme und Verfahren für die Aufzeichnung aller einschlägigen Dokumentation', en: 'Systems and procedures for record-keeping of all relevant documentation' },
  },
  {
    id: 'l', ref: 'Art. 17(1)(l)', requirementKey: THIRD,
    title: { de: 'Ressourcenmanagement, einschließlich Maßnahmen zur Versorgungssicherheit', en: 'Resource management, incl. security-of-supply measures' },
  },
  {
    id: 'm', ref: 'Art. 17(1)(m)', requirementKey: THIRD,
    title: { de: 'Rahmen für die Rechenschaftspflicht: Verantwortlichkeiten der Leitung und des Personals', en: 'Accountability framework: responsibilities of management and staff' },
  },
];

export function art17Element(id: Art17Element): Art17ElementInfo {
  const found = ART_17_ELEMENTS.find((e) => e.id === id);
  if (!found) throw new Error(`Unknown Art. 17 element ${id}`);
  return found;
}
