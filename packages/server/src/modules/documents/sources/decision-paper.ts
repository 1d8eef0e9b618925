import { officeToday, type DecisionPaperInputs, type Obligation } from '@konform/core';
import { riskLevels } from './model-card.js';
import { authoredTexts, unitName, type DocumentSource, type SourceContext } from './subject.js';

/** The obligations of a stored classification result (an unreadable result has none). */
function obligationsOf(result: string): Obligation[] {
  try {
    const value = JSON.parse(result) as { obligations?: Obligation[] };
    return Array.isArray(value.obligations) ? value.obligations : [];
  } catch {
    return [];
  }
}

/**
 * Gathers the figures of a decision paper on one AI system as they stand today: classification, requirement rows by
 * status, open risks (highest level first), open non-conformities, the latest lab gate and the latest run per plan,
 * overdue tasks, and the earliest date still ahead among the obligations of the latest classification.
 */
async function gatherDecisionPaper({ db, subject, documentId, lang, now }: SourceContext): Promise<DecisionPaperInputs> {
  if (subject.kind !== 'system') throw new Error('A decision paper is about an AI system');
  const system = subject.system;
  const today = officeToday(new Date(now));
  const classification = await db.selectFrom('classification_revision').select(['number', 'decided_at', 'decided_by_label', 'result'])
    .where('system_id', '=', system.id).orderBy('number', 'desc').executeTakeFirst();
  const rows = await db.selectFrom('requirement_row').select(['status', (eb) => eb.fn.countAll<number | string>().as('n')]).where('system_id', '=', system.id).where('retired_at', 'is', null).groupBy('status').execute();
  const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);

  const levels = await riskLevels(db, lang);
  const risks = (await db.selectFrom('risk').select(['number', 'title', 'status', 'inherent_level', 'residual_level']).where('system_id', '=', system.id).where('status', '!=', 'closed').execute())
    .map((r) => {
      const level = r.residual_level ?? r.inherent_level;
      const known = level ? levels.get(level) : undefined;
      return { number: Number(r.number), title: r.title, status: r.status, level: level ? known?.label ?? level : null, rank: known?.rank ?? (level ? 0 : -1) };
    })
    .sort((a, b) => b.rank - a.rank || a.number - b.number);
  const ncs = await db.selectFrom('nonconformity').select(['title', 'severity', 'status', 'created_at']).where('system_id', '=', system.id).where('status', '!=', 'closed').execute();
  const severity = (s: string) => ['critical', 'major', 'minor'].indexOf(s);
  ncs.sort((a, b) => severity(a.severity) - severity(b.severity) || a.created_at.localeCompare(b.created_at));

  const gate = await db.selectFrom('lab_gate').select(['number', 'title', 'status', 'released_at', 'created_at']).where('system_id', '=', system.id).orderBy('number', 'desc').executeTakeFirst();
  const runs = await db.selectFrom('lab_run').innerJoin('lab_plan', 'lab_plan.id', 'lab_run.plan_id')
    .select(['lab_run.plan_id', 'lab_plan.name', 'lab_run.number', 'lab_run.verdict', 'lab_run.ended_at'])
    .where('lab_run.system_id', '=', system.id).where('lab_run.superseded_by_run_id', 'is', null).orderBy('lab_run.ended_at', 'desc').orderBy('lab_run.number', 'desc').execute();
  const latest = new Map<string, (typeof runs)[number]>();
  for (const r of runs) if (!latest.has(r.plan_id)) latest.set(r.plan_id, r);
  const tasks = await db.selectFrom('task').select(['title', 'due_date']).where('system_id', '=', system.id).where('status', 'in', ['open', 'in-progress', 'blocked'])
    .where('due_date', '<', today).orderBy('due_date').orderBy('title').execute();

  const ahead = classification ? obligationsOf(classification.result).filter((o) => o.appliesFrom !== null && o.appliesFrom >= today) : [];
  ahead.sort((a, b) => a.appliesFrom!.localeCompare(b.appliesFrom!) || a.ref.localeCompare(b.ref));
  const next = ahead[0];

  return {
    builtAt: now,
    asOf: today,
    system: {
      id: system.id, name: system.name, shortName: system.short_name, unitName: await unitName(db, system.org_unit_id), responsible: system.responsible,
      lifecycleStage: system.lifecycle_stage, riskClass: system.risk_class, classificationStatus: system.classification_status,
    },
    classification: classification ? { number: Number(classification.number), decidedAt: classification.decided_at, decidedByLabel: classification.decided_by_label } : null,
    requirements: { open: count('open'), inProgress: count('in-progress'), implemented: count('implemented'), verified: count('verified'), notApplicable: count('not-applicable') },
    risks: risks.map(({ rank: _rank, ...r }) => r),
    nonconformities: ncs.map((n) => ({ title: n.title, severity: n.severity, status: n.status })),
    gate: gate ? { number: Number(gate.number), title: gate.title, status: gate.status, at: gate.released_at ?? gate.created_at } : null,
    runs: [...latest.values()].map((r) => ({ planName: r.name, number: Number(r.number), verdict: r.verdict, endedAt: r.ended_at })),
    overdueTasks: tasks.map((x) => ({ title: x.title, dueDate: x.due_date! })),
    nextLegalDate: next ? { date: next.appliesFrom!, ref: next.ref, title: next.title[lang] } : null,
    texts: await authoredTexts(db, documentId),
  };
}

export const decisionPaperSource: DocumentSource = {
  subject: 'system',
  gather: gatherDecisionPaper,
};
