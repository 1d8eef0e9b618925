import type { OperatorRole } from '../schemas/systems.js';
import type { ClassificationFacts } from './facts.js';
import type { ClassificationResult, Obligation, Reason, Registration, RiskClass } from './result.js';
import { timelineDate, type Timeline, type TimelineGroupId } from './timeline.js';
import { REASON_TEXTS } from './reason-texts.js';
import { OBLIGATIONS, type ObligationCondition } from './obligations.js';
import {
  ANNEX_III_LABELS,
  CONFORMITY_LABELS,
  DATABASE_LABELS,
  DEROGATION_LABELS,
  EXCLUSION_LABELS,
  PRACTICE_LABELS,
  RBI_GROUND_LABELS,
  ROLE_LABELS,
  TRANSPARENCY_LABELS,
} from './labels.js';

export interface ClassifyOptions {
  timeline: Timeline;
  /** The act whose dates apply (e.g. as published or as amended); defaults to the timeline's default. */
  act?: string;
  /** Language of the reason texts. */
  locale?: 'de' | 'en';
}

/** Art. 51(2): systemic risk is presumed above (strictly greater than) 10^25 FLOP. */
export const SYSTEMIC_RISK_FLOP = 1e25;

/** Annex III points whose registration goes to the secure section in law-enforcement and migration contexts (Art. 49(4)). */
const SECURE_SECTION_AREAS = new Set(['1', '6', '7']);

const area = (point: string) => point.split('.')[0]!;

class ReasonLog {
  readonly items: (Reason & { code: string })[] = [];
  constructor(private readonly locale: 'de' | 'en') {}

  add(ref: string, code: string, params: Record<string, string> = {}) {
    const template = REASON_TEXTS[code]?.[this.locale] ?? code;
    const text = template.replace(/\{(\w+)\}/g, (_, key: string) => params[key] ?? `{${key}}`);
    this.items.push({ ref, code, text });
  }
}

/**
 * Pure: facts (already parsed with ClassificationFacts) → classification with reasons and dated obligations.
 * Each step mirrors one part of the Act; the order matters only where a later article refers to an earlier result.
 */
export function classify(facts: ClassificationFacts, options: ClassifyOptions): ClassificationResult {
  const { timeline } = options;
  const act = options.act ?? timeline.defaultAct;
  const locale = options.locale ?? 'de';
  const reasons = new ReasonLog(locale);
  const label = (entry: { de: string; en: string } | undefined, fallback: string) => entry?.[locale] ?? fallback;
  const roles = new Set<OperatorRole>(facts.roles);

  // Art. 3(1): not an AI system at all.
  if (!facts.isAiSystem) {
    reasons.add('Art. 3(1)', 'not-ai-system');
  }

  // Art. 2 exclusions other than open source put the system outside the Act (2(12) is decided at the end).
  const exclusions = facts.exclusions.filter((e) => e !== 'open-source');
  for (const e of exclusions) reasons.add(EXCLUSION_LABELS[e]!.ref, 'exclusion', { label: label(EXCLUSION_LABELS[e], e) });
  const excluded = !facts.isAiSystem || exclusions.length > 0;
  const voluntary = facts.isAiSystem && facts.voluntaryApplication && facts.exclusions.includes('military-defence-national-security');
  if (voluntary) reasons.add('Art. 2(3)', 'voluntary-application');
  // Outside the Act and not applied voluntarily: only a GPAI model can still carry duties of its own.
  const evaluateSystem = !excluded || voluntary;

  // Art. 5: prohibited practices.
  const prohibited: string[] = [];
  const annexIII = new Set<string>(facts.annexIII);
  let rbiUnderException = false;
  if (evaluateSystem) {
    for (const practice of facts.prohibitedPractices) {
      const practiceLabel = PRACTICE_LABELS[practice]!;
      if (practice === '5.1.ncii' && !timelineDate(timeline, act, 'prohibition-ncii')?.from) {
        reasons.add(practiceLabel.ref, 'prohibited-not-in-act', { label: label(practiceLabel, practice), act });
        continue;
      }
      if (practice === '5.1.h' && facts.rbiException) {
        if (facts.rbiException.authorised) {
          rbiUnderException = true;
          annexIII.add('1.a');
          reasons.add('Art. 5(1)(h), 5(2)–(7)', 'rbi-exception-authorised', { ground: label(RBI_GROUND_LABELS[facts.rbiException.ground], facts.rbiException.ground) });
          continue;
        }
        reasons.add('Art. 5(3)', 'rbi-exception-unauthorised');
      }
      prohibited.push(practice);
      reasons.add(practiceLabel.ref, 'prohibited', { label: label(practiceLabel, practice) });
    }
  }

  // Art. 6: high-risk by Annex I (6(1)) or Annex III (6(2)), with the 6(3) derogation and its profiling override.
  let annexIHigh = false;
  let annexIIIHigh = false;
  let derogationUsed = false;
  if (evaluateSystem) {
    if (facts.annexI?.covered) {
      annexIHigh = facts.annexI.thirdPartyAssessment;
      reasons.add('Art. 6(1)', annexIHigh ? 'high-annex-i' : 'annex-i-no-third-party');
    }
    if (annexIII.size > 0) {
      const derogation = facts.derogation.length > 0 && !rbiUnderException;
      if (derogation && !facts.profiling) {
        derogationUsed = true;
        const conditions = facts.derogation.map((d) => `${DEROGATION_LABELS[d]!.ref}: ${label(DEROGATION_LABELS[d], d)}`).join('; ');
        reasons.add('Art. 6(3)', 'derogation', { conditions });
      } else {
        annexIIIHigh = true;
        if (derogation && facts.profiling) reasons.add('Art. 6(3), last subparagraph', 'profiling-override');
        for (const point of [...annexIII].sort()) {
          reasons.add(`Art. 6(2), ${ANNEX_III_LABELS[point]!.ref}`, 'high-annex-iii', { label: label(ANNEX_III_LABELS[point], point) });
        }
      }
    }
  }
  const high = annexIHigh || annexIIIHigh;
  const highRiskRoute = annexIIIHigh ? 'annex-iii' : annexIHigh ? 'annex-i' : null;

  // Art. 25(1): a distributor, importer, deployer or other third party becomes the provider of a high-risk system.
  if (evaluateSystem && facts.art25 && !roles.has('provider')) {
    const triggers = [
      facts.art25.ownNameOrTrademark && { ref: 'Art. 25(1)(a)', de: 'eigener Name oder eigene Marke', en: 'own name or trademark' },
      facts.art25.substantialModification && { ref: 'Art. 25(1)(b)', de: 'wesentliche Veränderung, nach der das System hochriskant bleibt', en: 'substantial modification after which it stays high-risk' },
      facts.art25.changedIntendedPurpose && { ref: 'Art. 25(1)(c)', de: 'geänderte Zweckbestimmung, die das System hochriskant macht', en: 'changed intended purpose that makes it high-risk' },
    ].filter((t): t is { ref: string; de: string; en: string } => Boolean(t));
    if (triggers.length > 0) {
      if (high) {
        roles.add('provider');
        for (const t of triggers) reasons.add(t.ref, 'art25-provider', { label: label(t, t.ref) });
      } else {
        reasons.add('Art. 25(1)', 'art25-not-high');
      }
    }
  }
  const effectiveRoles = (['provider', 'deployer', 'importer', 'distributor'] as const).filter((r) => roles.has(r));
  const isProvider = roles.has('provider');
  const isDeployer = roles.has('deployer');

  // Art. 50: 50(1)/(2) bind providers, 50(3)/(4) deployers; uses authorised by law to fight crime are exempt.
  const transparency: string[] = [];
  if (evaluateSystem) {
    for (const c of facts.transparency) {
      const t = TRANSPARENCY_LABELS[c]!;
      if (facts.authorisedByLawForCrimeDetection) {
        reasons.add(t.ref, 'transparency-law-enforcement', { ref: t.ref });
      } else if (roles.has(t.binds)) {
        transparency.push(c);
        reasons.add(t.ref, 'transparency', { role: label(ROLE_LABELS[t.binds], t.binds), label: label(t, c) });
      } else {
        reasons.add(t.ref, 'transparency-other-role', { role: label(ROLE_LABELS[t.binds], t.binds), label: t.ref });
      }
    }
  }

  // Chapter V: GPAI models; systemic risk only above 10^25 FLOP or by designation.
  let gpaiTier: ClassificationResult['gpaiTier'] = 'none';
  const gpaiExcluded = facts.exclusions.some((e) => e === 'scientific-research' || e === 'pre-market-rnd');
  const gpai = facts.gpai?.isGpaiModel && !gpaiExcluded ? facts.gpai : undefined;
  let systemicByCompute = false;
  if (gpai) {
    systemicByCompute = (gpai.trainingComputeFlop ?? 0) > SYSTEMIC_RISK_FLOP;
    gpaiTier = systemicByCompute || gpai.systemicRiskDesignated ? 'gpai-systemic' : 'gpai';
    reasons.add('Art. 53', 'gpai');
    if (systemicByCompute) reasons.add('Art. 51(2)', 'gpai-systemic-compute');
    else if (gpai.systemicRiskDesignated) reasons.add('Art. 51(1)(b)', 'gpai-systemic-designated');
    if (gpai.openSource) reasons.add('Art. 53(2)', gpaiTier === 'gpai' ? 'gpai-open-source' : 'gpai-open-source-systemic');
  }

  // Art. 43: the conformity procedure, only for the provider of a high-risk system.
  let conformityProcedure: ClassificationResult['conformityProcedure'] = null;
  if (high && isProvider) {
    if (highRiskRoute === 'annex-i') conformityProcedure = 'annex-i-product-law';
    else if ([...annexIII].some((p) => area(p) === '1')) conformityProcedure = facts.harmonisedStandards === 'full' ? 'annex-vi-or-vii' : 'annex-vii';
    else conformityProcedure = 'annex-vi';
    reasons.add(conformityProcedure === 'annex-i-product-law' ? 'Art. 43(3)' : 'Art. 43(1)–(2)', 'conformity', { label: label(CONFORMITY_LABELS[conformityProcedure], conformityProcedure) });
  }

  // Art. 27: FRIA for deployers of Annex III systems (not point 2) that are public bodies or provide public
  // services, or that deploy 5(b)/5(c) systems; and for real-time RBI under an exception (Art. 5(2)).
  const pointsBeyondInfrastructure = [...annexIII].filter((p) => p !== '2');
  let friaRequired = false;
  if (annexIIIHigh && isDeployer) {
    const publicSide = Boolean(facts.deployer?.publicAuthority || facts.deployer?.publicService);
    const creditOrInsurance = annexIII.has('5.b') || annexIII.has('5.c');
    if ((publicSide && pointsBeyondInfrastructure.length > 0) || creditOrInsurance) {
      friaRequired = true;
      reasons.add('Art. 27(1)', 'fria', {
        label: creditOrInsurance && !publicSide
          ? label({ de: 'Betreiber eines Systems nach Anhang III Nr. 5 Buchst. b oder c', en: 'deployer of an Annex III 5(b) or 5(c) system' }, '')
          : label({ de: 'Betreiber ist eine Einrichtung des öffentlichen Rechts oder erbringt öffentliche Dienste', en: 'the deployer is a public body or provides public services' }, ''),
      });
    }
  }
  if (rbiUnderException && !friaRequired) {
    friaRequired = true;
    reasons.add('Art. 5(2)', 'fria', { label: label({ de: 'Voraussetzung jeder Echtzeit-Fernidentifizierung unter einer Ausnahme', en: 'a condition of any real-time RBI under an exception' }, '') });
  }

  // Art. 49: registrations. None for Annex I.
  const registrations: Registration[] = [];
  const secure = facts.lawEnforcementOrMigrationContext && [...annexIII].some((p) => SECURE_SECTION_AREAS.has(area(p)));
  const euDatabase = secure ? 'eu-database-secure' : 'eu-database-public';
  const withSecure = (basis: string) => (secure ? `${basis}, Art. 49(4)` : basis);
  if (annexIIIHigh) {
    if (isProvider && pointsBeyondInfrastructure.length > 0) registrations.push({ by: 'provider', database: euDatabase, basis: withSecure('Art. 49(1)') });
    if (isProvider && annexIII.has('2')) registrations.push({ by: 'provider', database: 'national', basis: 'Art. 49(5)' });
    if (isDeployer && facts.deployer?.publicAuthority && pointsBeyondInfrastructure.length > 0) {
      registrations.push({ by: 'deployer', database: euDatabase, basis: withSecure('Art. 49(3)') });
    }
  }
  const registration63 = timelineDate(timeline, act, 'registration-6-3');
  if (derogationUsed && isProvider && registration63?.from) {
    registrations.push({ by: 'provider', database: euDatabase, basis: withSecure('Art. 49(2)') });
  }
  for (const r of registrations) {
    reasons.add(r.basis, 'registration', { by: label(ROLE_LABELS[r.by], r.by), database: label(DATABASE_LABELS[r.database], r.database), basis: r.basis });
  }
  const documentationDuty6_4 = derogationUsed && isProvider;

  // The risk class; Art. 2(12) open source excludes only what is neither prohibited, high-risk nor under Art. 50.
  let riskClass: RiskClass;
  const underArt50 = facts.transparency.length > 0;
  if (!evaluateSystem) riskClass = 'out-of-scope';
  else if (prohibited.length > 0) riskClass = 'prohibited';
  else if (high) riskClass = 'high';
  else if (transparency.length > 0) riskClass = 'limited';
  else riskClass = 'minimal';
  if (evaluateSystem && !voluntary && facts.exclusions.includes('open-source')) {
    if (prohibited.length === 0 && !high && !underArt50) {
      riskClass = 'out-of-scope';
      reasons.add('Art. 2(12)', 'open-source-excluded');
    } else {
      reasons.add('Art. 2(12)', 'open-source-not-excluded');
    }
  }
  if (riskClass === 'limited') reasons.add('Art. 50', 'limited');
  if (riskClass === 'minimal') reasons.add('Art. 4, Art. 95', 'minimal');
  // Excluded by Art. 2(3) but applied by policy: outside the Act, with the class it would otherwise have.
  const voluntaryRiskClass = voluntary ? riskClass : null;
  if (voluntary) riskClass = 'out-of-scope';

  // Obligations with the dates from which they apply.
  const obligations: Obligation[] = [];
  const inScope = voluntary || (evaluateSystem && riskClass !== 'out-of-scope');
  const dateOf = (group: TimelineGroupId) => timelineDate(timeline, act, group)?.from ?? null;
  const placedAt = facts.placedOnMarketAt;
  const placedBefore = (group: TimelineGroupId) => {
    const cutoff = timelineDate(timeline, act, group)?.placedBefore;
    return placedAt !== undefined && cutoff !== undefined && placedAt < cutoff ? cutoff : null;
  };

  // Art. 111(2): high-risk systems placed before the cut-off; for public-authority use, a later deadline.
  let highRiskGroup: TimelineGroupId = highRiskRoute === 'annex-i' ? 'annex-i-high-risk' : 'annex-iii-high-risk';
  let highRiskFrom: string | null = dateOf(highRiskGroup);
  const legacyCutoff = high ? placedBefore('public-authority-legacy') : null;
  if (legacyCutoff) {
    if (facts.deployer?.publicAuthority) {
      highRiskGroup = 'public-authority-legacy';
      highRiskFrom = dateOf('public-authority-legacy');
      reasons.add('Art. 111(2)', 'public-authority-legacy', { cutoff: legacyCutoff, date: highRiskFrom ?? '' });
    } else {
      highRiskFrom = null;
      reasons.add('Art. 111(2)', 'legacy-unchanged', { cutoff: legacyCutoff });
    }
  }
  // Art. 111(3): GPAI models placed before the GPAI date comply by a later deadline.
  let gpaiGroup: TimelineGroupId = 'gpai';
  const gpaiCutoff = gpai ? placedBefore('gpai-legacy') : null;
  if (gpaiCutoff) {
    gpaiGroup = 'gpai-legacy';
    reasons.add('Art. 111(3)', 'gpai-legacy', { cutoff: gpaiCutoff, date: dateOf('gpai-legacy') ?? '' });
  }

  const holds: Record<ObligationCondition, boolean> = {
    'in-scope-provider-or-deployer': inScope && (isProvider || isDeployer),
    'high-provider': inScope && high && isProvider,
    'high-deployer': inScope && high && isDeployer,
    'high-deployer-employer': inScope && high && isDeployer && Boolean(facts.deployer?.employer),
    'high-deployer-annex-iii': inScope && annexIIIHigh && isDeployer,
    'high-importer': inScope && high && roles.has('importer'),
    'high-distributor': inScope && high && roles.has('distributor'),
    fria: inScope && friaRequired && isDeployer,
    'derogation-provider': inScope && documentationDuty6_4,
    'gpai-provider': gpaiTier !== 'none' && isProvider,
    'gpai-provider-53ab': gpaiTier !== 'none' && isProvider && !(gpai?.openSource && gpaiTier === 'gpai'),
    'gpai-systemic-provider': gpaiTier === 'gpai-systemic' && isProvider,
    'gpai-systemic-by-compute': systemicByCompute && isProvider,
  };
  for (const o of OBLIGATIONS) {
    if (!holds[o.when]) continue;
    const [group, from] =
      o.group === 'high-risk' ? [highRiskGroup, highRiskFrom] : o.group === 'gpai' ? [gpaiGroup, dateOf(gpaiGroup)] : [o.group, dateOf(o.group)];
    obligations.push({ ref: o.ref, appliesFrom: from, group, title: o.title });
  }
  if (inScope) {
    for (const practice of prohibited) {
      const group = practice === '5.1.ncii' ? 'prohibition-ncii' : 'prohibitions';
      obligations.push({ ref: PRACTICE_LABELS[practice]!.ref, appliesFrom: dateOf(group), group, title: { de: `Verbot: ${PRACTICE_LABELS[practice]!.de}`, en: `Prohibition: ${PRACTICE_LABELS[practice]!.en}` } });
    }
    for (const c of transparency) {
      const t = TRANSPARENCY_LABELS[c]!;
      const legacy = c === '50.2' ? placedBefore('transparency-50-2-legacy') : null;
      const group: TimelineGroupId = legacy ? 'transparency-50-2-legacy' : 'transparency';
      if (legacy) reasons.add('Art. 50(2)', 'transparency-50-2-legacy', { cutoff: legacy, date: dateOf(group) ?? '' });
      obligations.push({ ref: t.ref, appliesFrom: dateOf(group), group, title: { de: t.de, en: t.en } });
    }
    for (const r of registrations) {
      obligations.push({
        ref: r.basis,
        appliesFrom: r.basis.startsWith('Art. 49(2)') ? dateOf('registration-6-3') : highRiskFrom,
        group: r.basis.startsWith('Art. 49(2)') ? 'registration-6-3' : highRiskGroup,
        title: { de: `Registrierung (${DATABASE_LABELS[r.database]!.de})`, en: `Registration (${DATABASE_LABELS[r.database]!.en})` },
      });
    }
  }

  return {
    riskClass,
    highRiskRoute: evaluateSystem ? highRiskRoute : null,
    prohibited,
    transparency,
    gpaiTier,
    effectiveRoles,
    conformityProcedure,
    friaRequired,
    registrations,
    documentationDuty6_4,
    voluntaryApplication: voluntary,
    voluntaryRiskClass,
    reasons: reasons.items,
    obligations,
    timelineAct: act,
  };
}
