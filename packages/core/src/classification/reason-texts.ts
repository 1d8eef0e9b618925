/**
 * The sentences that explain each conclusion, in German and English, keyed by reason code.
 * Placeholders in braces are filled from the reason's parameters. Written in our own words; not legal text.
 */
export const REASON_TEXTS: Record<string, { de: string; en: string }> = {
  'not-ai-system': {
    de: 'Das System erfüllt die Merkmale eines KI-Systems nach Art. 3 Nr. 1 nicht; die Pflichten der KI-VO für KI-Systeme greifen daher nicht.',
    en: 'The system does not meet the criteria of an AI system under Art. 3(1); the Act’s duties for AI systems therefore do not apply.',
  },
  'exclusion': {
    de: 'Ausgenommen vom Anwendungsbereich: {label}.',
    en: 'Outside the scope: {label}.',
  },
  'voluntary-application': {
    de: 'Trotz der Ausnahme werden die Anforderungen der KI-VO auf Grund interner Regelung freiwillig angewandt; die Einstufung unten gilt in diesem Sinne.',
    en: 'Despite the exclusion, the Act’s requirements are applied voluntarily under internal policy; the classification below is meant in that sense.',
  },
  'open-source-excluded': {
    de: 'Unter freier und quelloffener Lizenz bereitgestellt und weder verboten, noch hochriskant, noch von Art. 50 erfasst: die KI-VO gilt nicht (Art. 2 Abs. 12).',
    en: 'Released under a free and open-source licence and neither prohibited, high-risk nor covered by Art. 50: the Act does not apply (Art. 2(12)).',
  },
  'open-source-not-excluded': {
    de: 'Die Open-Source-Ausnahme greift nicht, weil das System verboten, hochriskant oder von Art. 50 erfasst ist (Art. 2 Abs. 12).',
    en: 'The open-source exclusion does not apply because the system is prohibited, high-risk or covered by Art. 50 (Art. 2(12)).',
  },
  'prohibited': {
    de: 'Verbotene Praktik: {label}.',
    en: 'Prohibited practice: {label}.',
  },
  'prohibited-not-in-act': {
    de: 'Das Verbot „{label}“ besteht erst nach der Änderungsverordnung 2026; nach dem gewählten Zeitplan ({act}) gilt es nicht.',
    en: 'The prohibition “{label}” exists only under the 2026 amendment; under the selected timeline ({act}) it does not apply.',
  },
  'rbi-exception-authorised': {
    de: 'Biometrische Echtzeit-Fernidentifizierung ist hier nicht verboten: Ausnahme „{ground}“ nach Art. 5 Abs. 1 Buchst. h mit vorheriger Genehmigung (Art. 5 Abs. 3). Die Schutzvorkehrungen des Art. 5 Abs. 2 bis 7 gelten; das System ist Hochrisiko nach Anhang III Nr. 1 Buchst. a.',
    en: 'Real-time remote biometric identification is not prohibited here: exception “{ground}” under Art. 5(1)(h) with prior authorisation (Art. 5(3)). The safeguards of Art. 5(2)–(7) apply; the system is high-risk under Annex III point 1(a).',
  },
  'rbi-exception-unauthorised': {
    de: 'Eine Ausnahme nach Art. 5 Abs. 1 Buchst. h ist angegeben, aber ohne die nach Art. 5 Abs. 3 erforderliche Genehmigung: die Verwendung bleibt verboten.',
    en: 'An Art. 5(1)(h) exception is given, but without the authorisation Art. 5(3) requires: the use remains prohibited.',
  },
  'high-annex-i': {
    de: 'Hochrisiko nach Art. 6 Abs. 1: Sicherheitsbauteil oder selbst Produkt im Sinne der Harmonisierungsvorschriften des Anhangs I, mit Konformitätsbewertung durch Dritte.',
    en: 'High-risk under Art. 6(1): a safety component of, or itself, a product under the Annex I harmonisation legislation that needs third-party conformity assessment.',
  },
  'annex-i-no-third-party': {
    de: 'Das Produkt fällt unter Anhang I, braucht aber keine Konformitätsbewertung durch Dritte: kein Hochrisiko nach Art. 6 Abs. 1.',
    en: 'The product falls under Annex I but needs no third-party conformity assessment: not high-risk under Art. 6(1).',
  },
  'high-annex-iii': {
    de: 'Hochrisiko nach Art. 6 Abs. 2 in Verbindung mit Anhang III: {label}.',
    en: 'High-risk under Art. 6(2) with Annex III: {label}.',
  },
  'derogation': {
    de: 'Kein Hochrisiko trotz Anhang III, weil eine Bedingung des Art. 6 Abs. 3 erfüllt ist ({conditions}) und keine Profilerstellung natürlicher Personen erfolgt. Der Anbieter muss diese Bewertung vor dem Inverkehrbringen dokumentieren (Art. 6 Abs. 4).',
    en: 'Not high-risk despite Annex III, because an Art. 6(3) condition holds ({conditions}) and natural persons are not profiled. The provider must document this assessment before placing on the market (Art. 6(4)).',
  },
  'profiling-override': {
    de: 'Die Ausnahme des Art. 6 Abs. 3 greift nicht: ein System nach Anhang III, das Profile natürlicher Personen erstellt, gilt stets als Hochrisiko.',
    en: 'The Art. 6(3) derogation does not apply: an Annex III system that profiles natural persons is always high-risk.',
  },
  'art25-provider': {
    de: 'Die Organisation wird zum Anbieter des Hochrisiko-KI-Systems mit allen Anbieterpflichten: {label} (Art. 25 Abs. 1).',
    en: 'The organisation becomes the provider of the high-risk AI system with all provider duties: {label} (Art. 25(1)).',
  },
  'art25-not-high': {
    de: 'Die Umstände nach Art. 25 Abs. 1 machen die Organisation nicht zum Anbieter, weil das System kein Hochrisiko-KI-System ist.',
    en: 'The Art. 25(1) circumstances do not make the organisation the provider, because the system is not high-risk.',
  },
  'transparency': {
    de: 'Transparenzpflicht des {role}s: {label}.',
    en: 'Transparency duty of the {role}: {label}.',
  },
  'transparency-other-role': {
    de: '{label} bindet den {role}; die Organisation hat diese Rolle nicht.',
    en: '{label} binds the {role}; the organisation does not hold that role.',
  },
  'transparency-law-enforcement': {
    de: 'Keine Transparenzpflicht nach {ref}: die Verwendung ist gesetzlich zur Aufdeckung, Verhütung, Ermittlung oder Verfolgung von Straftaten zugelassen.',
    en: 'No transparency duty under {ref}: the use is authorised by law to detect, prevent, investigate or prosecute criminal offences.',
  },
  'gpai': {
    de: 'KI-Modell mit allgemeinem Verwendungszweck: Pflichten nach Art. 53 für Anbieter.',
    en: 'General-purpose AI model: provider duties under Art. 53.',
  },
  'gpai-systemic-compute': {
    de: 'Systemisches Risiko wird vermutet, weil der Trainingsaufwand 10^25 FLOP übersteigt (Art. 51 Abs. 2): zusätzliche Pflichten nach Art. 55 und Meldung nach Art. 52.',
    en: 'Systemic risk is presumed because training compute exceeds 10^25 FLOP (Art. 51(2)): further duties under Art. 55 and notification under Art. 52.',
  },
  'gpai-systemic-designated': {
    de: 'Von der Kommission als KI-Modell mit systemischem Risiko eingestuft (Art. 51 Abs. 1 Buchst. b): zusätzliche Pflichten nach Art. 55.',
    en: 'Designated by the Commission as a model with systemic risk (Art. 51(1)(b)): further duties under Art. 55.',
  },
  'gpai-open-source': {
    de: 'Quelloffenes Modell ohne systemisches Risiko: befreit von Art. 53 Abs. 1 Buchst. a und b (Art. 53 Abs. 2); die übrigen Pflichten bleiben.',
    en: 'Open-source model without systemic risk: exempt from Art. 53(1)(a) and (b) (Art. 53(2)); the other duties remain.',
  },
  'gpai-open-source-systemic': {
    de: 'Die Open-Source-Befreiung gilt nicht für Modelle mit systemischem Risiko (Art. 53 Abs. 2).',
    en: 'The open-source exemption does not cover models with systemic risk (Art. 53(2)).',
  },
  'conformity': {
    de: 'Konformitätsbewertungsverfahren für den Anbieter: {label}.',
    en: 'Conformity assessment procedure for the provider: {label}.',
  },
  'fria': {
    de: 'Vor der ersten Verwendung ist eine Grundrechte-Folgenabschätzung nötig: {label}.',
    en: 'A fundamental rights impact assessment is needed before first use: {label}.',
  },
  'registration': {
    de: 'Registrierung durch den {by} ({database}): {basis}.',
    en: 'Registration by the {by} ({database}): {basis}.',
  },
  'limited': {
    de: 'Begrenztes Risiko: weder verboten noch hochriskant, aber mit Transparenzpflichten nach Art. 50.',
    en: 'Limited risk: neither prohibited nor high-risk, but with transparency duties under Art. 50.',
  },
  'minimal': {
    de: 'Minimales Risiko: keine verbotene Praktik, kein Hochrisiko, keine Transparenzpflicht nach Art. 50; es gelten die allgemeinen Pflichten wie die KI-Kompetenz (Art. 4).',
    en: 'Minimal risk: no prohibited practice, not high-risk, no Art. 50 duty; general duties such as AI literacy (Art. 4) apply.',
  },
  'public-authority-legacy': {
    de: 'Vor dem {cutoff} in Verkehr gebracht und zur Verwendung durch Behörden bestimmt: die Hochrisiko-Pflichten sind bis zum {date} zu erfüllen (Art. 111 Abs. 2).',
    en: 'Placed on the market before {cutoff} and intended for use by public authorities: the high-risk duties must be met by {date} (Art. 111(2)).',
  },
  'legacy-unchanged': {
    de: 'Vor dem {cutoff} in Verkehr gebracht: die Hochrisiko-Pflichten greifen erst, wenn das System danach in seiner Konzeption erheblich verändert wird (Art. 111 Abs. 2).',
    en: 'Placed on the market before {cutoff}: the high-risk duties apply only once the system’s design changes significantly after that date (Art. 111(2)).',
  },
  'gpai-legacy': {
    de: 'Modell vor dem {cutoff} in Verkehr gebracht: die Pflichten nach Kapitel V sind bis zum {date} zu erfüllen (Art. 111 Abs. 3).',
    en: 'Model placed on the market before {cutoff}: the Chapter V duties must be met by {date} (Art. 111(3)).',
  },
  'transparency-50-2-legacy': {
    de: 'Vor dem {cutoff} in Verkehr gebracht: die maschinenlesbare Kennzeichnung nach Art. 50 Abs. 2 ist erst ab {date} nötig.',
    en: 'Placed on the market before {cutoff}: machine-readable marking under Art. 50(2) is needed only from {date}.',
  },
};
