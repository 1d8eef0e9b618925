import type { FUNDAMENTAL_RIGHTS, RISK_AFFECTED_AREAS } from '@konform/core';

type Right = (typeof FUNDAMENTAL_RIGHTS)[number];
type Area = (typeof RISK_AFFECTED_AREAS)[number];

/**
 * Names of fundamental rights (with their article of the EU Charter) and affected areas for generated documents;
 * the same wording as the web app's translations, which serve the screen.
 */
export const RISK_LABELS: Record<'de' | 'en', { rights: Record<Right, string>; affected: Record<Area, string> }> = {
  de: {
    rights: {
      'human-dignity': 'Würde des Menschen (Art. 1 GRCh)',
      'non-discrimination': 'Nichtdiskriminierung (Art. 21 GRCh)',
      equality: 'Gleichheit vor dem Gesetz (Art. 20 GRCh)',
      privacy: 'Achtung des Privat- und Familienlebens (Art. 7 GRCh)',
      'data-protection': 'Schutz personenbezogener Daten (Art. 8 GRCh)',
      'freedom-of-expression': 'Freiheit der Meinungsäußerung und Informationsfreiheit (Art. 11 GRCh)',
      'freedom-of-assembly': 'Versammlungs- und Vereinigungsfreiheit (Art. 12 GRCh)',
      'rights-of-the-child': 'Rechte des Kindes (Art. 24 GRCh)',
      'workers-rights': 'Rechte der Arbeitnehmer (Art. 27–31 GRCh)',
      'social-security': 'Soziale Sicherheit und soziale Unterstützung (Art. 34 GRCh)',
      'good-administration': 'Recht auf eine gute Verwaltung (Art. 41 GRCh)',
      'effective-remedy-fair-trial': 'Wirksamer Rechtsbehelf und faires Verfahren (Art. 47 GRCh)',
      'presumption-of-innocence': 'Unschuldsvermutung und Verteidigungsrechte (Art. 48 GRCh)',
      asylum: 'Asylrecht (Art. 18 GRCh)'
    },
    affected: {
      health: 'Gesundheit',
      safety: 'Sicherheit',
      'fundamental-rights': 'Grundrechte',
      operations: 'Dienstbetrieb und Aufgabenerfüllung',
      reputation: 'Ansehen der Behörde'
    }
  },
  en: {
    rights: {
      'human-dignity': 'Human dignity (Art. 1 Charter)',
      'non-discrimination': 'Non-discrimination (Art. 21 Charter)',
      equality: 'Equality before the law (Art. 20 Charter)',
      privacy: 'Respect for private and family life (Art. 7 Charter)',
      'data-protection': 'Protection of personal data (Art. 8 Charter)',
      'freedom-of-expression': 'Freedom of expression and information (Art. 11 Charter)',
      'freedom-of-assembly': 'Freedom of assembly and of association (Art. 12 Charter)',
      'rights-of-the-child': 'Rights of the child (Art. 24 Charter)',
      'workers-rights': "Workers' rights (Art. 27–31 Charter)",
      'social-security': 'Social security and social assistance (Art. 34 Charter)',
      'good-administration': 'Right to good administration (Art. 41 Charter)',
      'effective-remedy-fair-trial': 'Effective remedy and fair trial (Art. 47 Charter)',
      'presumption-of-innocence': 'Presumption of innocence and right of defence (Art. 48 Charter)',
      asylum: 'Right to asylum (Art. 18 Charter)'
    },
    affected: {
      health: 'Health',
      safety: 'Safety',
      'fundamental-rights': 'Fundamental rights',
      operations: 'Operations and public tasks',
      reputation: 'Reputation of the authority'
    }
  }
};
