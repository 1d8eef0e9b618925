import type { DocumentType } from '@konform/core';

/**
 * Generated documents of the demo: the technical documentation of the in-house high-risk system (released by four
 * eyes when the demo password is known), a decision paper on the planned face-image search and the model card of the
 * speech-recognition version in operation. Every name and fact is invented; the texts are our own wording.
 */
export interface DemoDocument {
  type: DocumentType;
  /** The AI system by name, or the model version by model name and label (model card). */
  subject: { system: string } | { model: string; label: string };
  /** A title of its own (decision papers: several per system); the type's default title otherwise. */
  title?: string;
  author: string;
  texts: Record<string, string>;
  /** Frozen as version 1; with `release`, reviewed and released by the two named users (password permitting). */
  freeze: boolean;
  release?: { reviewer: string; approver: string };
}

const VOICE = 'Forensischer Stimmenvergleich';
const FACE = 'Nachträglicher Gesichtsbildabgleich mit der Referenzdatenbank';

export const DEMO_DOCUMENTS: DemoDocument[] = [
  {
    type: 'annex-iv',
    subject: { system: VOICE },
    author: 'sprachauswertung@bds.demo',
    freeze: true,
    release: { reviewer: 'abteilung-e@bds.demo', approver: 'administration@bds.demo' },
    texts: {
      general:
        'VOXID läuft als Dienst auf zwei Rechenknoten im abgeschotteten Auswertenetz (je 2 Grafikprozessoren, 256 GB Arbeitsspeicher). '
        + 'Eingaben sind WAV-Dateien aus der Asservatenverwaltung; das Ergebnis geht als PDF-Anlage in das Gutachtensystem.\n\n'
        + '- **Inbetriebnahme:** ausschließlich zur eigenen Verwendung im Referat E 1, kein Inverkehrbringen an Dritte.\n'
        + '- **Benutzeroberfläche:** Web-Oberfläche im Auswertenetz mit Anzeige von Likelihood-Quotient, Kalibrierungskurve und Qualitätswarnungen.\n'
        + '- **Betriebsanleitung:** Handbuch VOXID für Sachverständige, Stand 2026-10.',
      development:
        'Sprecher-Einbettungen aus einem quelloffenen Modell, kalibriert mit logistischer Regression auf behördeneigenen Referenzaufnahmen. '
        + 'Kein Nachtraining mit Fallmaterial. Prüfung der Kalibrierung im Prüflabor vor jeder neuen Fassung.',
      monitoring:
        'Das System gibt keinen Identitätsbefund ab. Die Sachverständige bewertet den Likelihood-Quotienten zusammen mit der auditiven Analyse. '
        + 'Bei kurzer Sprechdauer (unter 20 Sekunden) oder starkem Rauschen erscheint eine Warnung; das Ergebnis ist dann nicht zu verwenden.',
      metrics:
        'Die Kalibrierung wird mit Cllr und der Gleichfehlerrate gemessen, getrennt nach Sprache und Aufnahmekanal, weil diese Faktoren die Verlässlichkeit am stärksten beeinflussen.',
      'risk-management':
        'Risiken werden im Risikoregister des Systems geführt und vor jeder neuen Fassung mit dem Prüflabor bewertet. '
        + 'Schwerpunkte: Fehlbewertung bei kurzen oder verrauschten Aufnahmen, Überschätzung des Ergebnisses im Gutachten, unbefugter Zugriff auf Referenzaufnahmen.',
      changes: 'Fassung 0.9 (Entwicklungsstand). Vorgesehene Änderungen: weitere Sprachen nach erneuter Kalibrierungsprüfung.',
      standards:
        'Keine harmonisierte Norm angewandt (noch keine veröffentlicht). Eigene Lösung: Prüfplan nach Hausregel PL-N5, angelehnt an die Leitlinien der forensischen Sprechererkennung.',
      declaration: 'Als Eigenentwicklung zur eigenen Verwendung wird die EU-Konformitätserklärung vor der Inbetriebnahme ausgestellt.',
      'post-market': 'Halbjährliche Auswertung der Gutachten mit Rückmeldungen aus Hauptverhandlungen; Abweichungen werden als Feststellung erfasst.',
    },
  },
  {
    type: 'decision-paper',
    subject: { system: FACE },
    title: 'Entscheidungsvorlage – Inbetriebnahme Gesichtsbildabgleich',
    author: 'bildauswertung@bds.demo',
    freeze: true,
    texts: {
      situation:
        'Der Rahmenvertrag über den nachträglichen Gesichtsbildabgleich ist geschlossen. Die Inbetriebnahme ist für das erste Quartal geplant; '
        + 'die Grundrechte-Folgenabschätzung und die Prüfung demografischer Leistungsunterschiede stehen noch aus.',
      options:
        '1. **Inbetriebnahme wie geplant** nach Abschluss der Folgenabschätzung.\n'
        + '2. **Pilotbetrieb** mit einem Arbeitsplatz und Vollprüfung jeder Kandidatenliste für drei Monate.\n'
        + '3. **Aufschub** bis zum Vorliegen der Prüfergebnisse des Prüflabors.',
      assessment:
        'Option 2 begrenzt das Risiko falscher Kandidatenvorschläge, ohne die Ermittlungsunterstützung ganz aufzuschieben. '
        + 'Die offenen Risiken und Aufgaben in den Zahlen oben lassen eine Inbetriebnahme ohne Pilot nicht zu.',
      recommendation: 'Die Leitung stimmt dem Pilotbetrieb (Option 2) zu, sobald die Grundrechte-Folgenabschätzung abgeschlossen ist. Verantwortlich: Referat E 2.',
    },
  },
  {
    type: 'model-card',
    subject: { model: 'Spracherkennung HWS-ASR', label: '4.3.1' },
    author: 'prueflabor@bds.demo',
    freeze: true,
    texts: {
      'intended-use': 'Verschriftung deutscher, türkischer, arabischer und russischer Gesprächsaufnahmen aus der Telekommunikationsüberwachung als Arbeitsmittel der Auswertung.',
      'out-of-scope': 'Nicht für die Identifizierung von Sprechern, für Echtzeit-Auswertung oder für wörtliche Zitate in Berichten ohne Abgleich mit der Originalaufnahme.',
      data: 'Trainingsdaten: nach Angabe des Anbieters lizenzierte Rundfunk- und Telefonkorpora; Einzelheiten liegen nicht vor. Geprüft mit dem Prüfkorpus Sprachaufnahmen 1.1.',
      limitations: 'Höhere Wortfehlerrate bei arabischen und russischen Aufnahmen sowie bei Dialekt und Überlagerung mehrerer Sprecher.',
      ethics: 'Unbeteiligte Dritte werden mit verschriftet; Gespräche mit Berufsgeheimnisträgern sind vor der Verschriftung auszusondern.',
    },
  },
];
