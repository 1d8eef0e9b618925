import { refuseUnlessHighRisk, textOnlySource, type DocumentSource } from './subject.js';

/** PLACEHOLDER until the record-backed source lands. */
export const declarationSource: DocumentSource = textOnlySource('system', refuseUnlessHighRisk('The EU declaration of conformity'));
