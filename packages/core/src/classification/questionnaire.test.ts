import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ClassificationFacts } from './facts.js';
import { FACT_LEAVES, FACT_PATHS } from './questionnaire-facts.js';
import {
  Questionnaire,
  answersToFacts,
  validateAnswers,
  visibleQuestions,
  type AnswerValue,
  type Answers,
  type QuestionCondition,
  type QuestionnaireQuestion,
} from './questionnaire.js';

const catalogs = fileURLToPath(new URL('../../../../catalogs/', import.meta.url));
const raw: unknown = parse(readFileSync(`${catalogs}eu-ai-act/questionnaire.yaml`, 'utf8'));
const jsonSchema = JSON.parse(readFileSync(`${catalogs}schemas/questionnaire.schema.json`, 'utf8'));
const questionnaire = Questionnaire.parse(raw);

const questions = new Map<string, QuestionnaireQuestion>();
const sectionOf = new Map<string, QuestionCondition | undefined>();
for (const section of questionnaire.sections) {
  for (const q of section.questions) {
    questions.set(q.id, q);
    sectionOf.set(q.id, section.showIf);
  }
}

const AI_SYSTEM: Answers = { 'ai-machine-based': true, 'ai-infers-outputs': true, 'ai-autonomy': true };
const visibleIds = (answers: Answers) => visibleQuestions(questionnaire, answers).map((q) => q.id);
const facts = (answers: Answers) => ClassificationFacts.parse(answersToFacts(questionnaire, answers));

describe('questionnaire catalogue', () => {
  it('parses with the zod schema and the JSON Schema', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    const validate = ajv.compile(jsonSchema);
    expect(validate(raw), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(Questionnaire.safeParse(raw).success).toBe(true);
  });

  it('lists exactly the contract facts in the JSON Schema', () => {
    expect(jsonSchema.$defs.fact.enum).toEqual(FACT_PATHS);
  });

  it('has a German and English text, help and legal reference for every question', () => {
    for (const q of questions.values()) {
      expect(q.text.de && q.text.en && q.help.de && q.help.en && q.ref, q.id).toBeTruthy();
    }
  });
});

// ---- Reachability: every fact of the contract can be produced, found by search over the catalogue's own data. ----

type Target = { path: string; kind: 'includes' | 'equals' | 'present'; value?: unknown };

function targets(): Target[] {
  return FACT_LEAVES.flatMap((leaf): Target[] => {
    if (leaf.element) {
      if (!(leaf.element instanceof z.ZodEnum)) throw new Error(`List fact ${leaf.path} is not an enum list; extend this test`);
      return leaf.element.options.map((value) => ({ path: leaf.path, kind: 'includes', value }));
    }
    if (leaf.schema instanceof z.ZodEnum) return leaf.schema.options.map((value) => ({ path: leaf.path, kind: 'equals', value }));
    if (leaf.schema instanceof z.ZodBoolean) return [{ path: leaf.path, kind: 'equals', value: leaf.defaultValue !== true }];
    return [{ path: leaf.path, kind: 'present' }];
  });
}

function factValue(parsed: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), parsed);
}

function reached(target: Target, parsed: Record<string, unknown>): boolean {
  const value = factValue(parsed, target.path);
  if (target.kind === 'includes') return Array.isArray(value) && value.includes(target.value);
  if (target.kind === 'equals') return value === target.value;
  return value !== undefined;
}

/** Answers a question can take, for conditions that only need it answered. */
function samples(q: QuestionnaireQuestion): AnswerValue[] {
  const options = q.options?.map((o) => o.value) ?? [];
  switch (q.type) {
    case 'boolean':
      return [true, false];
    case 'single':
      return options;
    case 'multi':
      return options.map((o) => [o]);
    case 'number':
      return [Math.max(q.min ?? 0, 1e25)];
    case 'date':
      return ['2026-01-15'];
  }
}

function isSet(v: AnswerValue | undefined): boolean {
  return v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
}

/** Yields answer sets (extending `answers`) under which the condition holds, also making each answered question visible. */
function* satisfy(c: QuestionCondition, answers: Answers): Generator<Answers> {
  if ('all' in c) {
    const from = function* (i: number, a: Answers): Generator<Answers> {
      if (i === c.all.length) yield a;
      else for (const next of satisfy(c.all[i]!, a)) yield* from(i + 1, next);
    };
    yield* from(0, answers);
  } else if ('any' in c) {
    for (const alt of c.any) yield* satisfy(alt, answers);
  } else if ('not' in c) {
    yield* satisfyNot(c.not, answers);
  } else {
    const current = answers[c.answer];
    if ('equals' in c) {
      if (current === undefined) yield* assign(c.answer, c.equals, answers);
      else if (current === c.equals) yield answers;
    } else if ('includes' in c) {
      if (current === undefined) yield* assign(c.answer, [c.includes], answers);
      else if (Array.isArray(current)) yield current.includes(c.includes) ? answers : { ...answers, [c.answer]: [...current, c.includes] };
    } else if (isSet(current)) {
      yield answers;
    } else {
      for (const sample of samples(questions.get(c.answer)!)) yield* assign(c.answer, sample, answers);
    }
  }
}

function* satisfyNot(c: QuestionCondition, answers: Answers): Generator<Answers> {
  if ('all' in c) yield* satisfy({ any: c.all.map((x) => ({ not: x })) }, answers);
  else if ('any' in c) yield* satisfy({ all: c.any.map((x) => ({ not: x })) }, answers);
  else if ('not' in c) yield* satisfy(c.not, answers);
  else {
    // Leaving a question unanswered makes equals/includes/answered false; an existing answer must not match.
    const current = answers[c.answer];
    const holds = 'equals' in c ? current === c.equals : 'includes' in c ? Array.isArray(current) && current.includes(c.includes) : isSet(current);
    if (!holds) yield answers;
  }
}

/** Sets an answer and makes its question visible. */
function* assign(id: string, value: AnswerValue, answers: Answers): Generator<Answers> {
  yield* makeVisible(id, { ...answers, [id]: value });
}

function* makeVisible(id: string, answers: Answers): Generator<Answers> {
  const conditions = [sectionOf.get(id), questions.get(id)!.showIf].filter((c): c is QuestionCondition => c !== undefined);
  yield* conditions.length ? satisfy({ all: conditions }, answers) : [answers];
}

/** Answers to one question that would make a mapping produce the target. */
function seeds(q: QuestionnaireQuestion, target: Target): AnswerValue[] {
  const result: AnswerValue[] = [];
  for (const m of q.maps) {
    if (m.fact !== target.path) continue;
    if ('fromAnswer' in m) {
      if (target.kind === 'present') result.push(...samples(q));
      else if (q.type === 'multi') result.push([target.value as string]);
      else if (q.type === 'boolean' || q.options?.some((o) => o.value === target.value)) result.push(target.value as AnswerValue);
      continue;
    }
    const produced = 'set' in m ? m.set : m.add;
    if (target.kind !== 'present' && produced !== target.value) continue;
    if (m.when === undefined) result.push(...samples(q));
    else result.push(q.type === 'multi' ? [m.when as string] : m.when);
  }
  return result;
}

function findAnswers(target: Target): Answers | null {
  for (const q of questions.values()) {
    for (const seed of seeds(q, target)) {
      for (const answers of makeVisible(q.id, { [q.id]: seed })) {
        if (validateAnswers(questionnaire, answers).length) continue;
        if (!visibleIds(answers).includes(q.id)) continue;
        const parsed = ClassificationFacts.safeParse(answersToFacts(questionnaire, answers));
        if (parsed.success && reached(target, parsed.data)) return answers;
      }
    }
  }
  return null;
}

describe('every fact of the contract can be reached', () => {
  const all = targets();

  it('covers every key of ClassificationFacts', () => {
    const top = new Set(all.map((t) => t.path.split('.')[0]));
    expect([...top].sort()).toEqual(Object.keys(ClassificationFacts.shape).sort());
  });

  it.each(all.map((t) => [`${t.path} ${t.kind} ${t.value === undefined ? '' : JSON.stringify(t.value)}`, t] as const))('%s', (_name, target) => {
    const answers = findAnswers(target);
    expect(answers, 'no sequence of answers produces this fact').not.toBeNull();
  });
});

// ---- Visibility and facts ----

describe('showIf', () => {
  it('asks only the AI-system questions until all three are answered yes, and then nothing else counts', () => {
    expect(visibleIds({})).toEqual(['ai-machine-based', 'ai-infers-outputs', 'ai-autonomy']);
    const answers: Answers = { ...AI_SYSTEM, 'ai-autonomy': false, roles: ['provider'], 'prohibited-manipulation': true };
    expect(visibleIds(answers)).toHaveLength(3);
    expect(answersToFacts(questionnaire, answers)).toEqual({ isAiSystem: false });
    expect(facts(AI_SYSTEM).isAiSystem).toBe(true);
  });

  it('shows Annex III points only when the area is answered yes', () => {
    expect(visibleIds(AI_SYSTEM)).not.toContain('annex-iii-6-points');
    expect(visibleIds({ ...AI_SYSTEM, 'annex-iii-6': false })).not.toContain('annex-iii-6-points');
    expect(visibleIds({ ...AI_SYSTEM, 'annex-iii-6': true })).toContain('annex-iii-6-points');
    expect(facts({ ...AI_SYSTEM, 'annex-iii-6': false, 'annex-iii-6-points': ['6.a'] }).annexIII).toEqual([]);
    expect(facts({ ...AI_SYSTEM, 'annex-iii-6': true, 'annex-iii-6-points': ['6.a', '6.e'] }).annexIII).toEqual(['6.a', '6.e']);
  });

  it('shows the Art. 6(3) derogation only when some Annex III point applies', () => {
    const derogation = ['derogation-narrow-task', 'profiling'];
    expect(visibleIds(AI_SYSTEM)).not.toEqual(expect.arrayContaining(derogation.slice(0, 1)));
    expect(visibleIds({ ...AI_SYSTEM, 'annex-iii-4': true, 'annex-iii-4-points': [] })).not.toContain('profiling');
    expect(visibleIds({ ...AI_SYSTEM, 'annex-iii-4': true, 'annex-iii-4-points': ['4.a'] })).toEqual(expect.arrayContaining(derogation));
    expect(visibleIds({ ...AI_SYSTEM, 'annex-iii-2': true })).toEqual(expect.arrayContaining(derogation));
    const leaked = facts({ ...AI_SYSTEM, 'derogation-narrow-task': true, profiling: true });
    expect([leaked.derogation, leaked.profiling]).toEqual([[], false]);
  });

  it('asks deployer questions only with the deployer role and Art. 25 only without the provider role', () => {
    const deployerOnly = ['deployer-public-authority', 'deployer-employer'];
    expect(visibleIds({ ...AI_SYSTEM, roles: ['provider'] })).not.toContain('deployer-public-authority');
    expect(visibleIds({ ...AI_SYSTEM, roles: ['deployer'] })).toEqual(expect.arrayContaining([...deployerOnly, 'art25-own-name']));
    expect(visibleIds({ ...AI_SYSTEM, roles: ['provider', 'deployer'] })).not.toContain('art25-own-name');
    expect(visibleIds({ ...AI_SYSTEM, roles: [] })).not.toContain('art25-own-name');
    expect(visibleIds({ ...AI_SYSTEM, roles: ['deployer'], 'deployer-public-authority': true })).not.toContain('deployer-public-service');
    const leaked = facts({ ...AI_SYSTEM, roles: ['provider'], 'deployer-public-authority': true, 'art25-own-name': true });
    expect([leaked.deployer, leaked.art25]).toEqual([undefined, undefined]);
  });

  it('asks about the exception grounds only for real-time RBI, and about authorisation only for a valid ground', () => {
    expect(visibleIds(AI_SYSTEM)).not.toContain('rbi-exception-ground');
    const rbi: Answers = { ...AI_SYSTEM, 'prohibited-realtime-rbi': true, 'rbi-exception-ground': 'none', 'rbi-exception-authorised': true };
    expect(visibleIds(rbi)).not.toContain('rbi-exception-authorised');
    expect(facts(rbi).rbiException).toBeUndefined();
    const f = facts({ ...rbi, 'rbi-exception-ground': 'suspect' });
    expect([f.prohibitedPractices, f.rbiException]).toEqual([['5.1.h'], { ground: 'suspect', authorised: true }]);
  });

  it('keeps GPAI and voluntary application behind the provider role and the Art. 2(3) exclusion', () => {
    expect(visibleIds({ ...AI_SYSTEM, roles: ['deployer'] })).not.toContain('gpai-model');
    expect(visibleIds({ ...AI_SYSTEM, roles: ['provider'], 'gpai-model': false })).not.toContain('gpai-training-compute');
    const gpai = facts({ ...AI_SYSTEM, roles: ['provider'], 'gpai-model': true, 'gpai-training-compute': 3e25, 'gpai-open-source': true });
    expect(gpai.gpai).toEqual({ isGpaiModel: true, trainingComputeFlop: 3e25, systemicRiskDesignated: false, openSource: true });
    expect(facts({ ...AI_SYSTEM, 'scope-voluntary-application': true }).voluntaryApplication).toBe(false);
    const excluded = facts({ ...AI_SYSTEM, 'scope-national-security': true, 'scope-voluntary-application': true });
    expect([excluded.exclusions, excluded.voluntaryApplication]).toEqual([['military-defence-national-security'], true]);
  });

  it('produces facts that parse for a full walk-through', () => {
    const answers: Answers = {
      ...AI_SYSTEM,
      roles: ['provider', 'deployer'],
      'annex-iii-6': true,
      'annex-iii-6-points': ['6.c'],
      'derogation-preparatory-task': true,
      profiling: false,
      'transparency-interaction': true,
      'crime-detection-authorised': true,
      'deployer-public-authority': true,
      'deployer-employer': true,
      'law-enforcement-migration-context': true,
      'harmonised-standards': 'partial',
      'placed-on-market-at': '2026-03-01',
    };
    expect(validateAnswers(questionnaire, answers)).toEqual([]);
    expect(answersToFacts(questionnaire, answers)).toEqual({
      roles: ['provider', 'deployer'],
      annexIII: ['6.c'],
      derogation: ['6.3.d'],
      profiling: false,
      transparency: ['50.1'],
      authorisedByLawForCrimeDetection: true,
      deployer: { publicAuthority: true, employer: true },
      lawEnforcementOrMigrationContext: true,
      harmonisedStandards: 'partial',
      placedOnMarketAt: '2026-03-01',
    });
  });
});

describe('validateAnswers', () => {
  it('accepts valid and unanswered values', () => {
    expect(validateAnswers(questionnaire, { ...AI_SYSTEM, roles: ['deployer'], 'placed-on-market-at': null })).toEqual([]);
  });

  it('reports unknown ids, wrong types, values outside the options and out-of-range numbers', () => {
    const issues = validateAnswers(questionnaire, {
      'no-such-question': true,
      'ai-autonomy': 'yes',
      roles: ['provider', 'owner', 'provider'],
      'rbi-exception-ground': 'curiosity',
      'harmonised-standards': ['full'],
      'gpai-training-compute': -1,
      'placed-on-market-at': '2026-13-01',
      'annex-iii-1-points': 'x',
    });
    expect(issues.map((i) => i.path)).toEqual([
      'no-such-question',
      'ai-autonomy',
      'roles[1]',
      'roles[2]',
      'rbi-exception-ground',
      'harmonised-standards',
      'gpai-training-compute',
      'placed-on-market-at',
      'annex-iii-1-points',
    ]);
    expect(issues.every((i) => i.message.length > 0)).toBe(true);
  });

  it('ignores invalid answers when deriving facts', () => {
    expect(answersToFacts(questionnaire, { ...AI_SYSTEM, roles: ['owner'] as string[], 'prohibited-manipulation': 'yes' })).toEqual({});
  });
});

describe('Questionnaire schema checks', () => {
  const base = (question: Record<string, unknown>, extra: Record<string, unknown>[] = []) => ({
    id: 'q',
    version: '1',
    title: { de: 'T', en: 'T' },
    sections: [
      {
        id: 's',
        title: { de: 'S', en: 'S' },
        questions: [
          { id: 'first', type: 'boolean', text: { de: 'a', en: 'a' }, help: { de: 'h', en: 'h' }, ref: 'Art. 1' },
          { type: 'boolean', text: { de: 'b', en: 'b' }, help: { de: 'h', en: 'h' }, ref: 'Art. 2', ...question },
          ...extra,
        ],
      },
    ],
  });
  const messages = (data: unknown) => {
    const r = Questionnaire.safeParse(data);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };

  it('accepts a minimal questionnaire', () => {
    expect(messages(base({ id: 'second', showIf: { answer: 'first', equals: true }, maps: [{ fact: 'profiling', fromAnswer: true }] }))).toEqual([]);
  });

  it('refuses conditions on later or unknown questions and values that cannot occur', () => {
    expect(messages(base({ id: 'second', showIf: { answer: 'third', equals: true } }))).toEqual([expect.stringContaining('not an earlier question')]);
    expect(messages(base({ id: 'second', showIf: { answer: 'first', equals: 'maybe' } }))).toEqual([expect.stringContaining('Cannot equal')]);
    expect(messages(base({ id: 'first' }))).toEqual([expect.stringContaining('Duplicate question id')]);
  });

  it('refuses mappings that do not fit the facts contract', () => {
    expect(messages(base({ id: 'second', maps: [{ fact: 'nope', fromAnswer: true }] }))).toEqual(['Unknown fact nope']);
    expect(messages(base({ id: 'second', maps: [{ fact: 'annexIII', add: '9.z', when: true }] }))).toEqual([expect.stringContaining('does not accept')]);
    expect(messages(base({ id: 'second', maps: [{ fact: 'exclusions', add: 'open-source' }] }))).toEqual([expect.stringContaining('needs `when`')]);
    expect(messages(base({ id: 'second', maps: [{ fact: 'placedOnMarketAt', fromAnswer: true }] }))).toEqual([expect.stringContaining('does not accept')]);
    expect(messages(base({ id: 'second', type: 'single', maps: [] }))).toEqual(['A choice question needs options']);
  });
});
