import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importJunit } from './junit.js';

const fixture = (name: string) => readFileSync(new URL(`../../../../test/fixtures/lab/${name}`, import.meta.url), 'utf8');

function metricsOf(text: string) {
  const out = importJunit(text);
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  return out.value;
}

describe('JUnit XML', () => {
  it("reads a real Vitest report of the repository's own tests: outcomes as derived metrics, times from the suite", () => {
    const run = metricsOf(fixture('vitest-junit.xml'));
    expect(run.tool).toEqual({ name: 'Vitest', version: null, details: '9 run, 0 failed, 0 skipped' });
    expect(run.startedAt).toBe('2026-11-27T01:26:53.425Z');
    expect(run.endedAt).toBe('2026-11-27T01:26:53.464Z');
    const byName = new Map(run.metrics.map((m) => [m.name, m]));
    expect(byName.get('pass_rate')).toEqual({ name: 'pass_rate', value: 1, sampleSize: 9, derived: true });
    expect(byName.get('tests')?.value).toBe(9);
    expect(byName.get('failures')?.value).toBe(0);
    // &gt; in the attribute is read as ">"
    expect(byName.get('staff authorisation > names the user')).toEqual({ name: 'staff authorisation > names the user', value: 1, sampleSize: 1, derived: true });
    expect(run.metrics.every((m) => m.derived)).toBe(true);
  });

  it('reads a real Vitest report whose test annotated a metric: the annotation is a property, failures and skips count', () => {
    const run = metricsOf(fixture('vitest-junit-annotated.xml'));
    const byName = new Map(run.metrics.map((m) => [m.name, m]));
    expect(byName.get('word_accuracy')).toEqual({ name: 'word_accuracy', value: 0.9, sampleSize: 10 });
    expect(byName.has('word_accuracy.n')).toBe(false);
    expect(byName.get('pass_rate')).toMatchObject({ value: 2 / 3, sampleSize: 3 });
    expect(byName.get('failures')?.value).toBe(1);
    expect(byName.get('skipped')?.value).toBe(1);
    expect(byName.get('transcription > speaker labels present')?.value).toBe(0);
    expect(byName.has('transcription > dialect sample')).toBe(false);
  });

  it('reads a pytest report with metrics, uncertainty and units on testcases and on the suite', () => {
    const run = metricsOf(fixture('pytest-metrics-junit.xml'));
    expect(run.metrics.filter((m) => !m.derived)).toEqual([
      { name: 'word_error_rate', value: 9.8, ciLower: 9.1, ciUpper: 10.6, unit: '%' },
      { name: 'demographic_parity_difference', value: 0.031, stdError: 0.012, sampleSize: 4120 },
      { name: 'attack_success_rate', value: 0.034, sampleSize: 500 },
      { name: 'accuracy_under_noise', value: 0.887 },
    ]);
    expect(run.metrics.find((m) => m.name === 'test_prompt_injection')?.value).toBe(0);
    // 09:15:02.113 at +01:00, 812.417 s long
    expect(run.startedAt).toBe('2026-11-20T08:15:02.113Z');
    expect(run.endedAt).toBe('2026-11-20T08:28:34.530Z');
    expect(run.tool?.name).toBe('pytest');
  });

  it('takes a lone <testsuite> root (Ant), reads zone-less timestamps as UTC, and merges system properties repeated with the same value', () => {
    const ant = `<?xml version="1.0"?>
<testsuite name="de.bund.ki.EvalTest" tests="2" failures="0" errors="1" timestamp="2026-11-20T10:00:00" time="3.5">
  <properties><property name="java.version" value="17.0.9"/><property name="sun.arch.data.model" value="64"/><property name="f1" value="0.88"/></properties>
  <testsuite name="inner"><properties><property name="sun.arch.data.model" value="64"/></properties>
    <testcase name="loads" classname="x"/><testcase name="scores" classname="x"><error message="NPE"/></testcase>
  </testsuite>
</testsuite>`;
    const run = metricsOf(ant);
    expect(run.startedAt).toBe('2026-11-20T10:00:00.000Z');
    expect(run.endedAt).toBe('2026-11-20T10:00:03.500Z');
    expect(run.metrics.filter((m) => !m.derived).map((m) => [m.name, m.value])).toEqual([['sun.arch.data.model', 64], ['f1', 0.88]]);
    expect(run.metrics.find((m) => m.name === 'failures')?.value).toBe(1);
  });

  it('lets a property win over a derived count of the same name', () => {
    const run = metricsOf('<testsuite><testcase name="a"><properties><property name="pass_rate" value="0.5"/></properties></testcase></testsuite>');
    expect(run.metrics.filter((m) => m.name === 'pass_rate')).toEqual([{ name: 'pass_rate', value: 0.5 }]);
  });

  it('refuses a DOCTYPE (no entities, no XXE) and names the line of anything not well-formed', () => {
    const xxe = '<?xml version="1.0"?>\n<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n<testsuites><testsuite><testcase name="&xxe;"/></testsuite></testsuites>';
    expect(importJunit(xxe)).toEqual({ ok: false, problems: [{ path: 'body', message: 'line 2: A document type declaration (DOCTYPE) is not accepted' }] });
    const bomb = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><testsuites>&lol2;</testsuites>';
    expect(importJunit(bomb).ok).toBe(false);
    expect(importJunit('<testsuites><testsuite>&undefined;</testsuite></testsuites>')).toEqual({ ok: false, problems: [{ path: 'body', message: expect.stringMatching(/^Not well-formed XML: line 1, column \d+: undefined entity/) }] });
    expect(importJunit('<testsuites>\n  <testsuite>\n    <testcase name="a">\n  </testsuite>\n</testsuites>')).toEqual({ ok: false, problems: [{ path: 'body', message: expect.stringMatching(/^Not well-formed XML: line 4, /) }] });
    expect(importJunit('{"results": []}')).toEqual({ ok: false, problems: [{ path: 'body', message: expect.stringMatching(/^Not well-formed XML: line 1/) }] });
    expect(importJunit('<report><testcase name="a"/></report>')).toEqual({ ok: false, problems: [{ path: 'body', message: 'Not a JUnit XML report: the root element is <report>, expected <testsuites> or <testsuite>' }] });
  });

  it('names the line of a metric reported twice with different values, a bad companion and a bad timestamp', () => {
    const twice = '<testsuites>\n<testsuite>\n<testcase name="a"><properties><property name="acc" value="0.9"/></properties></testcase>\n<testcase name="b"><properties><property name="acc" value="0.8"/></properties></testcase>\n</testsuite></testsuites>';
    expect(importJunit(twice)).toEqual({ ok: false, problems: [{ path: 'line 4', message: 'The metric "acc" is reported twice with different values (lines 3 and 4)' }] });
    const companion = '<testsuite><testcase name="a"><properties>\n<property name="acc" value="0.9"/>\n<property name="acc.n" value="12.5"/>\n<property name="acc.ci_lower" value="0.8"/></properties></testcase></testsuite>';
    expect(importJunit(companion)).toEqual({ ok: false, problems: [
      { path: 'line 3', message: 'acc.n: "12.5" is not a whole number of at least 1' },
      { path: 'line 2', message: 'acc: give both acc.ci_lower and acc.ci_upper, or neither' },
    ] });
    expect(importJunit('<testsuite timestamp="gestern"><testcase name="a"/></testsuite>')).toEqual({ ok: false, problems: [{ path: 'line 1', message: 'The timestamp "gestern" is not a date and time' }] });
  });
});
