import type { AiSystemTable, NonconformityTable } from '../../db/schema.js';
import { parseActions } from '../nonconformities/presenter.js';
import { controlId, dateTime, documentUuid, line, metadata, prop, prose, prune, recordUuid } from './common.js';

/** An open audit finding about the system, with the non-conformity it opened (if any). */
export interface OpenFinding {
  id: string;
  auditId: string;
  auditTitle: string;
  title: string;
  description: string;
  severity: string;
  requirementKeys: string[];
  nonconformityId: string | null;
  createdAt: string;
}

/** Konform's CAPA workflow as OSCAL risk status: open until closed, remediating once actions are planned. */
const RISK_STATUS: Record<string, string> = {
  open: 'open',
  analysed: 'investigating',
  'actions-planned': 'remediating',
  implemented: 'remediating',
  verified: 'remediating',
  closed: 'closed',
};

const controlOf = (key: string) => controlId(key.slice(key.indexOf(':') + 1));

function riskOf(nc: NonconformityTable) {
  const actions = parseActions(nc.actions);
  const due = actions.filter((a) => !a.done && a.dueDate).map((a) => a.dueDate!).sort()[0];
  return prune({
    uuid: recordUuid('nonconformity', nc.id),
    title: line(nc.title),
    description: prose(nc.description, nc.title),
    statement: prose(nc.root_cause, 'Root cause not yet analysed.'),
    props: [prop('nonconformity-id', nc.id), prop('severity', nc.severity), prop('source', nc.source), prop('capa-status', nc.status), ...(JSON.parse(nc.requirement_keys) as string[]).map((k) => prop('requirement-key', k))],
    status: RISK_STATUS[nc.status] ?? 'open',
    ...(due ? { deadline: dateTime(due) } : {}),
    // Each corrective or preventive action is a planned remediation; its due date is the milestone.
    remediations: actions.map((a) => prune({
      uuid: recordUuid('capa-action', nc.id, a.id),
      lifecycle: a.done ? 'completed' : 'planned',
      title: line(`${a.kind === 'corrective' ? 'Corrective' : 'Preventive'} action: ${a.description}`),
      description: prose(a.description),
      props: [prop('action-kind', a.kind), prop('done', String(a.done)), ...(a.owner ? [prop('owner', a.owner)] : [])],
      tasks: a.dueDate ? [{ uuid: recordUuid('capa-milestone', nc.id, a.id), type: 'milestone', title: line(`Due: ${a.description}`), timing: { 'on-date': { date: dateTime(a.dueDate) } } }] : [],
    })),
  });
}

function findingOf(f: OpenFinding, ncUuids: ReadonlySet<string>) {
  const risk = f.nonconformityId ? recordUuid('nonconformity', f.nonconformityId) : undefined;
  return prune({
    uuid: recordUuid('audit-finding', f.id),
    title: line(f.title),
    description: prose(f.description, f.title),
    props: [prop('severity', f.severity), prop('audit-id', f.auditId), prop('audit-title', f.auditTitle), ...f.requirementKeys.map((k) => prop('requirement-key', k))],
    target: { type: 'objective-id', 'target-id': f.requirementKeys[0] ? controlOf(f.requirementKeys[0]) : 'konform-audit-scope', status: { state: 'not-satisfied' } },
    'related-risks': risk && ncUuids.has(risk) ? [{ 'risk-uuid': risk }] : [],
  });
}

/**
 * The plan of action and milestones of a system: one POA&M item per open non-conformity (its corrective actions as
 * remediations with due dates as milestones) and per open audit finding without one (observations to follow up).
 * Returns null when nothing is open: OSCAL requires at least one POA&M item.
 */
export function planOfActionAndMilestones(system: AiSystemTable, nonconformities: readonly NonconformityTable[], findings: readonly OpenFinding[], now: string) {
  const risks = nonconformities.map(riskOf);
  const riskUuids = new Set(risks.map((r) => r.uuid));
  const oscalFindings = findings.map((f) => findingOf(f, riskUuids));
  const findingOfNc = new Map(findings.filter((f) => f.nonconformityId).map((f) => [f.nonconformityId!, recordUuid('audit-finding', f.id)]));
  const items = [
    ...nonconformities.map((nc) => prune({
      uuid: recordUuid('poam-nonconformity', nc.id),
      title: line(nc.title),
      description: prose(nc.description, nc.title),
      props: [prop('nonconformity-id', nc.id), prop('capa-status', nc.status)],
      'related-findings': findingOfNc.has(nc.id) ? [{ 'finding-uuid': findingOfNc.get(nc.id)! }] : [],
      'related-risks': [{ 'risk-uuid': recordUuid('nonconformity', nc.id) }],
    })),
    ...findings.filter((f) => !f.nonconformityId).map((f) => prune({
      uuid: recordUuid('poam-finding', f.id),
      title: line(f.title),
      description: prose(f.description, f.title),
      props: [prop('severity', f.severity), prop('audit-id', f.auditId)],
      'related-findings': [{ 'finding-uuid': recordUuid('audit-finding', f.id) }],
    })),
  ];
  if (items.length === 0) return null;
  return {
    'plan-of-action-and-milestones': prune({
      uuid: documentUuid(),
      metadata: metadata(`Plan of action and milestones: ${system.name}`, `${system.id}@${now}`, now, [prop('system-id', system.id)]),
      'system-id': { 'identifier-type': 'https://konform.dev/ns/oscal/system-id', id: system.id },
      risks,
      findings: oscalFindings,
      'poam-items': items,
    }),
  };
}
