import { z } from 'zod';
import type { DocumentLocale } from '../schemas/documents.js';
import { AuthoredTextsInput, keyValues, section, type DocumentBuilder, type DocumentHead, type GeneratedSection, type Lacking } from './engine.js';
import type { DocBlock } from './model.js';
import { ProviderInput, ReleasedDocumentRef, providerFieldLabel, providerItems, releasedRefLine } from './provider.js';

/**
 * The EU declaration of conformity of a high-risk AI system (Art. 47 and Annex V AI Act): the eight items of Annex V
 * with the fixed statements in Konform's own words, filled from the system, its approved classification, the released
 * technical documentation, the catalogues of its requirement matrix and the datasets' personal-data flags. Place, date
 * and signatory are authored.
 */

export const DECLARATION_SECTION_KEYS = ['system', 'provider', 'responsibility', 'conformity', 'data-protection', 'standards', 'notified-body', 'issue'] as const;
export type DeclarationSectionKey = (typeof DECLARATION_SECTION_KEYS)[number];

const Str = z.string();
export const DeclarationInputs = z.object({
  builtAt: Str,
  system: z.object({ id: Str, name: Str, shortName: Str, purpose: Str, unitName: Str }),
  provider: ProviderInput,
  classification: z.object({ number: z.number(), status: Str, riskClass: Str, decidedAt: Str, conformityProcedure: Str.nullable() }).nullable(),
  technicalDocumentation: ReleasedDocumentRef.nullable(),
  catalogues: z.array(z.object({ id: Str, title: Str })),
  /** Datasets whose datasheet says they hold personal data (`name version`). */
  personalDataSets: z.array(Str),
  texts: AuthoredTextsInput,
});
export type DeclarationInputs = z.infer<typeof DeclarationInputs>;

type Lang = DocumentLocale;
type SectionText = { heading: string; guidance: string };

const SECTIONS: Record<Lang, Record<DeclarationSectionKey, SectionText>> = {
  de: {
    system: { heading: 'KI-System', guidance: 'Name und Typ des KI-Systems und jede weitere eindeutige Angabe, die seine Identifizierung und Rückverfolgbarkeit ermöglicht (Anhang V Nr. 1).' },
    provider: { heading: 'Anbieter', guidance: 'Name und Anschrift des Anbieters oder gegebenenfalls seines Bevollmächtigten (Anhang V Nr. 2).' },
    responsibility: { heading: 'Verantwortung', guidance: 'Die Erklärung, dass der Anbieter diese EU-Konformitätserklärung in alleiniger Verantwortung ausstellt (Anhang V Nr. 3).' },
    conformity: { heading: 'Konformität', guidance: 'Die Erklärung, dass das KI-System der KI-VO und gegebenenfalls weiteren einschlägigen Rechtsvorschriften der Union entspricht (Anhang V Nr. 4).' },
    'data-protection': { heading: 'Datenschutz', guidance: 'Verarbeitet das System personenbezogene Daten: die Erklärung, dass es der DSGVO, der Verordnung (EU) 2018/1725 und der Richtlinie (EU) 2016/680 entspricht (Anhang V Nr. 5).' },
    standards: { heading: 'Harmonisierte Normen und gemeinsame Spezifikationen', guidance: 'Fundstellen der angewandten harmonisierten Normen oder gemeinsamen Spezifikationen, auf die sich die Konformitätserklärung stützt (Anhang V Nr. 6).' },
    'notified-body': { heading: 'Notifizierte Stelle', guidance: 'Gegebenenfalls Name und Kennnummer der notifizierten Stelle, das durchgeführte Konformitätsbewertungsverfahren und die Bezeichnung der Bescheinigung (Anhang V Nr. 7).' },
    issue: { heading: 'Ausstellung und Unterschrift', guidance: 'Ort und Datum der Ausstellung, Name und Funktion der unterzeichnenden Person, für wen oder in wessen Namen sie unterzeichnet, Unterschrift (Anhang V Nr. 8).' },
  },
  en: {
    system: { heading: 'AI system', guidance: 'Name and type of the AI system and any further unambiguous reference allowing its identification and traceability (Annex V point 1).' },
    provider: { heading: 'Provider', guidance: 'Name and address of the provider or, where applicable, of its authorised representative (Annex V point 2).' },
    responsibility: { heading: 'Responsibility', guidance: 'The statement that the provider issues this EU declaration of conformity under its sole responsibility (Annex V point 3).' },
    conformity: { heading: 'Conformity', guidance: 'The statement that the AI system conforms with the AI Act and, where applicable, with other relevant Union law (Annex V point 4).' },
    'data-protection': { heading: 'Data protection', guidance: 'Where the system processes personal data: the statement that it complies with the GDPR, Regulation (EU) 2018/1725 and Directive (EU) 2016/680 (Annex V point 5).' },
    standards: { heading: 'Harmonised standards and common specifications', guidance: 'References to the harmonised standards or common specifications applied on which conformity is declared (Annex V point 6).' },
    'notified-body': { heading: 'Notified body', guidance: 'Where applicable, the name and identification number of the notified body, the conformity assessment procedure performed and the identification of the certificate (Annex V point 7).' },
    issue: { heading: 'Issue and signature', guidance: 'Place and date of issue, name and function of the person who signs, for or on behalf of whom, signature (Annex V point 8).' },
  },
};

const L = {
  de: {
    title: 'EU-Konformitätserklärung', subtitle: (name: string) => `nach Art. 47 und Anhang V KI-VO – ${name}`,
    name: 'Name', type: 'Typ (Kurzbezeichnung)', reference: 'Eindeutige Kennung in Konform', purpose: 'Zweckbestimmung', technicalDocumentation: 'Technische Dokumentation',
    classification: (n: number, at: string) => `Einstufung als Hochrisiko-KI-System, genehmigte Fassung ${n} vom ${at}`,
    responsibility: (provider: string) => `Diese EU-Konformitätserklärung wird in alleiniger Verantwortung des Anbieters ausgestellt${provider ? `: ${provider}` : ''}.`,
    conformity: (system: string) => `Das oben bezeichnete KI-System ${system} erfüllt die Anforderungen der Verordnung (EU) 2024/1689 (KI-Verordnung), insbesondere die Anforderungen an Hochrisiko-KI-Systeme in Kapitel III Abschnitt 2.`,
    personalData: 'Das KI-System verarbeitet personenbezogene Daten. Es entspricht der Verordnung (EU) 2016/679 (DSGVO), der Verordnung (EU) 2018/1725 und der Richtlinie (EU) 2016/680, soweit diese jeweils anwendbar sind.',
    personalDataSets: 'Datensätze mit Personenbezug laut Datenblatt',
    noPersonalData: 'Nach den Datenblättern der verknüpften Datensätze verarbeitet das KI-System keine personenbezogenen Daten; eine Erklärung nach Anhang V Nr. 5 entfällt. Verarbeitet es im Betrieb dennoch solche Daten, ist dies hier zu ergänzen.',
    catalogues: 'Angewandte Kataloge der Anforderungsmatrix (keine harmonisierten Normen)',
    internalControl: 'Konformitätsbewertung nach dem Verfahren der internen Kontrolle (Anhang VI); eine notifizierte Stelle war nicht beteiligt.',
    procedure: { 'annex-vii': 'Konformitätsbewertung unter Beteiligung einer notifizierten Stelle (Anhang VII).', 'annex-vi-or-vii': 'Konformitätsbewertung nach Anhang VI oder Anhang VII; bei Anhang VII sind die notifizierte Stelle und die Bescheinigung anzugeben.', 'annex-i-product-law': 'Konformitätsbewertung nach den Harmonisierungsrechtsvorschriften der Union für das Produkt (Anhang I); die notifizierte Stelle und die Bescheinigung sind anzugeben.' } as Record<string, string>,
  },
  en: {
    title: 'EU declaration of conformity', subtitle: (name: string) => `under Art. 47 and Annex V AI Act – ${name}`,
    name: 'Name', type: 'Type (short name)', reference: 'Unambiguous reference in Konform', purpose: 'Intended purpose', technicalDocumentation: 'Technical documentation',
    classification: (n: number, at: string) => `Classified as a high-risk AI system, approved revision ${n} of ${at}`,
    responsibility: (provider: string) => `This EU declaration of conformity is issued under the sole responsibility of the provider${provider ? `: ${provider}` : ''}.`,
    conformity: (system: string) => `The AI system ${system} identified above meets the requirements of Regulation (EU) 2024/1689 (AI Act), in particular the requirements for high-risk AI systems in Chapter III Section 2.`,
    personalData: 'The AI system processes personal data. It complies with Regulation (EU) 2016/679 (GDPR), Regulation (EU) 2018/1725 and Directive (EU) 2016/680, as far as each applies.',
    personalDataSets: 'Datasets holding personal data according to their datasheet',
    noPersonalData: 'According to the datasheets of the linked datasets the AI system processes no personal data; no statement under Annex V point 5 is needed. If it processes such data in operation, add that here.',
    catalogues: 'Catalogues applied in the requirement matrix (not harmonised standards)',
    internalControl: 'Conformity assessed by the internal-control procedure (Annex VI); no notified body was involved.',
    procedure: { 'annex-vii': 'Conformity assessed with the involvement of a notified body (Annex VII).', 'annex-vi-or-vii': 'Conformity assessed under Annex VI or Annex VII; under Annex VII, name the notified body and the certificate.', 'annex-i-product-law': 'Conformity assessed under the Union harmonisation legislation for the product (Annex I); name the notified body and the certificate.' } as Record<string, string>,
  },
} as const;

/** The eight sections of Annex V with record data, fixed statements, authored text and completeness. */
export function declarationSections(inputs: DeclarationInputs, lang: Lang): GeneratedSection[] {
  const t = L[lang];
  const s = inputs.system;
  const hasText = (key: string) => (inputs.texts[key]?.markdown ?? '').trim() !== '';
  const approved = inputs.classification !== null && inputs.classification.status === 'approved' && inputs.classification.riskClass === 'high';
  return DECLARATION_SECTION_KEYS.map((key, index) => {
    const blocks: DocBlock[] = [];
    const lacking: Lacking[] = [];
    let hasRecords = false;
    let textRequired = false;
    const kv = (items: [string, string][]) => {
      const { block, filled } = keyValues(items);
      if (block) blocks.push(block);
      hasRecords ||= filled;
    };
    const paragraph = (text: string) => {
      blocks.push({ type: 'paragraph', text });
      hasRecords = true;
    };
    switch (key) {
      case 'system':
        kv([[t.name, s.name], [t.type, s.shortName], [t.reference, s.id], [t.purpose, s.purpose],
          [t.technicalDocumentation, inputs.technicalDocumentation ? releasedRefLine(inputs.technicalDocumentation, lang) : '']]);
        break;
      case 'provider':
        kv(providerItems(inputs.provider, lang));
        if (!hasText(key)) for (const field of ['name', 'address'] as const) if (inputs.provider[field].trim() === '') lacking.push({ code: 'field-missing', subject: providerFieldLabel(field, lang) });
        break;
      case 'responsibility':
        paragraph(t.responsibility(inputs.provider.name));
        break;
      case 'conformity':
        paragraph(t.conformity(s.name));
        if (approved) paragraph(t.classification(inputs.classification!.number, inputs.classification!.decidedAt.slice(0, 10)));
        else lacking.push({ code: 'classification-not-approved' });
        if (!inputs.technicalDocumentation) lacking.push({ code: 'no-technical-documentation' });
        break;
      case 'data-protection':
        if (inputs.personalDataSets.length > 0) {
          paragraph(t.personalData);
          kv([[t.personalDataSets, inputs.personalDataSets.join(', ')]]);
        } else paragraph(t.noPersonalData);
        break;
      case 'standards':
        if (inputs.catalogues.length > 0) {
          hasRecords = true;
          blocks.push({ type: 'heading', level: 3, text: t.catalogues }, { type: 'list', ordered: false, items: inputs.catalogues.map((c) => `${c.title} (${c.id})`) });
        }
        // The catalogues are no harmonised standards: the references are authored.
        if (!hasText(key)) lacking.push({ code: 'no-standards' });
        break;
      case 'notified-body': {
        const procedure = approved ? inputs.classification!.conformityProcedure : null;
        if (procedure === 'annex-vi') paragraph(t.internalControl);
        else {
          if (procedure && t.procedure[procedure]) paragraph(t.procedure[procedure]);
          textRequired = true;
        }
        break;
      }
      case 'issue':
        textRequired = true;
        break;
    }
    const textExpected = textRequired || key === 'standards' || key === 'conformity' || key === 'data-protection';
    return section(key, index, SECTIONS[lang][key], { blocks, lacking, hasRecords, textExpected, textRequired }, inputs.texts);
  });
}

export const declarationBuilder: DocumentBuilder<DeclarationInputs> = {
  subject: 'system',
  onePerSubject: true,
  sectionKeys: DECLARATION_SECTION_KEYS,
  parseInputs: (value) => DeclarationInputs.parse(value),
  sections: declarationSections,
  head: (inputs, lang): DocumentHead => ({ id: `DoC-${inputs.system.shortName || inputs.system.name}`, subtitle: L[lang].subtitle(inputs.system.name), organisation: inputs.provider.name || inputs.system.unitName }),
  title: (name, lang) => `${L[lang].title} – ${name}`,
};
