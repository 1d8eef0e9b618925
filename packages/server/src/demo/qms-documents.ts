import type { Art17Element, QmsDocumentKind } from '@konform/core';

/**
 * Documents of the demo authority's AI management system. `target` is the state the loader takes the first version
 * to; a release is a signature of `approver` (not the author) and needs the demo password, so it happens only in the
 * run that created the demo users. `releasedDaysAgo` moves a release into the past, so its review falls due.
 */
export interface DemoQmsDocument {
  title: string;
  kind: QmsDocumentKind;
  owner: string;
  author: string;
  approver: string;
  reviewMonths: number;
  art17Elements: Art17Element[];
  isoClauses: string[];
  changeNote: string;
  content: string;
  target: 'draft' | 'in-review' | 'released';
  releasedDaysAgo?: number;
}

export const DEMO_QMS_DOCUMENTS: DemoQmsDocument[] = [
  {
    title: 'KI-Leitlinie des Bundesamts',
    kind: 'policy',
    owner: 'koordination@bds.demo',
    author: 'koordination@bds.demo',
    approver: 'administration@bds.demo',
    reviewMonths: 12,
    art17Elements: ['a', 'l', 'm'],
    isoClauses: ['iso-42001:clause-5-2', 'iso-42001:clause-5-3'],
    changeNote: 'Erstfassung nach Abstimmung mit Personalrat, Datenschutz und IT-Sicherheit.',
    target: 'released',
    content: `# KI-Leitlinie des Bundesamts

## 1. Zweck und Geltungsbereich

Diese Leitlinie legt fest, wie das Bundesamt KI-Systeme plant, beschafft, entwickelt, prüft und betreibt. Sie gilt für alle Organisationseinheiten und für alle KI-Systeme im Sinne der KI-Verordnung, auch für Systeme, die nach Art. 2 Abs. 3 KI-VO nicht unter die Verordnung fallen und für die die Hausleitung die freiwillige Anwendung angeordnet hat.

## 2. Grundsätze

- **Der Mensch entscheidet.** KI-Systeme unterstützen Bedienstete; Maßnahmen gegenüber Personen ordnet stets ein Mensch an.
- **Rechtmäßigkeit zuerst.** Jedes KI-System wird vor dem Einsatz nach der KI-Verordnung eingestuft; Hochrisiko-Systeme gehen nur mit vollständiger Dokumentation und Freigabe in Betrieb.
- **Nachvollziehbarkeit.** Einsatz, Versionen, Prüfergebnisse und Entscheidungen werden so dokumentiert, dass Dritte sie nachprüfen können.
- **Sicherheit und Datenschutz.** Es gelten die Vorgaben des IT-Grundschutzes und die Datenschutz-Folgenabschätzung; Daten der Behörde werden nicht für das Training fremder Modelle verwendet.

## 3. Zuständigkeiten

Die Stabsstelle KI-Koordinierung steuert das KI-Managementsystem und berichtet der Amtsleitung halbjährlich. Für jedes KI-System benennt die Fachabteilung eine verantwortliche Person. Das Prüflabor KI prüft Systeme unabhängig vor der Inbetriebnahme und nach wesentlichen Änderungen.

## 4. Ressourcen

Die Amtsleitung stellt Personal, Schulung und Prüfkapazität so bereit, dass die Pflichten aus der KI-Verordnung erfüllt werden können.
`,
  },
  {
    title: 'KI-Ziele 2027',
    kind: 'objectives',
    owner: 'koordination@bds.demo',
    author: 'koordination@bds.demo',
    approver: 'administration@bds.demo',
    reviewMonths: 12,
    art17Elements: [],
    isoClauses: ['iso-42001:clause-6-2'],
    changeNote: 'Ziele für 2027 aus der Managementbewertung abgeleitet.',
    target: 'in-review',
    content: `# KI-Ziele 2027

| Ziel | Messgröße | Zielwert | Verantwortlich |
|---|---|---|---|
| Alle KI-Systeme eingestuft | Anteil eingestufter Systeme im Inventar | 100 % bis 30.06. | KI-Koordinierung |
| KI-Kompetenz der Beschäftigten | Anteil aktueller Schulungsnachweise je Rolle | mindestens 95 % | Referatsleitungen |
| Korrekturmaßnahmen fristgerecht | Anteil fristgerecht erledigter Maßnahmen | mindestens 90 % | Systemverantwortliche |
| Lieferanten bewertet | Anteil bewerteter Lieferanten beschaffter Systeme | 100 % | Referat Z 3 |

Die Zielerreichung wird vierteljährlich im Lagebericht der KI-Koordinierung ausgewiesen.
`,
  },
  {
    title: 'Verfahrensanweisung Meldung schwerwiegender Vorfälle',
    kind: 'procedure',
    owner: 'koordination@bds.demo',
    author: 'koordination@bds.demo',
    approver: 'administration@bds.demo',
    reviewMonths: 24,
    art17Elements: ['i', 'j'],
    isoClauses: ['iso-42001:clause-10-2'],
    changeNote: 'Entwurf zur Abstimmung mit den Fachabteilungen.',
    target: 'draft',
    content: `# Verfahrensanweisung Meldung schwerwiegender Vorfälle

## Auslöser

Ein schwerwiegender Vorfall liegt vor, wenn eine Fehlfunktion eines KI-Systems zu einer Verletzung von Grundrechten, zu einer schweren Störung des Dienstbetriebs oder zu einem Schaden an Gesundheit oder Eigentum geführt hat oder geführt haben könnte.

## Ablauf

1. Wer einen möglichen Vorfall bemerkt, informiert unverzüglich die systemverantwortliche Person und die Stabsstelle KI-Koordinierung.
2. Die systemverantwortliche Person entscheidet, ob das System bis zur Klärung ausgesetzt wird.
3. Die KI-Koordinierung bewertet den Vorfall und meldet ihn fristgerecht dem Anbieter und der zuständigen Marktüberwachungsbehörde.
4. Die Ursache wird als Nichtkonformität erfasst; Korrekturmaßnahmen werden bis zur Wirksamkeitsprüfung verfolgt.

*Offen: Abstimmung der Meldefristen mit dem Sicherheitsvorfallteam.*
`,
  },
  {
    title: 'Managementbewertung des KI-Managementsystems',
    kind: 'management-review',
    owner: 'leitung@bds.demo',
    author: 'koordination@bds.demo',
    approver: 'administration@bds.demo',
    reviewMonths: 12,
    art17Elements: [],
    isoClauses: ['iso-42001:clause-9-3'],
    changeNote: 'Ergebnis der Managementbewertung mit der Amtsleitung.',
    target: 'released',
    releasedDaysAgo: 430,
    content: `# Managementbewertung des KI-Managementsystems

## Eingaben

- Stand des KI-Inventars: 12 Systeme, davon 4 in Entwicklung
- Ergebnisse der internen Prüfung der KI-Governance
- Offene Nichtkonformitäten und Korrekturmaßnahmen
- Schulungsstand zur KI-Kompetenz

## Bewertung

Das KI-Managementsystem ist eingeführt, aber noch nicht in allen Abteilungen gelebt. Die Einstufung nach der KI-Verordnung ist für die Systeme im Betrieb abgeschlossen; für Systeme in Entwicklung fehlt sie teilweise.

## Beschlüsse

1. Die Stabsstelle KI-Koordinierung erhält eine zusätzliche Stelle für die Lieferantenbewertung.
2. Schulungsnachweise werden ab sofort zentral geführt.
3. Die nächste Managementbewertung findet in zwölf Monaten statt.
`,
  },
];
