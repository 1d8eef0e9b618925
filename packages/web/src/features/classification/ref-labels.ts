/**
 * Catalogue keys may not contain dots, so the Act's identifiers map onto key-safe names:
 * `5.1.a` → `5_1_a`, `50.4-deepfake` → `50_4_deepfake`. Unknown identifiers map to undefined
 * and are shown as they are.
 */
const PRACTICE_KEYS = {
  '5.1.a': '5_1_a',
  '5.1.b': '5_1_b',
  '5.1.c': '5_1_c',
  '5.1.d': '5_1_d',
  '5.1.e': '5_1_e',
  '5.1.f': '5_1_f',
  '5.1.g': '5_1_g',
  '5.1.h': '5_1_h',
  '5.1.ncii': '5_1_ncii',
} as const;

const TRANSPARENCY_KEYS = {
  '50.1': '50_1',
  '50.2': '50_2',
  '50.3': '50_3',
  '50.4-deepfake': '50_4_deepfake',
  '50.4-text': '50_4_text',
} as const;

export type PracticeKey = (typeof PRACTICE_KEYS)[keyof typeof PRACTICE_KEYS];
export type TransparencyKey = (typeof TRANSPARENCY_KEYS)[keyof typeof TRANSPARENCY_KEYS];

export function practiceKey(ref: string): PracticeKey | undefined {
  return (PRACTICE_KEYS as Record<string, PracticeKey>)[ref];
}

export function transparencyKey(ref: string): TransparencyKey | undefined {
  return (TRANSPARENCY_KEYS as Record<string, TransparencyKey>)[ref];
}
