import { gateFindingText, type Audit, type ChecklistItem, type Finding, type LabGateDetail } from '@konform/core';
import { controlId, dateTime, documentUuid, line, metadata, prop, prose, prune, recordUuid } from './common.js';

/** The requirement id of a `catalogId:requirementId` key as an OSCAL control id. */
const controlOf = (key: string) => controlId(key.slice(key.indexOf(':') + 1));

/** Findings without a requirement are about the audit's scope as a whole; OSCAL needs a target all the same. */
const SCOPE_TARGET = 'konform-audit-scope';

function reviewedControls(keys: readonly string[]) {
  const controls = [...new Set(keys.map(controlOf))];
  return { 'control-selections': [controls.length === 0 ? { 'include-all': {} } : { 'include-controls': controls.map((id) => ({ 'control-id': id })) }] };
}

function observationOf(item: ChecklistItem) {
  return prune({
    uuid: recordUuid('audit-checklist-item', item.id),
    title: line(`${item.ref} ${item.title.en} (${item.systemName})`),
    description: prose(item.notes, `Recorded as ${item.result}.`),
    props: [prop('requirement-key', item.requirementKey), prop('result', item.result!), prop('system-id', item.systemId)],
    methods: ['EXAMINE'],
    types: [item.result === 'conform' ? 'control-objective' : 'finding'],
    collected: item.recordedAt!,
  });
}

function auditFindingOf(finding: Finding, observations: ReadonlySet<string>) {
  const observation = finding.checklistItemId ? recordUuid('audit-checklist-item', finding.checklistItemId) : undefined;
  const first = finding.requirementKeys[0];
  return prune({
    uuid: recordUuid('audit-finding', finding.id),
    title: line(finding.title),
    description: prose(finding.description, finding.title),
    props: [
      prop('severity', finding.severity),
      prop('status', finding.status),
      ...finding.requirementKeys.map((k) => prop('requirement-key', k)),
      ...(finding.systemId ? [prop('system-id', finding.systemId)] : []),
      ...(finding.nonconformityId ? [prop('nonconformity-id', finding.nonconformityId)] : []),
    ],
    target: {
      type: 'objective-id',
      'target-id': first ? controlOf(first) : SCOPE_TARGET,
      // An observation is noted only; minor and major findings are non-conformities.
      status: { state: finding.severity === 'observation' ? 'satisfied' : 'not-satisfied' },
    },
    'related-observations': observation && observations.has(observation) ? [{ 'observation-uuid': observation }] : [],
  });
}

/** An audit with its recorded checklist items (observations) and findings as one OSCAL result. */
export function auditAssessmentResults(audit: Audit, items: readonly ChecklistItem[], findings: readonly Finding[], now: string) {
  const recorded = items.filter((i) => i.result !== null && i.result !== 'not-assessed' && i.recordedAt !== null);
  const observations = recorded.map(observationOf);
  const observationUuids = new Set(observations.map((o) => o.uuid));
  const result = prune({
    uuid: recordUuid('audit-result', audit.id),
    title: line(audit.title),
    description: prose(audit.objective, `${audit.kind} audit ${audit.title}`),
    start: dateTime(audit.plannedStart),
    ...(audit.closedAt ? { end: audit.closedAt } : {}),
    props: [prop('audit-id', audit.id), prop('audit-kind', audit.kind), prop('audit-status', audit.status)],
    'reviewed-controls': reviewedControls(items.map((i) => i.requirementKey)),
    observations,
    findings: findings.map((f) => auditFindingOf(f, observationUuids)),
    ...(audit.summary.trim() ? { remarks: audit.summary } : {}),
  });
  return {
    'assessment-results': {
      uuid: documentUuid(),
      metadata: metadata(`Audit ${audit.title}`, `${audit.id}@${audit.version}`, now, [prop('audit-id', audit.id)]),
      // Konform plans audits without an OSCAL assessment plan; the audit record stands for it.
      'import-ap': { href: `/api/audits/${audit.id}`, remarks: 'The audit plan in Konform (scope, auditors, dates); no OSCAL assessment plan exists.' },
      results: [result],
    },
  };
}

/** A release gate: one observation per case result, one finding per check (satisfied when it passed). */
export function gateAssessmentResults(gate: LabGateDetail, now: string) {
  const cases = gate.checks.flatMap((c) => c.cases ?? []);
  const observations = cases
    .filter((c) => c.value !== null)
    .map((c) => prune({
      uuid: recordUuid('lab-gate-case', gate.id, c.caseId),
      title: line(`${c.key} ${c.name}`),
      description: `${c.metric} ${c.value}${c.unit ? ` ${c.unit}` : ''} (required ${c.comparator} ${c.threshold}): ${c.verdict ?? 'no verdict'}.`,
      props: [prop('case-key', c.key), prop('metric', c.metric), prop('value', String(c.value)), ...(c.verdict ? [prop('verdict', c.verdict)] : []), ...(c.runId ? [prop('run-id', c.runId)] : [])],
      methods: ['TEST'],
      types: [c.verdict === 'pass' ? 'control-objective' : 'finding'],
      collected: gate.releasedAt ?? now,
    }));
  const findings = gate.checks.map((check) => prune({
    uuid: recordUuid('lab-gate-check', gate.id, check.key),
    title: line(`Release gate check ${check.key}`),
    description: check.findings.length === 0 ? `Check ${check.key}: ${check.passed ? 'passed' : 'failed'}.` : check.findings.map((f) => `- ${gateFindingText(f, 'en')}${f.blocking ? ' (blocking)' : ''}`).join('\n'),
    props: [prop('check', check.key), prop('passed', String(check.passed))],
    target: { type: 'objective-id', 'target-id': `konform-gate-${check.key}`, status: { state: check.passed ? 'satisfied' : 'not-satisfied' } },
    'related-observations': check.key === 'mandatory-cases' ? observations.map((o) => ({ 'observation-uuid': o.uuid })) : [],
  }));
  const subject = gate.subject.systemName ?? `${gate.subject.modelName ?? ''} ${gate.subject.modelVersionLabel ?? ''}`.trim();
  const result = prune({
    uuid: recordUuid('lab-gate-result', gate.id),
    title: line(`Release gate ${gate.number}: ${gate.title}`),
    description: `Release gate of ${subject || 'the subject'} against test plan ${gate.planName}; status ${gate.status}${gate.checksFrozen ? ' (checks frozen at release)' : ''}.`,
    start: gate.createdAt,
    ...(gate.releasedAt ? { end: gate.releasedAt } : {}),
    props: [prop('gate-id', gate.id), prop('gate-status', gate.status), prop('state-hash', gate.stateHash), ...(gate.subject.systemId ? [prop('system-id', gate.subject.systemId)] : [])],
    // A gate checks its plan's cases, not catalogue controls: everything in its plan is reviewed.
    'reviewed-controls': { 'control-selections': [{ 'include-all': {} }] },
    observations,
    findings,
  });
  return {
    'assessment-results': {
      uuid: documentUuid(),
      metadata: metadata(`Release gate ${gate.number}: ${gate.title}`, `${gate.id}@${gate.version}`, now, [prop('gate-id', gate.id)]),
      'import-ap': { href: `/api/lab/plans/${gate.planId}`, remarks: 'The fixed test plan in Konform the gate checks against.' },
      results: [result],
    },
  };
}
