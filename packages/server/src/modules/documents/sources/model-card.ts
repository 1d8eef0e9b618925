import { textOnlySource, type DocumentSource } from './subject.js';

/** PLACEHOLDER until the record-backed source lands. */
export const modelCardSource: DocumentSource = textOnlySource('model-version');
