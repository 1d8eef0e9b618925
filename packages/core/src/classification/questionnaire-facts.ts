import { z } from 'zod';
import { ClassificationFacts } from './facts.js';

/**
 * The facts a questionnaire may set, read from the ClassificationFacts contract itself so the two cannot drift:
 * top-level keys, and `parent.child` for the keys of nested objects (e.g. `gpai.trainingComputeFlop`).
 */
export interface FactLeaf {
  path: string;
  /** The value schema with defaults and optionality removed. */
  schema: z.ZodType;
  /** For list facts: the schema of one element; values are added to the list. */
  element: z.ZodType | null;
  /** The value the contract assumes when the fact is absent (undefined when it has none). */
  defaultValue: unknown;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodDefault || current instanceof z.ZodOptional || current instanceof z.ZodNullable) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

function leaves(shape: Record<string, z.ZodType>, prefix: string): FactLeaf[] {
  return Object.entries(shape).flatMap(([key, wrapped]) => {
    const schema = unwrap(wrapped);
    const path = prefix + key;
    if (schema instanceof z.ZodObject) return leaves(schema.shape, `${path}.`);
    const element = schema instanceof z.ZodArray ? (schema.element as z.ZodType) : null;
    const parsed = wrapped.safeParse(undefined);
    return [{ path, schema, element, defaultValue: parsed.success ? parsed.data : undefined }];
  });
}

export const FACT_LEAVES: readonly FactLeaf[] = leaves(ClassificationFacts.shape, '');
const byPath = new Map(FACT_LEAVES.map((leaf) => [leaf.path, leaf]));
export const FACT_PATHS: readonly string[] = FACT_LEAVES.map((leaf) => leaf.path);

export function factLeaf(path: string): FactLeaf | undefined {
  return byPath.get(path);
}

/** Whether `value` may be stored at the fact (for list facts: added to it). */
export function acceptsValue(leaf: FactLeaf, value: unknown): boolean {
  return (leaf.element ?? leaf.schema).safeParse(value).success;
}

/** Sets (or for list facts, adds without duplicates) a value at a fact path in a plain facts object. */
export function putFact(facts: Record<string, unknown>, leaf: FactLeaf, value: unknown): void {
  const [head, tail] = leaf.path.split('.') as [string, string | undefined];
  let target = facts;
  let key = head;
  if (tail !== undefined) {
    const nested = facts[head];
    target = typeof nested === 'object' && nested !== null ? (nested as Record<string, unknown>) : {};
    facts[head] = target;
    key = tail;
  }
  if (leaf.element) {
    const list = Array.isArray(target[key]) ? (target[key] as unknown[]) : [];
    if (!list.includes(value)) list.push(value);
    target[key] = list;
  } else {
    target[key] = value;
  }
}
