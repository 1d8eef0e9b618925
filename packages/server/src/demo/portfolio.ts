import type { AiSystemCreate, Role } from '@konform/core';

export interface DemoUnit {
  key: string;
  name: string;
  shortName: string;
  parent?: string;
}
export interface DemoUser {
  email: string;
  displayName: string;
  roles: { unit: string; role: Role }[];
}
export type DemoSystem = Omit<AiSystemCreate, 'orgUnitId'> & { unit: string };

/** A fictitious German security authority; every name is invented. Parents come before their children. */
export const DEMO_UNITS: DemoUnit[] = [
  // The loader recognises a loaded demo by this exact name.
  { key: 'root', name: 'Bundesamt für Digitale Sicherheit (Demo)', shortName: 'BDS' },
  { key: 'koord', name: 'Stabsstelle KI-Koordinierung', shortName: 'KI-K', parent: 'root' },
  { key: 'labor', name: 'Referat Prüflabor KI', shortName: 'PL-KI', parent: 'root' },
  { key: 'abt-e', name: 'Abteilung E – Ermittlungsunterstützung', shortName: 'Abt. E', parent: 'root' },
  { key: 'e1', name: 'Referat E 1 – Sprach- und Textauswertung', shortName: 'E 1', parent: 'abt-e' },
  { key: 'e2', name: 'Referat E 2 – Bild- und Videoauswertung', shortName: 'E 2', parent: 'abt-e' },
  { key: 'abt-s', name: 'Abteilung S – IT-Sicherheit und Netzwerkanalyse', shortName: 'Abt. S', parent: 'root' },
  { key: 'buerger', name: 'Referat Bürgerservice', shortName: 'BS', parent: 'root' },
  { key: 'abt-z', name: 'Abteilung Z – Zentrale Dienste', shortName: 'Abt. Z', parent: 'root' },
  { key: 'z3', name: 'Referat Z 3 – Beschaffung', shortName: 'Z 3', parent: 'abt-z' },
];

/** One user per role at least; unit-wide roles reach into the sub-units. */
export const DEMO_USERS: DemoUser[] = [
  { email: 'administration@bds.demo', displayName: 'Thomas Bergmann', roles: [{ unit: 'root', role: 'admin' }] },
  { email: 'koordination@bds.demo', displayName: 'Dr. Julia Hartmann', roles: [{ unit: 'koord', role: 'governance' }] },
  { email: 'abteilung-e@bds.demo', displayName: 'Markus Becker', roles: [{ unit: 'abt-e', role: 'owner' }] },
  { email: 'sprachauswertung@bds.demo', displayName: 'Mehmet Yılmaz', roles: [{ unit: 'e1', role: 'owner' }] },
  { email: 'bildauswertung@bds.demo', displayName: 'Katrin Schulze', roles: [{ unit: 'e2', role: 'owner' }] },
  {
    email: 'netzwerkanalyse@bds.demo',
    displayName: 'Stefan Wagner',
    roles: [
      { unit: 'abt-s', role: 'owner' },
      { unit: 'root', role: 'viewer' },
    ],
  },
  { email: 'buergerservice@bds.demo', displayName: 'Anja Köhler', roles: [{ unit: 'buerger', role: 'owner' }] },
  { email: 'prueflabor@bds.demo', displayName: 'Dr. Lena Fischer', roles: [{ unit: 'root', role: 'lab' }] },
  { email: 'innenrevision@bds.demo', displayName: 'Peter Neumann', roles: [{ unit: 'root', role: 'auditor' }] },
  { email: 'leitung@bds.demo', displayName: 'Dr. Christine Weber', roles: [{ unit: 'root', role: 'viewer' }] },
];

export const DEMO_SYSTEMS: DemoSystem[] = [
  {
    unit: 'e1',
    name: 'Transkription von TKÜ-Audiodaten',
    shortName: 'TRANSKRIPT',
    purpose:
      'Automatische Verschriftung von Audioaufnahmen aus rechtmäßig angeordneten Maßnahmen der Telekommunikationsüberwachung (§ 100a StPO) in deutscher, türkischer, arabischer und russischer Sprache, damit Auswertende Gespräche schneller sichten können. Das Transkript ist ein Arbeitsmittel; verwertet wird allein die Originalaufnahme nach Prüfung durch einen Menschen.',
    description:
      'Das System erkennt Sprache in Mitschnitten, trennt Sprecherwechsel und liefert ein zeitgestempeltes Transkript mit Konfidenzwerten je Wort. Niedrige Konfidenz wird farbig markiert, damit die Sachbearbeitung diese Stellen gezielt nachhört. Das Modell läuft vollständig auf eigenen GPU-Servern im abgeschotteten Auswertenetz; Audiodaten verlassen die Behörde nicht. Es ersetzt das Altverfahren TRANSKRIPT-ALT. Ein Nachtraining mit behördeneigenen Daten ist vertraglich ausgeschlossen.',
    responsible: 'Mehmet Yılmaz',
    lifecycleStage: 'operation',
    roles: ['deployer'],
    sourcing: 'procured',
    vendor: 'Hallweg Sprachtechnologie GmbH',
    deploymentContext:
      'Auswertearbeitsplätze im Referat E 1, Zugriff nur für die in der jeweiligen Anordnung benannten Auswertenden. Eingang über die TKÜ-Anlage; Ausgabe in die Vorgangsbearbeitung als Arbeitsdokument.',
    affectedPersons:
      'Beschuldigte und deren Gesprächspartner, darunter unbeteiligte Dritte; mittelbar Berufsgeheimnisträger, deren Gespräche nach § 160a StPO nicht verwertet werden dürfen und händisch ausgesondert werden.',
    autonomy: 'human-in-the-loop',
    tags: ['TKÜ', 'Sprache', 'Strafverfolgung', 'Anhang III Nr. 6', 'On-Premises'],
  },
  {
    unit: 'e1',
    name: 'Texterkennung und Entitätenextraktion für Asservate',
    shortName: 'ASTEX',
    purpose:
      'Texterkennung (OCR) in gescannten und fotografierten Schriftstücken aus sichergestellten oder beschlagnahmten Beständen und Extraktion von Personen-, Orts-, Organisations-, Konto- und Telefonnummernangaben, um Ermittlungsakten durchsuchbar zu machen und Bezüge zwischen Asservaten vorzuschlagen.',
    description:
      'Eigenentwicklung des Referats E 1 auf Basis quelloffener Texterkennungs- und Sprachmodelle, die mit synthetischen und freigegebenen Testdaten feinjustiert wurden. Extrahierte Entitäten werden als Vorschläge angezeigt und erst nach Bestätigung durch die Sachbearbeitung in das Fallbearbeitungssystem übernommen. Handschrift und stark beschädigte Dokumente werden als unsicher gekennzeichnet. Die Validierung im Prüflabor misst Zeichenfehlerrate und Präzision/Trefferquote je Entitätstyp.',
    responsible: 'Mehmet Yılmaz',
    lifecycleStage: 'validation',
    roles: ['provider', 'deployer'],
    sourcing: 'in-house',
    vendor: '',
    deploymentContext:
      'Stapelverarbeitung auf dem Auswertecluster; Ergebnisse erscheinen in der Asservatenansicht der Fallbearbeitung. Nur für Verfahren mit richterlicher Beschlagnahmeanordnung oder Sicherstellung.',
    affectedPersons: 'Beschuldigte, Zeuginnen und Zeugen sowie unbeteiligte Dritte, die in den Schriftstücken genannt werden.',
    autonomy: 'human-in-the-loop',
    tags: ['Asservate', 'Text', 'OCR', 'Strafverfolgung', 'Eigenentwicklung'],
  },
  {
    unit: 'e2',
    name: 'Vorsortierung von Missbrauchsdarstellungen in sichergestellten Datenträgern',
    shortName: 'TRIAGE-BILD',
    purpose:
      'Vorsortierung großer Bild- und Videobestände aus sichergestellten Datenträgern nach der Wahrscheinlichkeit, Darstellungen sexuellen Kindesmissbrauchs zu enthalten, damit Auswertende strafrechtlich relevantes Material zuerst sichten und die psychische Belastung durch die Sichtung irrelevanter Inhalte sinkt. Das System trifft keine abschließende Bewertung.',
    description:
      'Kombination aus Hash-Abgleich gegen bekannte Bestände und einem Bildklassifikator, der unbekanntes Material bewertet. Treffer werden in Priorisierungsklassen einsortiert; jede Einstufung als relevant wird von einer zweiten Person bestätigt (Vier-Augen-Prinzip), bevor sie in einen Bericht eingeht. Fehlklassifikationen werden zurückgemeldet und fließen in die quartalsweise Leistungsbewertung im Prüflabor ein. Betrieb ausschließlich im physisch getrennten Forensiknetz.',
    responsible: 'Katrin Schulze',
    lifecycleStage: 'operation',
    roles: ['deployer'],
    sourcing: 'procured',
    vendor: 'Nordmark Forensik GmbH',
    deploymentContext:
      'Forensikarbeitsplätze im Referat E 2 ohne Netzverbindung nach außen; Eingang sind forensische Abbilder sichergestellter Datenträger.',
    affectedPersons:
      'Geschädigte Kinder und Jugendliche, Beschuldigte, Personen auf mitgesicherten privaten Aufnahmen; außerdem die Beschäftigten, die das Material sichten.',
    autonomy: 'human-in-the-loop',
    tags: ['Asservate', 'Bild', 'Video', 'Kinderschutz', 'Vier-Augen-Prinzip'],
  },
  {
    unit: 'z3',
    name: 'Maschinelle Übersetzung für Ermittlungsunterlagen',
    shortName: 'MÜ-DIENST',
    purpose:
      'Arbeitsübersetzung fremdsprachiger Texte (Chatverläufe, Schriftstücke, Transkripte) ins Deutsche, damit Auswertende deren Inhalt einschätzen können, bevor eine beeidigte Übersetzung beauftragt wird. Gerichtsverwertbare Übersetzungen erstellt das System nicht.',
    description:
      'Das Übersetzungssystem stammt von einem Anbieter mit Sitz außerhalb der Union. Das Referat Z 3 beschafft es zentral, bringt es in der Union in Verkehr und stellt es den Polizeien der Länder im Informationsverbund zur Verfügung; die Behörde ist damit Einführer und nutzt das System zugleich selbst als Betreiber. Übersetzungen tragen einen unübersehbaren Hinweis „Maschinelle Arbeitsübersetzung – nicht verwertbar“. Unterstützt werden 34 Sprachen, darunter Arabisch, Dari, Paschtu, Russisch, Ukrainisch, Türkisch und Vietnamesisch.',
    responsible: 'Jan Richter',
    lifecycleStage: 'operation',
    roles: ['importer', 'deployer'],
    sourcing: 'procured',
    vendor: 'Maplecrest Language Systems Inc. (Kanada)',
    deploymentContext:
      'Zentraler Dienst im Behördennetz, aufrufbar aus der Fallbearbeitung und über eine Schnittstelle für die angeschlossenen Landesbehörden; keine Speicherung der Texte über die Sitzung hinaus.',
    affectedPersons: 'Verfasserinnen und Verfasser sowie in den Texten genannte Personen, darunter Beschuldigte, Zeugen und unbeteiligte Dritte.',
    autonomy: 'assistive',
    tags: ['Übersetzung', 'Text', 'Einführer', 'Drittstaat', 'Informationsverbund'],
  },
  {
    unit: 'abt-s',
    name: 'Anomalieerkennung im Netzverkehr',
    shortName: 'NETZWÄCHTER',
    purpose:
      'Erkennung ungewöhnlicher Verbindungsmuster im Netzverkehr der behördeneigenen Netze (Metadaten von Verbindungen, keine Inhalte), um Angriffe, Datenabfluss und kompromittierte Systeme früh zu entdecken und dem Sicherheitsvorfallteam zur Bewertung vorzulegen.',
    description:
      'Eigenentwicklung der Abteilung S: unüberwachte Modelle lernen je Netzsegment das Normalverhalten aus Flussdaten und bewerten Abweichungen. Meldungen oberhalb einer Schwelle erscheinen in der Lageübersicht des Sicherheitsvorfallteams, das über Maßnahmen entscheidet; automatische Sperren löst das System nicht aus. Modelle werden wöchentlich neu trainiert, jede Modellversion wird mit Prüfsumme protokolliert.',
    responsible: 'Stefan Wagner',
    lifecycleStage: 'operation',
    roles: ['provider', 'deployer'],
    sourcing: 'in-house',
    vendor: '',
    deploymentContext: 'Sensoren an den Netzübergängen, Auswertung im Sicherheitsbetriebszentrum; Rund-um-die-Uhr-Überwachung durch das Sicherheitsvorfallteam.',
    affectedPersons: 'Beschäftigte der Behörde und ihre Kommunikationspartner, deren Verbindungsmetadaten ausgewertet werden (Beteiligung des Personalrats nach BPersVG erfolgt).',
    autonomy: 'human-on-the-loop',
    tags: ['Netzwerk', 'Cybersicherheit', 'Eigenentwicklung', 'Personalrat'],
  },
  {
    unit: 'buerger',
    name: 'Bürger-Assistent für Anfragen über das Kontaktformular',
    shortName: 'BÜRGERCHAT',
    purpose:
      'Beantwortung allgemeiner Fragen von Bürgerinnen und Bürgern zu Zuständigkeiten, Erreichbarkeit und Meldewegen der Behörde (z. B. Meldung eines Cyberangriffs) im Dialog auf der Internetseite, und Weiterleitung an eine Mitarbeiterin oder einen Mitarbeiter, wenn die Frage darüber hinausgeht. Das System nimmt keine Anzeigen entgegen und trifft keine Entscheidungen.',
    description:
      'Sprachmodellgestützter Dialogassistent, der Antworten ausschließlich aus freigegebenen Texten der Behörde bildet. Zu Beginn jedes Dialogs wird deutlich darauf hingewiesen, dass eine KI antwortet (Transparenzpflicht nach Art. 50 Abs. 1 KI-VO). Eingaben mit Hinweisen auf Notfälle oder Straftaten führen sofort zur Übergabe an das Bürgertelefon. Dialoge werden 30 Tage gespeichert und stichprobenartig von der Redaktion geprüft.',
    responsible: 'Anja Köhler',
    lifecycleStage: 'development',
    roles: ['deployer'],
    sourcing: 'procured',
    vendor: 'Wortwerk Dialogsysteme GmbH',
    deploymentContext: 'Öffentlich erreichbare Internetseite der Behörde; Betrieb im Rechenzentrum eines öffentlichen IT-Dienstleisters in Deutschland.',
    affectedPersons: 'Bürgerinnen und Bürger, die die Internetseite nutzen, darunter Minderjährige und Menschen, die Opfer einer Straftat geworden sind.',
    autonomy: 'autonomous',
    tags: ['Bürgerservice', 'LLM', 'Transparenzpflicht', 'Chatbot'],
  },
  {
    unit: 'e2',
    name: 'Nachträglicher Gesichtsbildabgleich mit der Referenzdatenbank',
    shortName: 'GESICHT-NACH',
    purpose:
      'Nachträgliche biometrische Fernidentifizierung: Abgleich von Gesichtsbildern aus Ermittlungsverfahren (z. B. Aufnahmen einer Überwachungskamera nach einer Tat) mit der erkennungsdienstlichen Referenzdatenbank, um einer Sachverständigen eine Kandidatenliste zur Prüfung vorzulegen. Kein Einsatz in Echtzeit.',
    description:
      'Geplante Ablösung der bisherigen Lichtbildrecherche. Jede Recherche setzt die vorherige Genehmigung nach Art. 26 Abs. 10 KI-VO voraus und wird mit Aktenzeichen protokolliert. Das System liefert höchstens 20 Kandidaten mit Ähnlichkeitswert; eine Identifizierung stellt allein eine geschulte Gesichtsbildexpertin nach Vier-Augen-Prinzip fest. Vor der Inbetriebnahme sind eine Grundrechte-Folgenabschätzung, eine Datenschutz-Folgenabschätzung und eine Prüfung auf Leistungsunterschiede zwischen demografischen Gruppen im Prüflabor vorgesehen.',
    responsible: 'Katrin Schulze',
    lifecycleStage: 'planned',
    roles: ['deployer'],
    sourcing: 'procured',
    vendor: 'Kestrel Biometrie GmbH',
    deploymentContext: 'Zwei Recherchearbeitsplätze im Referat E 2; Zugriff auf die Referenzdatenbank nur lesend über eine protokollierte Schnittstelle.',
    affectedPersons:
      'Alle in der Referenzdatenbank erfassten Personen, die auf den Suchbildern abgebildeten Personen einschließlich unbeteiligter Passanten, und Personen, die fälschlich als Kandidat vorgeschlagen werden.',
    autonomy: 'human-in-the-loop',
    tags: ['Biometrie', 'Gesichtserkennung', 'Anhang III Nr. 1', 'FRIA', 'DSFA'],
  },
  {
    unit: 'e1',
    name: 'Forensischer Stimmenvergleich',
    shortName: 'VOXID',
    purpose:
      'Unterstützung forensischer Sprachgutachten: Berechnung eines Likelihood-Quotienten dafür, dass zwei Sprachaufnahmen von derselben Person stammen, als ein Baustein neben der auditiven und phonetischen Analyse durch die Sachverständigen. Das Ergebnis ist kein Identifizierungsnachweis.',
    description:
      'Eigenentwicklung auf Basis von Sprecher-Einbettungen, kalibriert auf behördeneigenen, einwilligungsbasiert erhobenen Referenzaufnahmen. Das Gutachten weist den Likelihood-Quotienten zusammen mit den bekannten Fehlerraten und den Einschränkungen (Aufnahmequalität, Sprachwechsel, Verstellung) aus. Aktuell in Entwicklung; Testpläne für die Kalibrierungsprüfung liegen dem Prüflabor vor.',
    responsible: 'Dr. Paul Engel',
    lifecycleStage: 'development',
    roles: ['provider', 'deployer'],
    sourcing: 'in-house',
    vendor: '',
    deploymentContext: 'Gutachtenarbeitsplätze der Sprechererkennung im Referat E 1; Nutzung ausschließlich durch Sachverständige.',
    affectedPersons: 'Beschuldigte und Vergleichspersonen, deren Stimmen ausgewertet werden.',
    autonomy: 'assistive',
    tags: ['Sprache', 'Biometrie', 'Gutachten', 'Eigenentwicklung'],
  },
  {
    unit: 'e2',
    name: 'Echtheitsprüfung von Ausweis- und Reisedokumenten',
    shortName: 'DOKPRÜF',
    purpose:
      'Prüfung von Abbildungen und Scans vorgelegter oder sichergestellter Ausweis- und Reisedokumente auf Merkmale einer Fälschung oder Verfälschung (Sicherheitsmerkmale, Schriftbild, maschinenlesbare Zone, Bildmontage), als Hinweis für die dokumententechnische Untersuchung.',
    description:
      'Das System vergleicht Dokumente mit einer Mustersammlung echter Dokumente und meldet Abweichungen mit Markierung der betroffenen Bereiche. Der Befund „verdächtig“ löst stets eine Untersuchung durch die Dokumentenprüfer aus; ein unauffälliges Ergebnis gilt nicht als Echtheitsnachweis. Updates der Mustersammlung liefert der Hersteller monatlich; jede Version wird vor dem Einspielen im Prüflabor stichprobenartig getestet.',
    responsible: 'Katrin Schulze',
    lifecycleStage: 'operation',
    roles: ['deployer'],
    sourcing: 'procured',
    vendor: 'Siegelstein Dokumententechnik GmbH',
    deploymentContext: 'Dokumentenlabor im Referat E 2 mit Flachbett- und Passlesegeräten; keine Anbindung an Grenzkontrollsysteme.',
    affectedPersons: 'Inhaberinnen und Inhaber der geprüften Dokumente sowie Personen, deren Dokumente missbräuchlich verwendet wurden.',
    autonomy: 'human-in-the-loop',
    tags: ['Dokumente', 'Bild', 'Urkundenfälschung'],
  },
  {
    unit: 'koord',
    name: 'Berichtsassistent für Auswerteberichte',
    shortName: 'BERICHT-LLM',
    purpose:
      'Erstellung von Entwürfen für Auswerte- und Sachstandsberichte aus bereits freigegebenen Vermerken eines Vorgangs (Zusammenfassung, Gliederung, Zeitstrahl), die die verantwortliche Sachbearbeitung vollständig prüft, ergänzt und zeichnet. Rechtliche Bewertungen und Schlussfolgerungen formuliert das System nicht.',
    description:
      'Eigenes KI-System der Stabsstelle auf Basis eines KI-Modells mit allgemeinem Verwendungszweck mit offenen Gewichten, betrieben auf eigener Hardware ohne Internetzugang. Jeder Satz des Entwurfs verweist auf die Fundstelle im Quellvermerk; Sätze ohne Beleg werden rot markiert. Entwürfe sind als „KI-Entwurf“ gekennzeichnet, bis eine Person sie zeichnet. Die Validierung prüft Faktentreue, Auslassungen und Halluzinationen anhand eines Prüfkatalogs mit 400 Musterfällen.',
    responsible: 'Dr. Julia Hartmann',
    lifecycleStage: 'validation',
    roles: ['provider', 'deployer'],
    sourcing: 'in-house',
    vendor: '',
    deploymentContext: 'Zunächst Pilotbetrieb in Abteilung E mit 25 Nutzenden; Aufruf aus der Vorgangsbearbeitung.',
    affectedPersons: 'Personen, die in den Vermerken genannt sind; mittelbar alle, über die auf Grundlage der Berichte entschieden wird.',
    autonomy: 'assistive',
    tags: ['LLM', 'GPAI-Modell', 'Text', 'Pilot', 'On-Premises'],
  },
  {
    unit: 'abt-s',
    name: 'Klassifikation offener Quellen zu Cyberbedrohungen',
    shortName: 'OSINT-KLASS',
    purpose:
      'Einordnung öffentlich zugänglicher Texte (Sicherheitsmeldungen, Foren, Paste-Dienste) nach Bedrohungsart, betroffener Software und Dringlichkeit, um das Cyber-Lagebild zu speisen. Das System bewertet keine Personen und erstellt keine Profile.',
    description:
      'Textklassifikator, der in der Abteilung S entwickelt wird. Eingang sind ausschließlich Inhalte, die ohne Zugangshürde öffentlich abrufbar sind; Personenbezüge (Benutzernamen, E-Mail-Adressen) werden vor der Klassifikation pseudonymisiert. Ergebnisse erscheinen als Vorschläge im Lagebildwerkzeug und werden von Analystinnen und Analysten übernommen oder verworfen.',
    responsible: 'Stefan Wagner',
    lifecycleStage: 'development',
    roles: ['provider', 'deployer'],
    sourcing: 'in-house',
    vendor: '',
    deploymentContext: 'Analyseplattform der Abteilung S; Sammlung der Quellen über einen getrennten Internetzugang, Auswertung im internen Netz.',
    affectedPersons: 'Verfasserinnen und Verfasser der ausgewerteten Texte (pseudonymisiert) und dort genannte Organisationen.',
    autonomy: 'human-in-the-loop',
    tags: ['OSINT', 'Text', 'Cybersicherheit', 'Lagebild'],
  },
  {
    unit: 'abt-s',
    name: 'Klassifikation von Schadprogrammproben',
    shortName: 'MALCLASS',
    purpose:
      'Zuordnung eingehender Schadprogrammproben zu bekannten Familien und Verhaltensklassen anhand statischer und dynamischer Merkmale, damit Analysten neue oder besonders gefährliche Proben zuerst untersuchen.',
    description:
      'Das System analysiert Proben in einer isolierten Sandbox und vergleicht Merkmale mit einem Modell, das der Hersteller quartalsweise aktualisiert. Die Klassifikation bestimmt nur die Reihenfolge der Bearbeitung; Warnmeldungen an andere Behörden gibt stets eine Analystin oder ein Analyst frei. Proben mit geringer Konfidenz werden manuell nachklassifiziert; die Abweichungsquote wird monatlich berichtet.',
    responsible: 'Jana Hoffmann',
    lifecycleStage: 'operation',
    roles: ['deployer'],
    sourcing: 'procured',
    vendor: 'Bastion Code Analytics GmbH',
    deploymentContext: 'Malware-Labor der Abteilung S, physisch getrenntes Analysenetz.',
    affectedPersons: 'Keine natürlichen Personen unmittelbar; mittelbar Betreiber betroffener IT-Systeme, an die Warnungen gehen.',
    autonomy: 'human-on-the-loop',
    tags: ['Malware', 'Cybersicherheit', 'Sandbox'],
  },
  {
    unit: 'e2',
    name: 'Erkennung manipulierter Bild- und Videoinhalte',
    shortName: 'DEEPFAKE-CHECK',
    purpose:
      'Hinweise darauf, ob ein Bild oder Video aus einem Ermittlungsverfahren synthetisch erzeugt oder manipuliert wurde (Deepfake), zur Unterstützung der medienforensischen Untersuchung. Das Ergebnis ersetzt kein Gutachten.',
    description:
      'Gemeinsames Vorhaben von Referat E 2 und Prüflabor: ein Ensemble aus Detektoren für Gesichtstausch, Lippensynchronisation und generierte Bilder. Weil neue Generatoren die Erkennungsleistung schnell verschlechtern, wird das System gegen einen laufend ergänzten Prüfdatensatz bewertet; die Robustheitsprüfung gegen Kompression und Nachbearbeitung ist Teil des Prüfplans.',
    responsible: 'Dr. Lena Fischer',
    lifecycleStage: 'validation',
    roles: ['provider', 'deployer'],
    sourcing: 'in-house',
    vendor: '',
    deploymentContext: 'Medienforensik im Referat E 2; Auswertung einzelner Dateien auf Anforderung.',
    affectedPersons: 'Abgebildete Personen, insbesondere Opfer nicht einvernehmlich erstellter Deepfakes, und Personen, denen eine Fälschung zugeschrieben wird.',
    autonomy: 'assistive',
    tags: ['Deepfake', 'Bild', 'Video', 'Robustheit', 'Prüflabor'],
  },
  {
    unit: 'e1',
    name: 'Transkriptionssystem TKÜ (Altverfahren)',
    shortName: 'TRANSKRIPT-ALT',
    purpose:
      'Verschriftung deutschsprachiger Audioaufnahmen aus Maßnahmen der Telekommunikationsüberwachung als Arbeitshilfe für Auswertende. Außer Betrieb genommen; der Eintrag bleibt für die Nachvollziehbarkeit früherer Verfahren erhalten.',
    description:
      'Regelbasiertes Spracherkennungssystem mit statistischem Sprachmodell, von 2019 bis 2025 im Einsatz. Abgelöst durch TRANSKRIPT wegen unzureichender Erkennungsleistung bei Dialekten und Fremdsprachen und auslaufender Herstellerpflege. Die Daten wurden nach dem Löschkonzept gelöscht; Protokolle werden bis zum Ablauf der Aufbewahrungsfrist vorgehalten.',
    responsible: 'Mehmet Yılmaz',
    lifecycleStage: 'retired',
    roles: ['deployer'],
    sourcing: 'procured',
    vendor: 'Audiotext Systemhaus GmbH',
    deploymentContext: 'Ehemals Auswertearbeitsplätze im Referat E 1; Server abgebaut.',
    affectedPersons: 'Beschuldigte und Gesprächspartner in Altverfahren.',
    autonomy: 'human-in-the-loop',
    tags: ['TKÜ', 'Sprache', 'Altverfahren'],
  },
];
