import { SaxesParser } from 'saxes';
import type { MetricReport } from '@konform/core';
import { failed, numberFrom, type ImportOutcome, type ImportProblem, type ImportedRun } from './imported.js';

/** An element of the parsed document with the line it ends its start tag on. */
interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
}

const MAX_ELEMENTS = 200_000;
const MAX_DEPTH = 64;

/**
 * A strict, non-validating parse into a small tree. A document type declaration is refused outright, so no entity
 * can be declared (no XXE, no entity expansion); saxes itself knows only the five predefined entities and character
 * references, and fails on anything that is not well-formed, with line and column.
 */
export function parseXml(text: string): ImportOutcome<XmlElement> {
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let count = 0;
  const stop = (message: string) => {
    throw new XmlStop(`line ${parser.line}: ${message}`);
  };
  parser.on('doctype', () => stop('A document type declaration (DOCTYPE) is not accepted'));
  parser.on('opentag', (tag) => {
    if (++count > MAX_ELEMENTS) stop(`More than ${MAX_ELEMENTS} elements`);
    if (stack.length >= MAX_DEPTH) stop(`Elements nested deeper than ${MAX_DEPTH}`);
    const element: XmlElement = { name: tag.name, attributes: { ...(tag.attributes as Record<string, string>) }, children: [], text: '', line: parser.line };
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('closetag', () => void stack.pop());
  const addText = (t: string) => {
    const current = stack.at(-1);
    if (current && current.text.length < 100_000) current.text += t;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  try {
    parser.write(text.replace(/^\uFEFF/, '')).close();
  } catch (error) {
    if (error instanceof XmlStop) return failed('body', error.message);
    // saxes reports `line:column: message` with a zero-based column.
    const message = error instanceof Error ? error.message : String(error);
    const m = /^(\d+):(\d+): (.*)$/s.exec(message);
    return failed('body', m ? `Not well-formed XML: line ${m[1]}, column ${Number(m[2]) + 1}: ${m[3]}` : `Not well-formed XML: ${message}`);
  }
  if (root === null) return failed('body', 'Not well-formed XML: no root element');
  return { ok: true, value: root };
}

class XmlStop extends Error {}

/** Property name suffixes that carry the uncertainty, sample size and unit of the metric before them. */
const COMPANIONS = { '.stderr': 'stdError', '.ci_lower': 'ciLower', '.ci_upper': 'ciUpper', '.n': 'sampleSize', '.unit': 'unit' } as const;
type Companion = (typeof COMPANIONS)[keyof typeof COMPANIONS];

interface Property {
  name: string;
  value: string;
  line: number;
}

interface PropertyMetric extends MetricReport {
  line: number;
}

/**
 * Reads a JUnit XML report as Vitest, pytest, Ant/Maven Surefire, Jest-junit and most CI tools write it: a root
 * `<testsuites>` or `<testsuite>`, suites nested at any depth, `<testcase>` with `<failure>`, `<error>` or
 * `<skipped>`. What becomes a metric:
 *
 * - **Properties** with a numeric value (`<property name="accuracy" value="0.93"/>`, or the value as text) of a
 *   testcase (pytest `record_property`, Vitest `annotate(value, name)`) or of a suite (pytest
 *   `record_testsuite_property`). `<name>.stderr`, `.ci_lower`, `.ci_upper`, `.n` and `.unit` beside it carry its
 *   standard error, interval, sample size and unit. Properties with text values are ignored. The same name twice is
 *   refused unless both carry the same value (Ant repeats its system properties in every suite).
 * - **Outcomes** (derived): `pass_rate` (passed / run, skipped left out), `tests` (run), `failures` (failed or
 *   errored), `skipped`, and per test name the share of its runs that passed (1 or 0 for a single test), so a case
 *   whose metric is a test's name (`transcription > word accuracy`) passes exactly when the test passed. Derived
 *   metrics are not listed as unmatched.
 *
 * The start is the earliest suite `timestamp` (without a zone read as UTC), the end the latest timestamp plus its
 * `time`.
 */
export function importJunit(text: string): ImportOutcome {
  const parsed = parseXml(text);
  if (!parsed.ok) return parsed;
  const root = parsed.value;
  if (root.name !== 'testsuites' && root.name !== 'testsuite') return failed('body', `Not a JUnit XML report: the root element is <${root.name}>, expected <testsuites> or <testsuite>`);

  const problems: ImportProblem[] = [];
  const metrics: PropertyMetric[] = [];
  const outcomes = new Map<string, { run: number; passed: number }>();
  let passed = 0;
  let failedCount = 0;
  let skipped = 0;
  let start: number | null = null;
  let end: number | null = null;

  const readTimes = (suite: XmlElement) => {
    const stamp = suite.attributes.timestamp;
    if (stamp === undefined || stamp.trim() === '') return;
    const at = Date.parse(/(Z|[+-]\d\d:?\d\d)$/.test(stamp.trim()) ? stamp.trim() : `${stamp.trim()}Z`);
    if (Number.isNaN(at)) {
      problems.push({ path: `line ${suite.line}`, message: `The timestamp "${stamp}" is not a date and time` });
      return;
    }
    const seconds = numberFrom(suite.attributes.time ?? '') ?? 0;
    start = start === null ? at : Math.min(start, at);
    end = Math.max(end ?? at, at + Math.max(0, seconds) * 1000);
  };

  const walk = (element: XmlElement) => {
    for (const child of element.children) {
      if (child.name === 'testsuite') {
        readTimes(child);
        walk(child);
      } else if (child.name === 'properties') {
        collectMetrics(propertiesOf(child), metrics, problems);
      } else if (child.name === 'testcase') {
        const name = child.attributes.name?.trim();
        if (!name) problems.push({ path: `line ${child.line}`, message: 'A testcase without a name' });
        const props = child.children.filter((c) => c.name === 'properties').flatMap(propertiesOf);
        collectMetrics(props, metrics, problems);
        const outcome = child.children.some((c) => c.name === 'failure' || c.name === 'error') ? 'failed' : child.children.some((c) => c.name === 'skipped') ? 'skipped' : 'passed';
        if (outcome === 'skipped') {
          skipped++;
          continue;
        }
        if (outcome === 'passed') passed++;
        else failedCount++;
        if (name) {
          const o = outcomes.get(name) ?? { run: 0, passed: 0 };
          outcomes.set(name, { run: o.run + 1, passed: o.passed + (outcome === 'passed' ? 1 : 0) });
        }
      }
    }
  };
  if (root.name === 'testsuite') readTimes(root);
  walk(root);
  if (problems.length > 0) return { ok: false, problems };

  const run = passed + failedCount;
  const taken = new Set(metrics.map((m) => m.name));
  const derived: MetricReport[] = [];
  const add = (name: string, value: number, sampleSize?: number) => {
    if (!taken.has(name)) derived.push({ name, value, sampleSize, derived: true });
    taken.add(name);
  };
  if (run > 0) add('pass_rate', passed / run, run);
  add('tests', run);
  add('failures', failedCount);
  add('skipped', skipped);
  for (const [name, o] of outcomes) add(name, o.passed / o.run, o.run);

  const toolName = (root.name === 'testsuites' ? root.attributes.name : undefined) ?? root.children.find((c) => c.name === 'testsuite')?.attributes.name ?? root.attributes.name;
  return {
    ok: true,
    value: {
      metrics: [...metrics.map(({ line: _line, ...m }) => m), ...derived],
      startedAt: start === null ? null : new Date(start).toISOString(),
      endedAt: end === null ? null : new Date(end).toISOString(),
      seed: null,
      tool: { name: toolName === 'vitest tests' ? 'Vitest' : toolName?.trim() || 'JUnit XML', version: null, details: `${run} run, ${failedCount} failed, ${skipped} skipped` },
    } satisfies ImportedRun,
  };
}

function propertiesOf(properties: XmlElement): Property[] {
  return properties.children
    .filter((p) => p.name === 'property')
    .map((p) => ({ name: (p.attributes.name ?? '').trim(), value: p.attributes.value ?? p.text, line: p.line }));
}

/** Turns the properties of one testcase or suite into metrics, with their companions; adds problems for conflicts. */
function collectMetrics(props: readonly Property[], into: PropertyMetric[], problems: ImportProblem[]) {
  const companions = new Map<string, Partial<Record<Companion, Property>>>();
  const bases: Property[] = [];
  const names = new Set(props.map((p) => p.name));
  for (const p of props) {
    if (!p.name) {
      problems.push({ path: `line ${p.line}`, message: 'A property without a name' });
      continue;
    }
    const suffix = (Object.keys(COMPANIONS) as (keyof typeof COMPANIONS)[]).find((s) => p.name.endsWith(s) && names.has(p.name.slice(0, -s.length)));
    if (suffix) {
      const base = p.name.slice(0, -suffix.length);
      companions.set(base, { ...companions.get(base), [COMPANIONS[suffix]]: p });
    } else {
      bases.push(p);
    }
  }
  for (const p of bases) {
    const value = numberFrom(p.value);
    if (value === undefined) continue;
    const c = companions.get(p.name) ?? {};
    const metric: PropertyMetric = { name: p.name, value, line: p.line };
    for (const key of ['stdError', 'ciLower', 'ciUpper', 'sampleSize'] as const) {
      const prop = c[key];
      if (!prop) continue;
      const n = numberFrom(prop.value);
      if (n === undefined || (key === 'sampleSize' && (!Number.isInteger(n) || n < 1)) || (key === 'stdError' && n < 0)) {
        problems.push({ path: `line ${prop.line}`, message: `${prop.name}: "${prop.value}" is not ${key === 'sampleSize' ? 'a whole number of at least 1' : key === 'stdError' ? 'a non-negative number' : 'a number'}` });
        continue;
      }
      metric[key] = n;
    }
    if ((metric.ciLower === undefined) !== (metric.ciUpper === undefined)) problems.push({ path: `line ${p.line}`, message: `${p.name}: give both ${p.name}.ci_lower and ${p.name}.ci_upper, or neither` });
    if (c.unit) metric.unit = c.unit.value.trim();
    const same = into.find((m) => m.name === p.name);
    if (!same) into.push(metric);
    else if (same.value !== metric.value) problems.push({ path: `line ${p.line}`, message: `The metric "${p.name}" is reported twice with different values (lines ${same.line} and ${p.line})` });
  }
}
