/** Short German and English labels for the identifiers the classification uses; our own wording. */
type Label = { ref: string; de: string; en: string };

export const EXCLUSION_LABELS: Record<string, Label> = {
  'military-defence-national-security': { ref: 'Art. 2(3)', de: 'ausschließlich für militärische Zwecke, Verteidigung oder nationale Sicherheit', en: 'exclusively for military, defence or national-security purposes' },
  'third-country-cooperation': { ref: 'Art. 2(4)', de: 'Behörden von Drittstaaten oder internationale Organisationen in der Zusammenarbeit bei Strafverfolgung und Justiz', en: 'third-country authorities or international organisations in law-enforcement or judicial cooperation' },
  'scientific-research': { ref: 'Art. 2(6)', de: 'eigens für wissenschaftliche Forschung und Entwicklung entwickelt und in Betrieb genommen', en: 'developed and put into service solely for scientific research and development' },
  'pre-market-rnd': { ref: 'Art. 2(8)', de: 'Forschung, Test und Entwicklung vor dem Inverkehrbringen (nicht Tests unter Realbedingungen)', en: 'research, testing and development before placing on the market (not real-world testing)' },
  'personal-use': { ref: 'Art. 2(10)', de: 'rein persönliche, nicht berufliche Verwendung durch natürliche Personen', en: 'purely personal, non-professional use by natural persons' },
  'open-source': { ref: 'Art. 2(12)', de: 'freie und quelloffene Lizenz', en: 'free and open-source licence' },
};

export const PRACTICE_LABELS: Record<string, Label> = {
  '5.1.a': { ref: 'Art. 5(1)(a)', de: 'unterschwellige, manipulative oder täuschende Techniken mit erheblichem Schaden', en: 'subliminal, manipulative or deceptive techniques causing significant harm' },
  '5.1.b': { ref: 'Art. 5(1)(b)', de: 'Ausnutzung der Schwäche oder Schutzbedürftigkeit wegen Alter, Behinderung oder sozialer oder wirtschaftlicher Lage', en: 'exploiting vulnerabilities due to age, disability or social or economic situation' },
  '5.1.c': { ref: 'Art. 5(1)(c)', de: 'Bewertung des sozialen Verhaltens (Social Scoring) mit nachteiliger Behandlung', en: 'social scoring leading to detrimental treatment' },
  '5.1.d': { ref: 'Art. 5(1)(d)', de: 'Vorhersage des Risikos einer Straftat allein auf Grund von Profiling oder Persönlichkeitsmerkmalen', en: 'predicting the risk of an offence solely from profiling or personality traits' },
  '5.1.e': { ref: 'Art. 5(1)(e)', de: 'Aufbau von Gesichtserkennungsdatenbanken durch ungezieltes Auslesen von Gesichtsbildern', en: 'building facial-recognition databases by untargeted scraping of facial images' },
  '5.1.f': { ref: 'Art. 5(1)(f)', de: 'Emotionserkennung am Arbeitsplatz oder in Bildungseinrichtungen (außer aus medizinischen oder Sicherheitsgründen)', en: 'emotion recognition at work or in education (except for medical or safety reasons)' },
  '5.1.g': { ref: 'Art. 5(1)(g)', de: 'biometrische Kategorisierung zur Ableitung sensibler Merkmale', en: 'biometric categorisation to infer sensitive attributes' },
  '5.1.h': { ref: 'Art. 5(1)(h)', de: 'biometrische Echtzeit-Fernidentifizierung in öffentlich zugänglichen Räumen zur Strafverfolgung', en: 'real-time remote biometric identification in publicly accessible spaces for law enforcement' },
  '5.1.ncii': { ref: 'Art. 5(1) (2026 amendment)', de: 'Erzeugung nicht einvernehmlicher intimer Darstellungen identifizierbarer Personen oder von Darstellungen sexuellen Kindesmissbrauchs', en: 'generating non-consensual intimate imagery of identifiable persons or child sexual abuse material' },
};

export const ANNEX_III_LABELS: Record<string, Label> = {
  '1.a': { ref: 'Annex III 1(a)', de: 'biometrische Fernidentifizierung', en: 'remote biometric identification' },
  '1.b': { ref: 'Annex III 1(b)', de: 'biometrische Kategorisierung nach sensiblen Merkmalen', en: 'biometric categorisation by sensitive attributes' },
  '1.c': { ref: 'Annex III 1(c)', de: 'Emotionserkennung', en: 'emotion recognition' },
  '2': { ref: 'Annex III 2', de: 'Sicherheitsbauteil kritischer Infrastruktur', en: 'safety component of critical infrastructure' },
  '3.a': { ref: 'Annex III 3(a)', de: 'Zugang und Zulassung zu Bildungseinrichtungen', en: 'access and admission to education' },
  '3.b': { ref: 'Annex III 3(b)', de: 'Bewertung von Lernergebnissen', en: 'evaluating learning outcomes' },
  '3.c': { ref: 'Annex III 3(c)', de: 'Bestimmung des angemessenen Bildungsniveaus', en: 'assessing the appropriate level of education' },
  '3.d': { ref: 'Annex III 3(d)', de: 'Überwachung verbotenen Verhaltens bei Prüfungen', en: 'monitoring prohibited behaviour in tests' },
  '4.a': { ref: 'Annex III 4(a)', de: 'Einstellung und Auswahl von Bewerbern', en: 'recruitment and selection' },
  '4.b': { ref: 'Annex III 4(b)', de: 'Entscheidungen über Arbeitsverhältnisse, Aufgabenzuweisung, Leistungsüberwachung', en: 'decisions on work relationships, task allocation, performance monitoring' },
  '5.a': { ref: 'Annex III 5(a)', de: 'Anspruch auf öffentliche Unterstützungsleistungen', en: 'eligibility for public assistance benefits' },
  '5.b': { ref: 'Annex III 5(b)', de: 'Kreditwürdigkeitsprüfung natürlicher Personen', en: 'creditworthiness of natural persons' },
  '5.c': { ref: 'Annex III 5(c)', de: 'Risikobewertung und Preisbildung in der Lebens- und Krankenversicherung', en: 'risk assessment and pricing in life and health insurance' },
  '5.d': { ref: 'Annex III 5(d)', de: 'Notrufbewertung, Einsatzsteuerung und Triage', en: 'emergency calls, dispatch and triage' },
  '6.a': { ref: 'Annex III 6(a)', de: 'Risiko, Opfer einer Straftat zu werden', en: 'risk of becoming a victim of crime' },
  '6.b': { ref: 'Annex III 6(b)', de: 'Lügendetektoren und ähnliche Werkzeuge (Strafverfolgung)', en: 'polygraphs and similar tools (law enforcement)' },
  '6.c': { ref: 'Annex III 6(c)', de: 'Bewertung der Verlässlichkeit von Beweismitteln', en: 'evaluating the reliability of evidence' },
  '6.d': { ref: 'Annex III 6(d)', de: 'Risiko der (erneuten) Straffälligkeit, Persönlichkeitsmerkmale, früheres kriminelles Verhalten', en: 'risk of (re-)offending, personality traits, past criminal behaviour' },
  '6.e': { ref: 'Annex III 6(e)', de: 'Profilerstellung bei Aufdeckung, Ermittlung und Verfolgung von Straftaten', en: 'profiling in the detection, investigation or prosecution of crime' },
  '7.a': { ref: 'Annex III 7(a)', de: 'Lügendetektoren und ähnliche Werkzeuge (Migration)', en: 'polygraphs and similar tools (migration)' },
  '7.b': { ref: 'Annex III 7(b)', de: 'Sicherheits-, Migrations- oder Gesundheitsrisiken einreisender Personen', en: 'security, migration or health risks of persons entering' },
  '7.c': { ref: 'Annex III 7(c)', de: 'Prüfung von Asyl-, Visums- und Aufenthaltsanträgen', en: 'examining asylum, visa and residence applications' },
  '7.d': { ref: 'Annex III 7(d)', de: 'Erkennung oder Identifizierung von Personen im Migrationskontext', en: 'detecting or identifying persons in migration contexts' },
  '8.a': { ref: 'Annex III 8(a)', de: 'Unterstützung von Justizbehörden', en: 'assisting judicial authorities' },
  '8.b': { ref: 'Annex III 8(b)', de: 'Beeinflussung von Wahlen und Abstimmungen', en: 'influencing elections and referendums' },
};

export const DEROGATION_LABELS: Record<string, Label> = {
  '6.3.a': { ref: 'Art. 6(3)(a)', de: 'eng gefasste Verfahrensaufgabe', en: 'narrow procedural task' },
  '6.3.b': { ref: 'Art. 6(3)(b)', de: 'Verbesserung des Ergebnisses einer abgeschlossenen menschlichen Tätigkeit', en: 'improving the result of a completed human activity' },
  '6.3.c': { ref: 'Art. 6(3)(c)', de: 'Erkennung von Entscheidungsmustern ohne Ersetzen der menschlichen Bewertung', en: 'detecting decision patterns without replacing human assessment' },
  '6.3.d': { ref: 'Art. 6(3)(d)', de: 'vorbereitende Aufgabe für eine Bewertung', en: 'preparatory task for an assessment' },
};

export const TRANSPARENCY_LABELS: Record<string, Label & { binds: 'provider' | 'deployer' }> = {
  '50.1': { ref: 'Art. 50(1)', binds: 'provider', de: 'Hinweis, dass Menschen mit einem KI-System interagieren', en: 'telling people they interact with an AI system' },
  '50.2': { ref: 'Art. 50(2)', binds: 'provider', de: 'maschinenlesbare Kennzeichnung synthetischer Inhalte', en: 'machine-readable marking of synthetic content' },
  '50.3': { ref: 'Art. 50(3)', binds: 'deployer', de: 'Information der Betroffenen über Emotionserkennung oder biometrische Kategorisierung', en: 'informing persons exposed to emotion recognition or biometric categorisation' },
  '50.4-deepfake': { ref: 'Art. 50(4)', binds: 'deployer', de: 'Offenlegung von Deepfakes', en: 'disclosing deep fakes' },
  '50.4-text': { ref: 'Art. 50(4)', binds: 'deployer', de: 'Offenlegung KI-erzeugter Texte zu Angelegenheiten von öffentlichem Interesse', en: 'disclosing AI-generated text on matters of public interest' },
};

export const ROLE_LABELS: Record<string, { de: string; en: string }> = {
  provider: { de: 'Anbieter', en: 'provider' },
  deployer: { de: 'Betreiber', en: 'deployer' },
  importer: { de: 'Einführer', en: 'importer' },
  distributor: { de: 'Händler', en: 'distributor' },
};

export const RBI_GROUND_LABELS: Record<string, { de: string; en: string }> = {
  victims: { de: 'Suche nach Opfern oder Vermissten', en: 'search for victims or missing persons' },
  threat: { de: 'Abwehr einer konkreten Gefahr oder eines Terroranschlags', en: 'preventing a specific threat or terrorist attack' },
  suspect: { de: 'Lokalisierung oder Identifizierung Verdächtiger (Anhang II)', en: 'locating or identifying suspects (Annex II)' },
};

export const CONFORMITY_LABELS: Record<string, { de: string; en: string }> = {
  'annex-vi': { de: 'interne Kontrolle nach Anhang VI', en: 'internal control under Annex VI' },
  'annex-vii': { de: 'Bewertung durch eine notifizierte Stelle nach Anhang VII', en: 'assessment by a notified body under Annex VII' },
  'annex-vi-or-vii': { de: 'wahlweise Anhang VI oder VII, da harmonisierte Normen vollständig angewandt werden (Art. 43 Abs. 1)', en: 'Annex VI or VII at choice, as harmonised standards are fully applied (Art. 43(1))' },
  'annex-i-product-law': { de: 'Verfahren nach den einschlägigen Harmonisierungsvorschriften des Anhangs I (Art. 43 Abs. 3)', en: 'the procedure of the relevant Annex I harmonisation legislation (Art. 43(3))' },
};

export const DATABASE_LABELS: Record<string, { de: string; en: string }> = {
  'eu-database-public': { de: 'EU-Datenbank, öffentlicher Teil', en: 'EU database, public section' },
  'eu-database-secure': { de: 'EU-Datenbank, sicherer nicht öffentlicher Teil', en: 'EU database, secure non-public section' },
  national: { de: 'nationale Registrierung', en: 'national registration' },
};
