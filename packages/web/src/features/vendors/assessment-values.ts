import type { TFunction } from 'i18next';
import type { AssessmentResult, VendorAssessment, VendorAssessmentCreate, VendorAssessmentUpdate } from '@konform/core';
import { isApiError } from '../../api/client';

export type AnswerValue = '' | 'yes' | 'partly' | 'no' | 'n-a';

export interface FindingValues {
  id?: string;
  title: string;
  description: string;
  systemId: string;
  /** Set once the finding became a risk: then it stays, with its system. */
  riskId: string | null;
}

export interface AssessmentValues {
  assessedOn: string;
  assessor: string;
  answers: Record<string, { answer: AnswerValue; comment: string }>;
  result: AssessmentResult | '';
  conditions: string;
  findings: FindingValues[];
  nextReview: string;
  notes: string;
}

export const emptyFinding = (): FindingValues => ({ title: '', description: '', systemId: '', riskId: null });

export function emptyAssessmentValues(today: string): AssessmentValues {
  return { assessedOn: today, assessor: '', answers: {}, result: '', conditions: '', findings: [], nextReview: '', notes: '' };
}

export function assessmentValues(a: VendorAssessment): AssessmentValues {
  return {
    assessedOn: a.assessedOn,
    assessor: a.assessor,
    answers: Object.fromEntries(a.answers.map((x) => [x.questionId, { answer: x.answer, comment: x.comment }])),
    result: a.result,
    conditions: a.conditions,
    findings: a.findings.map((f) => ({ id: f.id, title: f.title, description: f.description, systemId: f.systemId ?? '', riskId: f.riskId })),
    nextReview: a.nextReview ?? '',
    notes: a.notes,
  };
}

/** The request body; answers in the questionnaire's order, unanswered questions left out. */
export function assessmentPayload(values: AssessmentValues, questionIds: readonly string[]): VendorAssessmentCreate {
  return {
    assessedOn: values.assessedOn,
    assessor: values.assessor,
    answers: questionIds.flatMap((id) => {
      const a = values.answers[id];
      return a && a.answer !== '' ? [{ questionId: id, answer: a.answer, comment: a.comment }] : [];
    }),
    // An empty result fails the server's validation beside the field.
    result: values.result as AssessmentResult,
    conditions: values.conditions,
    findings: values.findings.map((f) => ({ ...(f.id ? { id: f.id } : {}), title: f.title, description: f.description, systemId: f.systemId === '' ? null : f.systemId })),
    nextReview: values.nextReview === '' ? null : values.nextReview,
    notes: values.notes,
  };
}

export function assessmentUpdate(values: AssessmentValues, questionIds: readonly string[], version: number): VendorAssessmentUpdate {
  return { ...assessmentPayload(values, questionIds), version };
}

/** The server's field errors by full path, in the user's language. */
export function assessmentFieldErrors(error: unknown, t: TFunction): Record<string, string> {
  if (!isApiError(error) || error.status !== 400) return {};
  const result: Record<string, string> = {};
  for (const { path } of error.problem.errors ?? []) {
    const leaf = path.split('.').at(-1) ?? path;
    result[path] =
      leaf === 'conditions' ? t('vendors.assessments.errors.conditions')
      : leaf === 'nextReview' ? t('vendors.assessments.errors.nextReview')
      : leaf === 'systemId' ? t('vendors.assessments.errors.systemId')
      : leaf === 'assessor' || leaf === 'title' || leaf === 'assessedOn' || leaf === 'result' ? t('common.required')
      : t('errors.invalid');
  }
  return result;
}
