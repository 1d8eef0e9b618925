import type { LabGateFinding, LabGateFindingCode } from '../schemas/lab-gates.js';

/**
 * What a gate's findings say, in German and English: one sentence per finding, used by the web app and by the gate
 * report alike, so the reason shown on screen and printed is the same. `{name}` is replaced by the finding's facts.
 */
type Text = { de: string; en: string };

export const LAB_GATE_FINDING_TEXTS: Record<LabGateFindingCode, Text> = {
  'no-items': {
    de: 'Der Gegenstand hat keine zu prüfende Version (bei einem KI-System: verknüpfte Versionen im Betrieb oder als Testdaten).',
    en: 'The subject has no version under test (for an AI system: linked versions in operation or used as test data).',
  },
  'item-covered': { de: '{item}: geprüft in Prüflauf {run}.', en: '{item}: tested in run {run}.' },
  'not-covered': { de: '{item}: Kein zählender Prüflauf hat diese Version geprüft.', en: '{item}: no counted run tested this version.' },
  'run-digest-mismatch': {
    de: 'Prüflauf {run}: Die Dateien von {item} stimmten bei der Erfassung nicht mit den registrierten Hashwerten überein.',
    en: 'Run {run}: the files of {item} did not match the registered digests when it was recorded.',
  },
  'run-digest-changed': {
    de: 'Prüflauf {run}: Der registrierte Hashwert von {item} weicht heute von dem ab, mit dem der Lauf erfasst wurde.',
    en: 'Run {run}: the registered digest of {item} now differs from the one the run was recorded with.',
  },
  'no-mandatory-cases': { de: 'Der Prüfplan hat keinen Pflicht-Prüffall.', en: 'The test plan has no mandatory test case.' },
  'case-passed': { de: '{case}: bestanden in Prüflauf {run} ({metric} = {value}, gefordert {criterion}).', en: '{case}: passed in run {run} ({metric} = {value}, required {criterion}).' },
  'no-run': { de: '{case}: Kein Prüflauf hat ein Ergebnis für diesen Pflicht-Prüffall.', en: '{case}: no run has a result for this mandatory test case.' },
  'case-failed': { de: '{case}: nicht bestanden in Prüflauf {run} ({metric} = {value}, gefordert {criterion}).', en: '{case}: failed in run {run} ({metric} = {value}, required {criterion}).' },
  'other-method': { de: '{case}: Prüflauf {run} verwendete ein anderes Prüfverfahren als der Prüffall vorsieht.', en: '{case}: run {run} used another method than the test case names.' },
  'method-not-validated': {
    de: '{case}: Das Prüfverfahren von Prüflauf {run} war bei der Erfassung nicht validiert ({status}).',
    en: '{case}: the method of run {run} was not validated when the run was recorded ({status}).',
  },
  'operator-not-authorised': {
    de: '{case}: Wer Prüflauf {run} durchführte, war für das Prüfverfahren nicht autorisiert.',
    en: '{case}: the operator of run {run} was not authorised for the method.',
  },
  'environment-not-verified': {
    de: '{case}: Die Prüfumgebung von Prüflauf {run} war bei der Erfassung nicht verifiziert ({status}).',
    en: '{case}: the environment of run {run} was not verified when the run was recorded ({status}).',
  },
  'first-release': { de: 'Erste Freigabe dieses Gegenstands: Es gibt keine Freigabe zum Vergleich.', en: 'First release of this subject: there is no release to compare with.' },
  'within-tolerance': {
    de: '{case}: {value} gegenüber {baseline} in Freigabeprüfung {gate} (Toleranz {tolerance}).',
    en: '{case}: {value} against {baseline} in release gate {gate} (tolerance {tolerance}).',
  },
  regressed: {
    de: '{case}: {value} ist schlechter als {baseline} in Freigabeprüfung {gate}, um mehr als die Toleranz {tolerance}.',
    en: '{case}: {value} is worse than {baseline} in release gate {gate} by more than the tolerance {tolerance}.',
  },
  'no-baseline-value': { de: '{case}: Freigabeprüfung {gate} hat keinen Wert für diesen Prüffall.', en: '{case}: release gate {gate} has no value for this test case.' },
  'no-requirements': { de: 'Die Prüffälle nennen keine Anforderungen.', en: 'The test cases name no requirements.' },
  'no-linked-systems': { de: 'Kein KI-System verwendet diese Modellversion; es ist kein Nachweis zu prüfen.', en: 'No AI system uses this model version; there is no evidence to check.' },
  'evidence-present': { de: '{system}: Nachweis zu {requirement} liegt vor.', en: '{system}: evidence for {requirement} is recorded.' },
  'evidence-missing': { de: '{system}: Kein Nachweis zu {requirement} in der Anforderungsmatrix.', en: '{system}: no evidence for {requirement} in the compliance matrix.' },
  'not-required': {
    de: 'Keine Registrierungspflicht nach Art. 26 Abs. 8: kein Hochrisiko-KI-System, das eine Behörde als Betreiber verwendet.',
    en: 'No registration duty under Art. 26(8): not a high-risk AI system used by a public authority as deployer.',
  },
  'model-gate': {
    de: 'Freigabe einer Modellversion: Die Registrierung betrifft KI-Systeme und wird bei deren Freigabe geprüft.',
    en: 'Release of a model version: registration concerns AI systems and is checked when they are released.',
  },
  'no-approved-classification': {
    de: 'Keine genehmigte Klassifizierung: Eine Registrierungspflicht ist nicht festgestellt.',
    en: 'No approved classification: no registration duty has been established.',
  },
  'provider-registers': {
    de: 'Die Organisation ist selbst Anbieter und registriert das System selbst in der EU-Datenbank (Art. 49); das wird hier nicht geprüft.',
    en: 'The organisation is the provider itself and registers the system in the EU database itself (Art. 49); this is not checked here.',
  },
  'registration-received': { de: 'Die Registrierung in der EU-Datenbank ist als erhalten erfasst (Lieferantenunterlagen).', en: 'The EU database registration is recorded as received (supplier documents).' },
  'registration-missing': {
    de: 'Behörde als Betreiber eines Hochrisiko-KI-Systems: Die Registrierung in der EU-Datenbank ist nicht als erhalten erfasst (Art. 26 Abs. 8; Stand: {status}).',
    en: 'Public authority deploying a high-risk AI system: the EU database registration is not recorded as received (Art. 26(8); status: {status}).',
  },
};

/** Words for the statuses a finding may name (method, environment, supplier document). */
const STATUS_WORDS: Record<string, Text> = {
  validated: { de: 'validiert', en: 'validated' },
  'not-validated': { de: 'nicht validiert', en: 'not validated' },
  'revalidation-needed': { de: 'Revalidierung nötig', en: 're-validation needed' },
  verified: { de: 'verifiziert', en: 'verified' },
  expired: { de: 'Verifizierung abgelaufen', en: 'verification expired' },
  'verification-needed': { de: 'Verifizierung nötig', en: 'verification needed' },
  received: { de: 'erhalten', en: 'received' },
  missing: { de: 'fehlt', en: 'missing' },
  'not-applicable': { de: 'nicht zutreffend', en: 'not applicable' },
};

const COMPARATOR_SIGNS = { '>=': '≥', '>': '>', '<=': '≤', '<': '<' } as const;

/** A number as the locale writes it (at most six decimals). */
export function formatGateNumber(value: number, locale: 'de' | 'en'): string {
  return new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 6 }).format(value);
}

/** The sentence of one finding in the language asked for. */
export function gateFindingText(f: LabGateFinding, locale: 'de' | 'en'): string {
  const n = (v: number | undefined) => (v === undefined ? '' : formatGateNumber(v, locale));
  const withUnit = (v: number | undefined) => (f.unit ? `${n(v)} ${f.unit}` : n(v));
  const values: Record<string, string> = {
    item: [f.itemName, f.versionLabel].filter(Boolean).join(' ') || (f.versionId ?? ''),
    run: f.runNumber === undefined ? '' : String(f.runNumber),
    case: f.caseKey ?? '',
    metric: f.metric ?? '',
    value: withUnit(f.value),
    baseline: withUnit(f.baselineValue),
    criterion: f.comparator ? `${COMPARATOR_SIGNS[f.comparator]} ${withUnit(f.threshold)}` : '',
    tolerance: withUnit(f.tolerance),
    gate: f.baselineGateNumber === undefined ? '' : String(f.baselineGateNumber),
    status: f.status === undefined ? '' : (STATUS_WORDS[f.status]?.[locale] ?? f.status),
    system: f.systemName ?? '',
    requirement: f.requirementKey ?? '',
  };
  return LAB_GATE_FINDING_TEXTS[f.code][locale].replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}
