import type { DocumentModel, FriaVersion, Risk } from '@konform/core';
import type { AiSystemTable } from '../../db/schema.js';
import { RISK_LABELS } from '../risks/labels.js';

type Lang = 'de' | 'en';

const T = {
  de: {
    title: 'Grundrechte-Folgenabschätzung (Art. 27 KI-VO)',
    subtitle: 'Mitteilung der Ergebnisse an die Marktüberwachungsbehörde (Art. 27 Abs. 3 KI-VO)',
    system: 'Angaben zum KI-System und zur Abschätzung',
    name: 'KI-System', unit: 'Organisationseinheit', purpose: 'Zweckbestimmung', version: 'Fassung der Abschätzung', state: 'Stand',
    approvedBy: 'Freigegeben von', approvedAt: 'Freigegeben am', draft: 'Entwurf – nicht freigegeben', approved: 'freigegeben', superseded: 'ersetzt',
    a: '(a) Verfahren, in denen das System eingesetzt wird', b: '(b) Zeitraum und Häufigkeit der Verwendung', period: 'Zeitraum', frequency: 'Häufigkeit',
    c: '(c) Betroffene Kategorien natürlicher Personen und Gruppen', d: '(d) Spezifische Schadensrisiken für diese Personen',
    e: '(e) Maßnahmen der menschlichen Aufsicht', f: '(f) Maßnahmen bei Eintritt der Risiken',
    materialisation: 'Maßnahmen', complaints: 'Beschwerdeverfahren', governance: 'Interne Governance',
    risks: 'Herangezogene Risiken aus dem Risikoregister', riskColumns: ['Nr.', 'Risiko', 'Grundrechte', 'Brutto-Risiko', 'Netto-Risiko'],
    dpia: 'Datenschutz-Folgenabschätzung (Art. 26 Abs. 9, Art. 27 Abs. 4)', dpiaRef: 'Nachweis', none: '–',
    empty: 'Keine Angabe.',
  },
  en: {
    title: 'Fundamental rights impact assessment (Art. 27 AI Act)',
    subtitle: 'Notification of the results to the market surveillance authority (Art. 27(3) AI Act)',
    system: 'AI system and assessment',
    name: 'AI system', unit: 'Organisational unit', purpose: 'Intended purpose', version: 'Version of the assessment', state: 'State',
    approvedBy: 'Approved by', approvedAt: 'Approved on', draft: 'Draft – not approved', approved: 'approved', superseded: 'superseded',
    a: '(a) Processes in which the system is used', b: '(b) Period and frequency of use', period: 'Period', frequency: 'Frequency',
    c: '(c) Categories of natural persons and groups affected', d: '(d) Specific risks of harm to those persons',
    e: '(e) Human oversight measures', f: '(f) Measures if the risks materialise',
    materialisation: 'Measures', complaints: 'Complaint mechanism', governance: 'Internal governance',
    risks: 'Risks drawn from the risk register', riskColumns: ['No.', 'Risk', 'Fundamental rights', 'Inherent risk', 'Residual risk'],
    dpia: 'Data protection impact assessment (Art. 26(9), Art. 27(4))', dpiaRef: 'Evidence', none: '–',
    empty: 'Not stated.',
  },
} as const;

const text = (value: string, lang: Lang) => (value.trim() ? value : T[lang].empty);

/** The FRIA as the document Konform exports: the notification of its results (Art. 27(3)). */
export function friaNotification(input: {
  system: AiSystemTable;
  unitName: string;
  version: FriaVersion;
  risks: readonly Risk[];
  dpiaTitle: string | null;
  lang: Lang;
  marking: string | null;
  organisation?: string;
}): DocumentModel {
  const { system, version, lang } = input;
  const t = T[lang];
  const c = version.content;
  const used = input.risks.filter((r) => c.riskIds.includes(r.id));
  const state = version.state === 'draft' ? t.draft : t[version.state];
  return {
    id: `FRIA-${system.id.slice(0, 8).toUpperCase()}-${version.number}`,
    title: t.title,
    subtitle: `${t.subtitle} – ${system.name}`,
    version: String(version.number),
    date: (version.approvedAt ?? version.updatedAt).slice(0, 10),
    language: lang,
    marking: input.marking,
    ...(input.organisation ? { organisation: input.organisation } : {}),
    blocks: [
      { type: 'heading', level: 1, text: t.system },
      {
        type: 'keyValue',
        items: [
          { key: t.name, value: system.name },
          { key: t.unit, value: input.unitName },
          { key: t.purpose, value: system.purpose },
          { key: t.version, value: String(version.number) },
          { key: t.state, value: state },
          { key: t.approvedBy, value: version.approvedBy ?? t.none },
          { key: t.approvedAt, value: version.approvedAt?.slice(0, 10) ?? t.none },
        ],
      },
      { type: 'heading', level: 1, text: t.a },
      { type: 'paragraph', text: text(c.processes, lang) },
      { type: 'heading', level: 1, text: t.b },
      { type: 'keyValue', items: [{ key: t.period, value: text(c.period, lang) }, { key: t.frequency, value: text(c.frequency, lang) }] },
      { type: 'heading', level: 1, text: t.c },
      { type: 'paragraph', text: text(c.affectedCategories, lang) },
      { type: 'heading', level: 1, text: t.d },
      { type: 'paragraph', text: text(c.risksOfHarm, lang) },
      ...(used.length
        ? [
            { type: 'heading' as const, level: 2 as const, text: t.risks },
            {
              type: 'table' as const,
              columns: [...t.riskColumns],
              widths: [1, 5, 4, 2, 2],
              rows: used.map((r) => [`R-${r.number}`, r.title, r.rights.map((x) => RISK_LABELS[lang].rights[x]).join('; ') || t.none, r.inherentLevel?.label[lang] ?? t.none, r.residualLevel?.label[lang] ?? t.none]),
            },
          ]
        : []),
      { type: 'heading', level: 1, text: t.e },
      { type: 'paragraph', text: text(c.humanOversight, lang) },
      { type: 'heading', level: 1, text: t.f },
      {
        type: 'keyValue',
        items: [
          { key: t.materialisation, value: text(c.materialisationMeasures, lang) },
          { key: t.complaints, value: text(c.complaintMechanism, lang) },
          { key: t.governance, value: text(c.internalGovernance, lang) },
        ],
      },
      { type: 'heading', level: 1, text: t.dpia },
      { type: 'keyValue', items: [{ key: t.dpiaRef, value: input.dpiaTitle ?? t.none }] },
    ],
  };
}
