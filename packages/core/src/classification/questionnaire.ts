import { z } from 'zod';
import type { ClassificationFactsInput } from './facts.js';
import { acceptsValue, factLeaf, putFact } from './questionnaire-facts.js';

/**
 * The guided classification questionnaire (catalogs/eu-ai-act/questionnaire.yaml): questions, when they are shown
 * and which facts their answers set are data; the functions here only interpret that data. Pure, no I/O.
 */

const Text = z.strictObject({ de: z.string().min(1), en: z.string().min(1) });
const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/);
const Scalar = z.union([z.boolean(), z.string(), z.number()]);
const IsoDate = z.iso.date();

export const QUESTION_TYPES = ['boolean', 'single', 'multi', 'number', 'date'] as const;

/** A condition over earlier answers; evaluated by `evaluateCondition`, never by eval. */
export type QuestionCondition =
  | { answer: string; equals: boolean | string | number }
  | { answer: string; includes: string }
  | { answer: string; answered: true }
  | { any: QuestionCondition[] }
  | { all: QuestionCondition[] }
  | { not: QuestionCondition };

export const QuestionCondition: z.ZodType<QuestionCondition> = z.lazy(() =>
  z.union([
    z.strictObject({ answer: Id, equals: Scalar }),
    z.strictObject({ answer: Id, includes: z.string() }),
    z.strictObject({ answer: Id, answered: z.literal(true) }),
    z.strictObject({ any: z.array(QuestionCondition).min(1) }),
    z.strictObject({ all: z.array(QuestionCondition).min(1) }),
    z.strictObject({ not: QuestionCondition }),
  ]),
);

/**
 * How an answer sets a fact (`fact` is a ClassificationFacts key, nested ones as `gpai.openSource`):
 * `set` stores a value, `add` adds one to a list fact — both only when the answer equals `when` (for multi
 * questions: includes it), or whenever answered without `when`; `fromAnswer` stores the answer itself
 * (for list facts: adds the chosen option or options).
 */
export const FactMapping = z.union([
  z.strictObject({ fact: z.string(), set: Scalar, when: Scalar.optional() }),
  z.strictObject({ fact: z.string(), add: z.string(), when: Scalar.optional() }),
  z.strictObject({ fact: z.string(), fromAnswer: z.literal(true) }),
]);
export type FactMapping = z.infer<typeof FactMapping>;

export const QuestionOption = z.strictObject({ value: z.string().min(1), label: Text });

export const QuestionnaireQuestion = z.strictObject({
  id: Id,
  type: z.enum(QUESTION_TYPES),
  text: Text,
  help: Text,
  ref: z.string().min(1),
  options: z.array(QuestionOption).min(2).optional(),
  /** For number questions: the smallest and largest accepted value. */
  min: z.number().optional(),
  max: z.number().optional(),
  showIf: QuestionCondition.optional(),
  maps: z.array(FactMapping).default([]),
});
export type QuestionnaireQuestion = z.infer<typeof QuestionnaireQuestion>;

export const QuestionnaireSection = z.strictObject({
  id: Id,
  title: Text,
  /** Shown only when this holds; may refer to questions of earlier sections only. */
  showIf: QuestionCondition.optional(),
  questions: z.array(QuestionnaireQuestion).min(1),
});
export type QuestionnaireSection = z.infer<typeof QuestionnaireSection>;

export type AnswerValue = boolean | string | string[] | number | null;
/** Question id → answer; null or a missing key means "not answered". */
export type Answers = Record<string, AnswerValue>;
export interface AnswerIssue {
  /** The question id, with `[i]` for one element of a multiple choice. */
  path: string;
  message: string;
}

/** Why a value is not a valid answer to the question, or null when it is. */
export function answerProblem(question: QuestionnaireQuestion, value: unknown): string | null {
  const options = question.options?.map((o) => o.value) ?? [];
  switch (question.type) {
    case 'boolean':
      return typeof value === 'boolean' ? null : 'Expected yes or no (boolean)';
    case 'single':
      if (typeof value !== 'string') return 'Expected one option (string)';
      return options.includes(value) ? null : `"${value}" is not an option (${options.join(', ')})`;
    case 'multi': {
      if (!Array.isArray(value)) return 'Expected a list of options';
      const bad = (value as unknown[]).find((v) => typeof v !== 'string' || !options.includes(v));
      if (bad !== undefined) return `${JSON.stringify(bad)} is not an option (${options.join(', ')})`;
      return new Set(value).size === value.length ? null : 'Options may be chosen once only';
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'Expected a finite number';
      if (question.min !== undefined && value < question.min) return `Must be at least ${question.min}`;
      if (question.max !== undefined && value > question.max) return `Must be at most ${question.max}`;
      return null;
    case 'date':
      return IsoDate.safeParse(value).success ? null : 'Expected a date (YYYY-MM-DD)';
  }
}

type Path = (string | number)[];
type Issue = { path: Path; message: string };

function conditionIssues(
  condition: QuestionCondition,
  earlier: Map<string, QuestionnaireQuestion>,
  path: Path,
  issues: Issue[],
): void {
  if ('any' in condition || 'all' in condition) {
    const list = 'any' in condition ? condition.any : condition.all;
    list.forEach((c, i) => conditionIssues(c, earlier, [...path, 'any' in condition ? 'any' : 'all', i], issues));
    return;
  }
  if ('not' in condition) return conditionIssues(condition.not, earlier, [...path, 'not'], issues);
  const question = earlier.get(condition.answer);
  if (!question) {
    issues.push({ path: [...path, 'answer'], message: `Condition refers to ${condition.answer}, which is not an earlier question` });
    return;
  }
  if ('equals' in condition) {
    const problem = question.type === 'multi' ? 'use includes for multiple choice' : answerProblem(question, condition.equals);
    if (problem) issues.push({ path: [...path, 'equals'], message: `Cannot equal ${JSON.stringify(condition.equals)}: ${problem}` });
  }
  if ('includes' in condition && (question.type !== 'multi' || answerProblem(question, [condition.includes]))) {
    issues.push({ path: [...path, 'includes'], message: `${question.id} is not a multiple choice with option ${condition.includes}` });
  }
}

function whenProblem(question: QuestionnaireQuestion, when: unknown): string | null {
  if (when === undefined) return question.type === 'boolean' ? 'A yes/no question needs `when`' : null;
  if (question.type === 'multi') return answerProblem(question, [when]);
  return answerProblem(question, when);
}

/** Sample answers covering what a question can produce, to check mappings against the facts contract. */
function possibleValues(question: QuestionnaireQuestion): unknown[] {
  switch (question.type) {
    case 'boolean':
      return [true, false];
    case 'single':
    case 'multi':
      return question.options?.map((o) => o.value) ?? [];
    case 'number':
      return [question.min ?? 0];
    case 'date':
      return ['2024-08-01'];
  }
}

function mappingIssues(question: QuestionnaireQuestion, mapping: FactMapping, path: Path, issues: Issue[]): void {
  const leaf = factLeaf(mapping.fact);
  if (!leaf) {
    issues.push({ path: [...path, 'fact'], message: `Unknown fact ${mapping.fact}` });
    return;
  }
  if ('fromAnswer' in mapping) {
    if (question.type === 'multi' && !leaf.element) issues.push({ path, message: `A multiple choice can only fill a list fact, not ${leaf.path}` });
    const bad = possibleValues(question).filter((v) => !acceptsValue(leaf, v));
    if (bad.length) issues.push({ path, message: `Fact ${leaf.path} does not accept the answer value(s) ${JSON.stringify(bad)}` });
    return;
  }
  const problem = whenProblem(question, mapping.when);
  if (problem) issues.push({ path: [...path, 'when'], message: problem });
  const value = 'set' in mapping ? mapping.set : mapping.add;
  if ('set' in mapping && leaf.element) issues.push({ path: [...path, 'set'], message: `${leaf.path} is a list: use add` });
  if ('add' in mapping && !leaf.element) issues.push({ path: [...path, 'add'], message: `${leaf.path} is not a list: use set` });
  if (!acceptsValue(leaf, value)) issues.push({ path, message: `Fact ${leaf.path} does not accept ${JSON.stringify(value)}` });
}

function checkQuestionnaire(sections: QuestionnaireSection[], issues: Issue[]): void {
  const earlier = new Map<string, QuestionnaireQuestion>();
  const sectionIds = new Set<string>();
  sections.forEach((section, s) => {
    if (sectionIds.has(section.id)) issues.push({ path: ['sections', s, 'id'], message: `Duplicate section id ${section.id}` });
    sectionIds.add(section.id);
    if (section.showIf) conditionIssues(section.showIf, new Map(earlier), ['sections', s, 'showIf'], issues);
    section.questions.forEach((question, q) => {
      const path: Path = ['sections', s, 'questions', q];
      if (earlier.has(question.id)) issues.push({ path: [...path, 'id'], message: `Duplicate question id ${question.id}` });
      const choice = question.type === 'single' || question.type === 'multi';
      if (choice !== Boolean(question.options)) {
        issues.push({ path: [...path, 'options'], message: choice ? 'A choice question needs options' : 'Only choice questions have options' });
      }
      const values = question.options?.map((o) => o.value) ?? [];
      if (new Set(values).size !== values.length) issues.push({ path: [...path, 'options'], message: 'Option values must be unique' });
      if (question.showIf) conditionIssues(question.showIf, earlier, [...path, 'showIf'], issues);
      question.maps.forEach((m, i) => mappingIssues(question, m, [...path, 'maps', i], issues));
      earlier.set(question.id, question);
    });
  });
}

export const Questionnaire = z
  .strictObject({
    id: z.string().min(1),
    version: z.string().min(1),
    title: Text,
    sections: z.array(QuestionnaireSection).min(1),
  })
  .superRefine((questionnaire, ctx) => {
    const issues: Issue[] = [];
    checkQuestionnaire(questionnaire.sections, issues);
    for (const issue of issues) ctx.addIssue({ code: 'custom', ...issue });
  });
export type Questionnaire = z.infer<typeof Questionnaire>;

function isAnswered(value: AnswerValue | undefined): value is Exclude<AnswerValue, null> {
  return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
}

function matches(value: AnswerValue | undefined, expected: boolean | string | number): boolean {
  return Array.isArray(value) ? value.includes(expected as string) : value === expected;
}

/** Evaluates a condition over answers (a missing answer never equals or includes anything). */
export function evaluateCondition(condition: QuestionCondition, answers: Answers): boolean {
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, answers));
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, answers));
  if ('not' in condition) return !evaluateCondition(condition.not, answers);
  const value = answers[condition.answer];
  if ('answered' in condition) return isAnswered(value);
  if ('includes' in condition) return Array.isArray(value) && value.includes(condition.includes);
  return !Array.isArray(value) && value === condition.equals;
}

/** Walks the questionnaire in order; only valid answers to questions shown so far count for later conditions. */
function walk(questionnaire: Questionnaire, answers: Answers): { questions: QuestionnaireQuestion[]; effective: Answers } {
  const effective: Answers = {};
  const questions: QuestionnaireQuestion[] = [];
  for (const section of questionnaire.sections) {
    if (section.showIf && !evaluateCondition(section.showIf, effective)) continue;
    for (const question of section.questions) {
      if (question.showIf && !evaluateCondition(question.showIf, effective)) continue;
      questions.push(question);
      const value = answers[question.id];
      if (isAnswered(value) && answerProblem(question, value) === null) effective[question.id] = value;
    }
  }
  return { questions, effective };
}

/** The questions to show for the answers so far, in order. */
export function visibleQuestions(questionnaire: Questionnaire, answers: Answers): QuestionnaireQuestion[] {
  return walk(questionnaire, answers).questions;
}

/**
 * The classification facts the answers establish. Only valid answers to visible questions count, so an answer
 * left behind on a question that is no longer shown cannot leak into the facts. Parses with ClassificationFacts.
 */
export function answersToFacts(questionnaire: Questionnaire, answers: Answers): ClassificationFactsInput {
  const { questions, effective } = walk(questionnaire, answers);
  const facts: Record<string, unknown> = {};
  for (const question of questions) {
    const value = effective[question.id];
    if (value === undefined || value === null) continue;
    for (const mapping of question.maps) {
      const leaf = factLeaf(mapping.fact);
      if (!leaf) continue;
      if ('fromAnswer' in mapping) {
        const values = leaf.element && Array.isArray(value) ? value : [value];
        for (const v of values) if (acceptsValue(leaf, v)) putFact(facts, leaf, v);
      } else if (mapping.when === undefined || matches(value, mapping.when)) {
        const v = 'set' in mapping ? mapping.set : mapping.add;
        if (acceptsValue(leaf, v)) putFact(facts, leaf, v);
      }
    }
  }
  return facts;
}

/** Problems with a set of answers: unknown question ids, wrong types, values that are not among the options. */
export function validateAnswers(questionnaire: Questionnaire, answers: Answers): AnswerIssue[] {
  const questions = new Map(questionnaire.sections.flatMap((s) => s.questions.map((q) => [q.id, q] as const)));
  const issues: AnswerIssue[] = [];
  const entries: [string, unknown][] = Object.entries(answers);
  for (const [id, value] of entries) {
    const question = questions.get(id);
    if (!question) {
      issues.push({ path: id, message: `Unknown question ${id}` });
      continue;
    }
    if (value === null || value === undefined) continue;
    if (question.type === 'multi' && Array.isArray(value)) {
      const seen = new Set<unknown>();
      value.forEach((v: unknown, i) => {
        const problem = answerProblem(question, [v]) ?? (seen.has(v) ? 'Chosen more than once' : null);
        if (problem) issues.push({ path: `${id}[${i}]`, message: problem });
        seen.add(v);
      });
      continue;
    }
    const problem = answerProblem(question, value);
    if (problem) issues.push({ path: id, message: problem });
  }
  return issues;
}
