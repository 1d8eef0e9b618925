import { refuseUnlessHighRisk, textOnlySource, type DocumentSource } from './subject.js';

/** PLACEHOLDER until the record-backed source lands. */
export const registrationSource: DocumentSource = textOnlySource('system', refuseUnlessHighRisk('Registration under Art. 49'));
