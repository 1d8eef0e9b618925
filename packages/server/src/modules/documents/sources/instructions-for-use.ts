import { refuseUnlessHighRisk, textOnlySource, type DocumentSource } from './subject.js';

/** PLACEHOLDER until the record-backed source lands. */
export const instructionsForUseSource: DocumentSource = textOnlySource('system', refuseUnlessHighRisk('Instructions for use under Art. 13'));
