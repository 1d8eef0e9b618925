import { textOnlyBuilder } from './text-only.js';

/** PLACEHOLDER until its record-backed builder lands: authored text only. */
export const registrationBuilder = textOnlyBuilder('system', 'REG', { de: 'Registrierungsdaten', en: 'Registration data' }, [
  { key: 'body', de: { heading: 'Registrierungsdaten', guidance: '' }, en: { heading: 'Registration data', guidance: '' } },
]);
