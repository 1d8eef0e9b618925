import { textOnlyBuilder } from './text-only.js';

/** PLACEHOLDER until its record-backed builder lands: authored text only. */
export const instructionsForUseBuilder = textOnlyBuilder('system', 'IFU', { de: 'Betriebsanleitung', en: 'Instructions for use' }, [
  { key: 'body', de: { heading: 'Betriebsanleitung', guidance: '' }, en: { heading: 'Instructions for use', guidance: '' } },
]);
