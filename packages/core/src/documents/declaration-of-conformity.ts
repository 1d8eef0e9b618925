import { textOnlyBuilder } from './text-only.js';

/** PLACEHOLDER until its record-backed builder lands: authored text only. */
export const declarationBuilder = textOnlyBuilder('system', 'DoC', { de: 'EU-Konformitätserklärung', en: 'EU declaration of conformity' }, [
  { key: 'body', de: { heading: 'EU-Konformitätserklärung', guidance: '' }, en: { heading: 'EU declaration of conformity', guidance: '' } },
]);
