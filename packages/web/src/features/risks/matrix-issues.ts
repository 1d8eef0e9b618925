import type { TFunction } from 'i18next';
import type { RiskMatrixConfig } from '@konform/core';
import { localized } from '../catalogs/localized';
import type { MatrixIssue } from './matrix-model';

const KNOWN: [RegExp, 'duplicateId' | 'duplicateRank' | 'rowCount' | 'cellCount' | 'unknownLevel' | 'stepOrder'][] = [
  [/^Duplicate level/, 'duplicateId'],
  [/^Duplicate rank/, 'duplicateRank'],
  [/^One row per likelihood step/, 'rowCount'],
  [/^One cell per impact step/, 'cellCount'],
  [/^Unknown level/, 'unknownLevel'],
  [/^Steps are numbered/, 'stepOrder'],
];

/** An issue of the shared matrix schema in the UI language; a message the UI does not know is shown as it is. */
export function issueMessage(issue: MatrixIssue, t: TFunction): string {
  const known = KNOWN.find(([pattern]) => pattern.test(issue.message));
  if (known !== undefined) return t(`riskMatrix.issues.${known[1]}`);
  const last = issue.path.split('.').at(-1);
  if (last === 'color') return t('riskMatrix.issues.color');
  if (last === 'id' && issue.path.startsWith('levels.')) return t('riskMatrix.issues.id');
  if (issue.code === 'too_small' || /too small|>=1 characters/i.test(issue.message)) return t('riskMatrix.issues.tooSmall');
  if (issue.code === 'too_big' || /too big/i.test(issue.message)) return t('riskMatrix.issues.tooBig');
  return issue.message;
}

/** Where an issue is, in words: "Scale likelihood, step 3", "Level 2", "Cell likelihood high, impact low". */
export function issueLocation(issue: MatrixIssue, config: RiskMatrixConfig, t: TFunction, language: string): string {
  const [head, a, b] = issue.path.split('.');
  const index = Number(a);
  const step = (axis: 'likelihood' | 'impact', i: number) => {
    const s = config[axis][i];
    return s === undefined ? String(i + 1) : localized(s.label, language);
  };
  if ((head === 'likelihood' || head === 'impact') && a !== undefined) return t('riskMatrix.where.step', { axis: t(`riskMatrix.${head}Scale`), step: index + 1 });
  if (head === 'levels' && a !== undefined) {
    const level = config.levels[index];
    return t('riskMatrix.where.level', { index: index + 1, label: level === undefined ? '' : localized(level.label, language) });
  }
  if (head === 'cells' && a !== undefined && b !== undefined) return t('riskMatrix.where.cell', { likelihood: step('likelihood', index), impact: step('impact', Number(b)) });
  if (head === 'cells' && a !== undefined) return t('riskMatrix.where.row', { likelihood: step('likelihood', index) });
  if (head === 'cells') return t('riskMatrix.cells');
  if (head === 'reason') return t('riskMatrix.reason');
  return t('riskMatrix.title');
}

/** Issues by exact path, the first message per path, for the fields beside which they are shown. */
export function issuesByPath(issues: readonly MatrixIssue[], t: TFunction): Map<string, string> {
  const map = new Map<string, string>();
  for (const issue of issues) if (!map.has(issue.path)) map.set(issue.path, issueMessage(issue, t));
  return map;
}
