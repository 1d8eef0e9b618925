import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import de from '../../i18n/de.json';
import en from '../../i18n/en.json';
import { whyText } from './why-text';

await i18next.init({ resources: { de: { translation: de }, en: { translation: en } }, lng: 'de', interpolation: { escapeValue: false } });

describe('applicability explanations in words', () => {
  it('names paths, operators and values', () => {
    const t = i18next.getFixedT('de');
    expect(whyText('result.riskClass = high', t)).toBe('Risikoklasse: Hochrisiko');
    expect(whyText('result.effectiveRoles ∋ deployer', t)).toBe('Maßgebliche Rollen umfassen Betreiber');
    expect(whyText('facts.deployer.publicAuthority = true', t)).toBe('Betreiber ist Behörde oder öffentliche Stelle: Ja');
    expect(whyText('result.effectiveRoles ∌ provider | importer', t)).toBe('Maßgebliche Rollen umfassen nicht Anbieter oder Einführer');
    expect(whyText('result.riskClass ∈ {high, limited}', t)).toBe('Risikoklasse: eine von Hochrisiko, Begrenztes Risiko (Transparenzpflichten)');
    expect(whyText('not (result.gpaiTier = none)', t)).toBe('nicht: KI-Modell mit allgemeinem Verwendungszweck: none');
    expect(whyText('result.riskClass ≠ out-of-scope', t)).toBe('Risikoklasse: nicht „Nicht im Anwendungsbereich“');
    expect(whyText('something odd', t)).toBe('something odd');
    expect(whyText('facts.unknown.path = 3', t)).toBe('facts.unknown.path: 3');
  });

  it('speaks English too', () => {
    const t = i18next.getFixedT('en');
    expect(whyText('result.riskClass = high', t)).toBe('Risk class: High risk');
  });
});
