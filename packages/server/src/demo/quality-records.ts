import type { NonconformitySeverity, NonconformitySource, NonconformityStatus, RiskCreate, TaskPriority, TaskRecordType, TaskStatus } from '@konform/core';

/**
 * Risks, non-conformities and tasks of the demo portfolio. Systems are named by their name, people by their demo
 * e-mail address; dates are days relative to the day the demo is loaded (negative: in the past).
 */

export interface DemoRisk {
  system: string;
  createdBy: string;
  risk: Omit<RiskCreate, 'nextReview'> & { title: string };
  nextReviewInDays: number | null;
}

export const DEMO_RISKS: DemoRisk[] = [
  {
    system: 'Bürger-Assistent für Anfragen über das Kontaktformular',
    createdBy: 'buergerservice@bds.demo',
    risk: {
      title: 'Manipulation der Antworten durch Prompt-Injection',
      description:
        'Eingaben im Dialog könnten Anweisungen enthalten, die das Sprachmodell dazu bringen, die freigegebenen Texte zu verlassen, interne Systemanweisungen preiszugeben oder unzutreffende Auskünfte im Namen der Behörde zu geben.',
      sourceId: 'owasp-llm01',
      affected: ['reputation', 'operations'],
      likelihood: 3,
      impact: 3,
      treatment: 'reduce',
      owner: 'Anja Köhler',
    },
    nextReviewInDays: 45,
  },
  {
    system: 'Berichtsassistent für Auswerteberichte',
    createdBy: 'koordination@bds.demo',
    risk: {
      title: 'Nicht belegte Aussagen in Berichtsentwürfen',
      description:
        'Das Modell kann Sätze erzeugen, die in keinem Quellvermerk stehen. Werden sie bei der redaktionellen Prüfung übersehen, gehen unzutreffende Tatsachen über Personen in Auswerteberichte ein.',
      sourceId: 'harm-hallucination',
      affected: ['fundamental-rights'],
      rights: ['presumption-of-innocence', 'good-administration'],
      affectedGroups: 'In den Vermerken genannte Personen',
      likelihood: 3,
      impact: 4,
      treatment: 'reduce',
      owner: 'Dr. Julia Hartmann',
    },
    nextReviewInDays: -5,
  },
  {
    system: 'Transkription von TKÜ-Audiodaten',
    createdBy: 'sprachauswertung@bds.demo',
    risk: {
      title: 'Fehlerhafte Verschriftung bei Dialekt und Sprachwechsel',
      description:
        'Bei starkem Dialekt und bei Wechseln zwischen Sprachen innerhalb eines Gesprächs steigt die Wortfehlerrate deutlich. Verlassen sich Auswertende auf das Transkript statt auf die Aufnahme, können entlastende oder belastende Äußerungen falsch verstanden werden.',
      sourceId: 'harm-automation-bias',
      affected: ['fundamental-rights'],
      rights: ['effective-remedy-fair-trial'],
      affectedGroups: 'Beschuldigte und Gesprächspartner',
      likelihood: 4,
      impact: 3,
      treatment: 'reduce',
      owner: 'Mehmet Yılmaz',
    },
    nextReviewInDays: 90,
  },
];

export interface DemoAction {
  kind: 'corrective' | 'preventive';
  description: string;
  owner: string;
  dueInDays: number;
  /** Done by the time the demo non-conformity reaches its target state. */
  done: boolean;
}

export interface DemoNonconformity {
  title: string;
  /** The AI system, or null for an organisation-wide one of `unit`. */
  system: string | null;
  unit?: string;
  recordedBy: string;
  source: NonconformitySource;
  severity: NonconformitySeverity;
  description: string;
  requirementKeys: string[];
  rootCause: string;
  actions: DemoAction[];
  /** The state the loader takes it to, step by step through the workflow. */
  target: NonconformityStatus;
  /** For a target past `implemented`: who verifies (someone other than the implementer, holding nonconformity.verify). */
  verification?: { by: string; note: string };
}

export const DEMO_NONCONFORMITIES: DemoNonconformity[] = [
  {
    title: 'Unsichere Stellen im exportierten Transkript nicht mehr markiert',
    system: 'Transkription von TKÜ-Audiodaten',
    recordedBy: 'sprachauswertung@bds.demo',
    source: 'review',
    severity: 'major',
    description:
      'Bei der Durchsicht eines Vorgangs fiel auf, dass Transkripte in der Vorgangsbearbeitung keine Markierung von Wörtern mit niedriger Konfidenz mehr tragen. Auswertende konnten dadurch nicht erkennen, welche Stellen sie nachhören müssen.',
    requirementKeys: ['eu-ai-act:art-26-1', 'eu-ai-act:art-26-2'],
    rootCause:
      'Mit dem Herstellerupdate 5.2 ging die Farbmarkierung beim Export in das Dokumentformat der Vorgangsbearbeitung verloren. Der Abnahmetest für Updates prüfte nur die Anzeige am Auswertearbeitsplatz, nicht den Export.',
    actions: [
      { kind: 'corrective', description: 'Korrigierten Exportfilter beim Hersteller anfordern und alle seit dem Update exportierten Transkripte mit einem Hinweis versehen.', owner: 'sprachauswertung@bds.demo', dueInDays: -40, done: true },
      { kind: 'preventive', description: 'Abnahmetest für Herstellerupdates um die Prüfung des Exports in die Vorgangsbearbeitung ergänzen.', owner: 'prueflabor@bds.demo', dueInDays: -25, done: true },
    ],
    target: 'closed',
    verification: {
      by: 'innenrevision@bds.demo',
      note: 'Stichprobe von 20 nach dem Korrekturupdate exportierten Transkripten: Markierungen vollständig. Die ergänzte Abnahme-Checkliste (Fassung 3) liegt dem Prüflabor vor und wurde beim letzten Update angewandt.',
    },
  },
  {
    title: 'Aktualisierung der Mustersammlung ohne Stichprobenprüfung eingespielt',
    system: 'Echtheitsprüfung von Ausweis- und Reisedokumenten',
    recordedBy: 'bildauswertung@bds.demo',
    source: 'audit-finding',
    severity: 'minor',
    description:
      'Die Innenrevision stellte fest, dass eine außerplanmäßige Lieferung der Mustersammlung eingespielt wurde, ohne dass das Prüflabor sie vorher stichprobenartig getestet hatte, wie es die Betriebsanweisung vorsieht.',
    requirementKeys: ['eu-ai-act:art-26-1'],
    rootCause:
      'Die Lieferung kam als dringendes Sicherheitsupdate außerhalb des monatlichen Rhythmus. Die Betriebsanweisung regelt außerplanmäßige Lieferungen nicht, und für die urlaubsbedingte Abwesenheit im Prüflabor war keine Vertretung benannt.',
    actions: [
      { kind: 'corrective', description: 'Stichprobenprüfung der eingespielten Version mit mindestens 50 Musterdokumenten nachholen und das Ergebnis dokumentieren.', owner: 'prueflabor@bds.demo', dueInDays: -3, done: false },
      { kind: 'preventive', description: 'Betriebsanweisung um außerplanmäßige Lieferungen und eine Vertretungsregel für die Stichprobenprüfung ergänzen.', owner: 'bildauswertung@bds.demo', dueInDays: 12, done: false },
    ],
    target: 'actions-planned',
  },
  {
    title: 'Bürger-Assistent nennt veraltete Rufnummer des Bürgertelefons',
    system: 'Bürger-Assistent für Anfragen über das Kontaktformular',
    recordedBy: 'buergerservice@bds.demo',
    source: 'incident',
    severity: 'minor',
    description:
      'Im Testbetrieb nannte der Assistent auf die Frage nach einer telefonischen Meldung eines Cyberangriffs die bis zum Vorjahr gültige Rufnummer. Die Antwort stammte aus einem Textbaustein, der in der Wissensbasis nicht zurückgezogen worden war.',
    requirementKeys: [],
    rootCause: '',
    actions: [],
    target: 'open',
  },
  {
    title: 'Nachweise zur KI-Kompetenz für Systemverantwortliche unvollständig',
    system: null,
    unit: 'root',
    recordedBy: 'koordination@bds.demo',
    source: 'audit-finding',
    severity: 'major',
    description:
      'Bei der internen Prüfung der KI-Governance konnte für mehrere Systemverantwortliche nicht belegt werden, dass sie die vorgesehene Schulung zur KI-Verordnung besucht haben (Art. 4 KI-VO).',
    requirementKeys: ['eu-ai-act:art-4'],
    rootCause:
      'Teilnahmen wurden bisher nur in den Personalakten vermerkt; einen zentralen Überblick je Rolle gab es nicht, und Wiederholungsfristen wurden nicht überwacht.',
    actions: [],
    target: 'analysed',
  },
];

export interface DemoTask {
  title: string;
  description: string;
  recordType: TaskRecordType;
  /** The system the record belongs to (for `system` and `fria` the record itself). */
  system: string;
  /** A requirement key for `requirement`, a risk title for `risk`. */
  record?: string;
  owner: string;
  dueInDays: number;
  priority: TaskPriority;
  status: TaskStatus;
  createdBy: string;
}

export const DEMO_TASKS: DemoTask[] = [
  {
    title: 'Red-Teaming des Bürger-Assistenten auf Prompt-Injection',
    description: 'Angriffsmuster aus dem Prüfkatalog (direkte und indirekte Injektion, Rollenspiel, Übersetzungstricks) gegen die Testumgebung fahren und Ergebnisse mit Beispielen dokumentieren.',
    recordType: 'risk',
    system: 'Bürger-Assistent für Anfragen über das Kontaktformular',
    record: 'Manipulation der Antworten durch Prompt-Injection',
    owner: 'prueflabor@bds.demo',
    dueInDays: -4,
    priority: 'high',
    status: 'in-progress',
    createdBy: 'buergerservice@bds.demo',
  },
  {
    title: 'Stichprobe von 50 Berichtsentwürfen auf unbelegte Sätze auswerten',
    description: 'Aus dem Pilotbetrieb zufällig 50 Entwürfe ziehen, jeden Satz gegen die Fundstellen prüfen und die Quote unbelegter Aussagen berichten.',
    recordType: 'risk',
    system: 'Berichtsassistent für Auswerteberichte',
    record: 'Nicht belegte Aussagen in Berichtsentwürfen',
    owner: 'koordination@bds.demo',
    dueInDays: 2,
    priority: 'normal',
    status: 'open',
    createdBy: 'koordination@bds.demo',
  },
  {
    title: 'Messbericht zu demografischen Leistungsunterschieden beim Hersteller anfordern',
    description: 'Schriftlich anfordern: Falsch-Positiv- und Falsch-Negativ-Raten getrennt nach Alter, Geschlecht und Hauttyp, mit Beschreibung der Testdaten.',
    recordType: 'risk',
    system: 'Nachträglicher Gesichtsbildabgleich mit der Referenzdatenbank',
    record: 'Unbekannte Leistungsunterschiede zwischen demografischen Gruppen',
    owner: 'bildauswertung@bds.demo',
    dueInDays: -2,
    priority: 'high',
    status: 'open',
    createdBy: 'koordination@bds.demo',
  },
  {
    title: 'Aufsichtspersonen benennen und schulen',
    description: 'Zwei Gesichtsbildexpertinnen und eine Vertretung als Aufsichtspersonen nach Art. 26 Abs. 2 benennen; Schulung zu Grenzen des Systems und zum Vier-Augen-Verfahren nachweisen.',
    recordType: 'requirement',
    system: 'Nachträglicher Gesichtsbildabgleich mit der Referenzdatenbank',
    record: 'eu-ai-act:art-26-2',
    owner: 'bildauswertung@bds.demo',
    dueInDays: 10,
    priority: 'high',
    status: 'open',
    createdBy: 'bildauswertung@bds.demo',
  },
  {
    title: 'Grundrechte-Folgenabschätzung entwerfen',
    description: 'Entwurf der FRIA mit der Datenschutz-Folgenabschätzung abstimmen; Beteiligung der Datenschutzbeauftragten einplanen.',
    recordType: 'fria',
    system: 'Nachträglicher Gesichtsbildabgleich mit der Referenzdatenbank',
    owner: 'bildauswertung@bds.demo',
    dueInDays: 30,
    priority: 'normal',
    status: 'open',
    createdBy: 'koordination@bds.demo',
  },
  {
    title: 'Aufbewahrung der Protokolle auf sechs Monate einstellen',
    description: 'Die Protokolle der Transkription werden derzeit nach 90 Tagen gelöscht. Löschfrist mit dem Betrieb auf sechs Monate anheben und im Löschkonzept nachtragen.',
    recordType: 'requirement',
    system: 'Transkription von TKÜ-Audiodaten',
    record: 'eu-ai-act:art-26-6',
    owner: 'sprachauswertung@bds.demo',
    dueInDays: -9,
    priority: 'urgent',
    status: 'open',
    createdBy: 'sprachauswertung@bds.demo',
  },
  {
    title: 'Monatsbericht zur Abweichungsquote an die KI-Koordinierung senden',
    description: 'Anteil der manuell nachklassifizierten Proben und auffällige Familien des Vormonats.',
    recordType: 'system',
    system: 'Klassifikation von Schadprogrammproben',
    owner: 'netzwerkanalyse@bds.demo',
    dueInDays: 1,
    priority: 'normal',
    status: 'open',
    createdBy: 'netzwerkanalyse@bds.demo',
  },
  {
    title: 'Klassifizierung nach geplanter Erweiterung überprüfen',
    description: 'Die Nutzung für Pressemitteilungen ändert den Einsatzkontext. Fragebogen neu beantworten und Ergebnis freigeben lassen.',
    recordType: 'system',
    system: 'Berichtsassistent für Auswerteberichte',
    owner: 'koordination@bds.demo',
    dueInDays: 3,
    priority: 'high',
    status: 'open',
    createdBy: 'koordination@bds.demo',
  },
  {
    title: 'Prüfdatensatz um Bilder aktueller Generatoren ergänzen',
    description: 'Je Generator mindestens 200 Bilder und 20 Videos, jeweils auch nach Kompression durch gängige Messenger.',
    recordType: 'system',
    system: 'Erkennung manipulierter Bild- und Videoinhalte',
    owner: 'prueflabor@bds.demo',
    dueInDays: 21,
    priority: 'normal',
    status: 'open',
    createdBy: 'prueflabor@bds.demo',
  },
  {
    title: 'Testplan zur Kalibrierungsprüfung an das Prüflabor übergeben',
    description: 'Testplan mit Referenzaufnahmen, Bedingungen (Telefonkanal, Sprachwechsel) und Abnahmekriterien.',
    recordType: 'system',
    system: 'Forensischer Stimmenvergleich',
    owner: 'sprachauswertung@bds.demo',
    dueInDays: -14,
    priority: 'normal',
    status: 'done',
    createdBy: 'sprachauswertung@bds.demo',
  },
];
