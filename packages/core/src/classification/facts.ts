import { z } from 'zod';
import { OperatorRole } from '../schemas/systems.js';

/** Art. 2 scope exclusions, by paragraph. */
export const EXCLUSIONS = [
  'military-defence-national-security', // 2(3)
  'third-country-cooperation', // 2(4)
  'scientific-research', // 2(6)
  'pre-market-rnd', // 2(8)
  'personal-use', // 2(10)
  'open-source', // 2(12)
] as const;

/** Art. 5(1) points; `5.1.ncii` is the prohibition added by the 2026 amendment (its letter is unconfirmed, the id is ours). */
export const PROHIBITED_PRACTICES = ['5.1.a', '5.1.b', '5.1.c', '5.1.d', '5.1.e', '5.1.f', '5.1.g', '5.1.h', '5.1.ncii'] as const;

/** Annex III points; areas 2 and 1–8 as listed in the Annex. */
export const ANNEX_III_POINTS = [
  '1.a', '1.b', '1.c',
  '2',
  '3.a', '3.b', '3.c', '3.d',
  '4.a', '4.b',
  '5.a', '5.b', '5.c', '5.d',
  '6.a', '6.b', '6.c', '6.d', '6.e',
  '7.a', '7.b', '7.c', '7.d',
  '8.a', '8.b',
] as const;

/** Art. 6(3) derogation conditions (a)–(d). */
export const DEROGATIONS = ['6.3.a', '6.3.b', '6.3.c', '6.3.d'] as const;

/** Art. 50 cases: (1) interaction, (2) synthetic content marking, (3) emotion recognition / biometric categorisation, (4) deep fakes and public-interest text. */
export const TRANSPARENCY_CASES = ['50.1', '50.2', '50.3', '50.4-deepfake', '50.4-text'] as const;

const IsoDate = z.iso.date();

/**
 * The facts from which a classification follows. All keys are optional: `isAiSystem` defaults to true,
 * any other absent key means "no". Unknown keys and values are refused, so a typo cannot silently mean "no".
 */
export const ClassificationFacts = z.strictObject({
  isAiSystem: z.boolean().default(true),
  roles: z.array(OperatorRole).max(4).default([]),
  exclusions: z.array(z.enum(EXCLUSIONS)).default([]),
  prohibitedPractices: z.array(z.enum(PROHIBITED_PRACTICES)).default([]),
  rbiException: z
    .strictObject({ ground: z.enum(['victims', 'threat', 'suspect']), authorised: z.boolean().default(false) })
    .optional(),
  annexI: z.strictObject({ covered: z.boolean().default(false), thirdPartyAssessment: z.boolean().default(false) }).optional(),
  annexIII: z.array(z.enum(ANNEX_III_POINTS)).default([]),
  derogation: z.array(z.enum(DEROGATIONS)).default([]),
  profiling: z.boolean().default(false),
  transparency: z.array(z.enum(TRANSPARENCY_CASES)).default([]),
  authorisedByLawForCrimeDetection: z.boolean().default(false),
  gpai: z
    .strictObject({
      isGpaiModel: z.boolean().default(false),
      trainingComputeFlop: z.number().nonnegative().finite().optional(),
      systemicRiskDesignated: z.boolean().default(false),
      openSource: z.boolean().default(false),
    })
    .optional(),
  deployer: z
    .strictObject({ publicAuthority: z.boolean().default(false), publicService: z.boolean().default(false), employer: z.boolean().default(false) })
    .optional(),
  art25: z
    .strictObject({
      ownNameOrTrademark: z.boolean().default(false),
      substantialModification: z.boolean().default(false),
      changedIntendedPurpose: z.boolean().default(false),
    })
    .optional(),
  lawEnforcementOrMigrationContext: z.boolean().default(false),
  harmonisedStandards: z.enum(['full', 'partial', 'none']).optional(),
  placedOnMarketAt: IsoDate.optional(),
  /** Ours, not the Act's: an Art. 2(3)-excluded system put under the Act's requirements by internal policy. */
  voluntaryApplication: z.boolean().default(false),
});
export type ClassificationFactsInput = z.input<typeof ClassificationFacts>;
export type ClassificationFacts = z.output<typeof ClassificationFacts>;
