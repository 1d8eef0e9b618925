import { textOnlyBuilder } from './text-only.js';

/** PLACEHOLDER until its record-backed builder lands: authored text only. */
export const decisionPaperBuilder = textOnlyBuilder('system', 'EV', { de: 'Entscheidungsvorlage', en: 'Decision paper' }, [
  { key: 'body', de: { heading: 'Entscheidungsvorlage', guidance: '' }, en: { heading: 'Decision paper', guidance: '' } },
]);
