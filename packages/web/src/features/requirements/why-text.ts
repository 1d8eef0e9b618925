import type { TFunction } from 'i18next';

/** The condition paths the catalogues use most, with their label keys. */
const PATH_LABELS = {
  'result.riskClass': 'matrix.paths.riskClass',
  'result.voluntaryRiskClass': 'matrix.paths.voluntaryRiskClass',
  'result.effectiveRoles': 'matrix.paths.effectiveRoles',
  'result.highRiskRoute': 'matrix.paths.highRiskRoute',
  'result.gpaiTier': 'matrix.paths.gpaiTier',
  'result.transparency': 'matrix.paths.transparency',
  'result.friaRequired': 'matrix.paths.friaRequired',
  'facts.annexIII': 'matrix.paths.annexIII',
  'facts.deployer.publicAuthority': 'matrix.paths.publicAuthority',
  'facts.lawEnforcementOrMigrationContext': 'matrix.paths.lawEnforcement',
  'facts.prohibitedPractices': 'matrix.paths.prohibitedPractices',
} as const;

const OPERATORS = {
  '=': 'matrix.operators.eq',
  '≠': 'matrix.operators.ne',
  '∈': 'matrix.operators.in',
  '∉': 'matrix.operators.notIn',
  '∋': 'matrix.operators.includes',
  '∌': 'matrix.operators.excludes',
} as const;

const RISK_CLASSES = new Set(['prohibited', 'high', 'limited', 'minimal', 'out-of-scope']);
const ROLES = new Set(['provider', 'deployer', 'importer', 'distributor']);

function value(path: string, raw: string, t: TFunction): string {
  if (raw === 'true') return t('common.yes');
  if (raw === 'false') return t('common.no');
  if (raw === 'null') return t('common.none');
  if ((path === 'result.riskClass' || path === 'result.voluntaryRiskClass') && RISK_CLASSES.has(raw)) {
    return t(`classification.riskClass.${raw as 'high'}`);
  }
  if (path === 'result.effectiveRoles' && ROLES.has(raw)) return t(`system.operatorRoles.${raw as 'deployer'}`);
  return raw;
}

/**
 * One part of an applicability explanation (`result.riskClass = high`, `result.effectiveRoles ∋ deployer`) in words:
 * "Risikoklasse ist Hochrisiko". Parts it cannot read are returned as they are.
 */
export function whyText(why: string, t: TFunction): string {
  if (why === 'always') return t('matrix.whyAlways');
  const negated = /^not \((.*)\)$/.exec(why);
  if (negated?.[1] !== undefined) return t('matrix.operators.not', { text: whyText(negated[1], t) });
  const match = /^(\S+) (=|≠|∈|∉|∋|∌) (.*)$/.exec(why);
  if (match === null) return why;
  const [, path = '', op = '=', rest = ''] = match;
  const labelKey = PATH_LABELS[path as keyof typeof PATH_LABELS] as (typeof PATH_LABELS)[keyof typeof PATH_LABELS] | undefined;
  const label = labelKey === undefined ? path : t(labelKey);
  const listed = rest.replace(/^\{|\}$/g, '');
  const separator = rest.includes(' | ') ? ' | ' : ', ';
  const values = listed.split(separator).map((v) => value(path, v.trim(), t));
  const joined = values.join(separator === ' | ' ? t('matrix.operators.or') : ', ');
  return t(OPERATORS[op as keyof typeof OPERATORS], { label, value: joined });
}
