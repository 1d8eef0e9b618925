import { z } from 'zod';

/**
 * A small declarative condition over a system's applicability context (classification result, facts and
 * system attributes), addressed by dotted paths such as `result.riskClass`, `result.effectiveRoles`,
 * `facts.deployer.publicAuthority`, `system.lifecycleStage`. Evaluated by a pure function, never eval.
 */
export type ApplicabilityCondition =
  | { all: ApplicabilityCondition[] }
  | { any: ApplicabilityCondition[] }
  | { not: ApplicabilityCondition }
  | { path: string; equals: string | number | boolean | null }
  | { path: string; in: (string | number)[] }
  | { path: string; includes: string }
  | { path: string; includesAny: string[] }
  | { path: string; before: string }
  | { path: string; onOrAfter: string }
  | { always: true };

const Path = z.string().regex(/^(result|facts|system)(\.[A-Za-z0-9_]+)+$/, 'A path starts with result., facts. or system.');

export const ApplicabilityCondition: z.ZodType<ApplicabilityCondition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(ApplicabilityCondition).min(1) }),
    z.strictObject({ any: z.array(ApplicabilityCondition).min(1) }),
    z.strictObject({ not: ApplicabilityCondition }),
    z.strictObject({ path: Path, equals: z.union([z.string(), z.number(), z.boolean(), z.null()]) }),
    z.strictObject({ path: Path, in: z.array(z.union([z.string(), z.number()])).min(1) }),
    z.strictObject({ path: Path, includes: z.string() }),
    z.strictObject({ path: Path, includesAny: z.array(z.string()).min(1) }),
    z.strictObject({ path: Path, before: z.iso.date() }),
    z.strictObject({ path: Path, onOrAfter: z.iso.date() }),
    z.strictObject({ always: z.literal(true) }),
  ]),
);

export interface ConditionContext {
  result: Record<string, unknown>;
  facts: Record<string, unknown>;
  system: Record<string, unknown>;
}

function read(ctx: ConditionContext, path: string): unknown {
  let cursor: unknown = ctx;
  for (const key of path.split('.')) {
    if (cursor === null || typeof cursor !== 'object') return undefined;
    cursor = (cursor as Record<string, unknown>)[key];
  }
  return cursor;
}

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export interface ConditionOutcome {
  applies: boolean;
  /** The leaves that decided the outcome, as readable statements, e.g. `result.riskClass = high`. */
  why: string[];
}

/** Evaluates a condition and explains which parts decided it. */
export function evaluateApplicability(condition: ApplicabilityCondition, ctx: ConditionContext): ConditionOutcome {
  if ('always' in condition) return { applies: true, why: ['always'] };
  if ('all' in condition) {
    const parts = condition.all.map((c) => evaluateApplicability(c, ctx));
    const failed = parts.filter((p) => !p.applies);
    return failed.length === 0 ? { applies: true, why: parts.flatMap((p) => p.why) } : { applies: false, why: failed.flatMap((p) => p.why) };
  }
  if ('any' in condition) {
    const parts = condition.any.map((c) => evaluateApplicability(c, ctx));
    const matched = parts.filter((p) => p.applies);
    return matched.length > 0 ? { applies: true, why: matched.flatMap((p) => p.why) } : { applies: false, why: parts.flatMap((p) => p.why) };
  }
  if ('not' in condition) {
    const inner = evaluateApplicability(condition.not, ctx);
    return { applies: !inner.applies, why: inner.why.map((w) => `not (${w})`) };
  }
  const value = read(ctx, condition.path);
  if ('equals' in condition) {
    const ok = (value ?? null) === condition.equals || (condition.equals === false && value === undefined);
    return { applies: ok, why: [`${condition.path} ${ok ? '=' : '≠'} ${show(condition.equals)}`] };
  }
  if ('in' in condition) {
    const ok = condition.in.includes(value as string | number);
    return { applies: ok, why: [`${condition.path} ${ok ? '∈' : '∉'} {${condition.in.map(show).join(', ')}}`] };
  }
  if ('before' in condition || 'onOrAfter' in condition) {
    // ISO dates compare as strings; a missing date matches neither side.
    const date = typeof value === 'string' ? value.slice(0, 10) : undefined;
    const [op, bound, holds] = 'before' in condition ? ['<', condition.before, date !== undefined && date < condition.before] : ['≥', condition.onOrAfter, date !== undefined && date >= condition.onOrAfter];
    return { applies: holds, why: [`${condition.path} ${holds ? op : `not ${op}`} ${bound}`] };
  }
  const list = Array.isArray(value) ? (value as unknown[]) : [];
  if ('includes' in condition) {
    const ok = list.includes(condition.includes);
    return { applies: ok, why: [`${condition.path} ${ok ? '∋' : '∌'} ${condition.includes}`] };
  }
  const hit = condition.includesAny.filter((v) => list.includes(v));
  return { applies: hit.length > 0, why: [`${condition.path} ${hit.length > 0 ? '∋' : '∌'} ${hit.length > 0 ? hit.join(', ') : condition.includesAny.join(' | ')}`] };
}
