import {
  calendarDate,
  type RequirementStatus,
  type SystemMilestones,
  type TaskPriority,
  type TaskRecordType,
  type TaskStatus,
  type TimelineEntry,
  type MilestoneEntry,
  taskDueState,
} from '@konform/core';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../access/actor.js';
import { inScope, unitScope } from '../../access/scope.js';
import type { CatalogService } from '../catalogs/service.js';
import type { RequirementService } from '../requirements/service.js';
import { recordLabels } from './records.js';
import * as repo from './repository.js';

type Localised = { de: string; en: string };
type Source = MilestoneEntry['sources'][number];

const HIGH_RISK_GROUPS = new Set(['annex-i-high-risk', 'annex-iii-high-risk']);
const DONE: readonly RequirementStatus[] = ['implemented', 'verified'];

const longDate = (date: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${date}T00:00:00Z`));

/**
 * "Hochrisiko-KI-Systeme nach Anhang III (Art. 6 Abs. 2): 2 Anforderungen gelten ab 2. Dezember 2027" — what applies
 * on the date (the timeline groups or catalogues the requirements come from), how many, and from when.
 */
export function milestoneLabel(date: string, sources: readonly Source[], count: number): Localised {
  const names = (lang: 'de' | 'en') => {
    const titles = sources.map((s) => s.title[lang]);
    const joiner = lang === 'de' ? ' und ' : ' and ';
    return titles.length <= 2 ? titles.join(joiner) : `${titles.slice(0, -1).join(', ')}${joiner}${titles.at(-1)}`;
  };
  return {
    de: `${names('de')}: ${count === 1 ? '1 Anforderung gilt' : `${count} Anforderungen gelten`} ab ${longDate(date, 'de-DE')}`,
    en: `${names('en')}: ${count === 1 ? '1 requirement applies' : `${count} requirements apply`} from ${longDate(date, 'en-GB')}`,
  };
}

/**
 * A system's timeline: the dates from which its applicable requirements apply (as the compliance matrix derives them:
 * the catalogue's timeline group under the act in force and the system's high-risk route, else the requirement's
 * fixed date), grouped by date, and the due dates of its tasks.
 */
export class MilestoneService {
  constructor(
    private readonly database: Database,
    private readonly requirements: RequirementService,
    private readonly catalogs: CatalogService,
  ) {}

  async forSystem(actor: Actor, systemId: string): Promise<SystemMilestones> {
    const state = await this.requirements.state(actor, systemId);
    const today = calendarDate(new Date());
    const dates = this.catalogs.dates;
    const route = state.basis.result?.highRiskRoute ?? null;
    const groupTitles = new Map(dates.timeline.groups.map((g) => [g.id, g.title]));

    type Collected = { sources: Map<string, Source>; requirements: MilestoneEntry['requirements']; implemented: number };
    const byDate = new Map<string, Collected>();
    for (const d of state.derived.derived) {
      if (!d.applies || d.appliesFrom === null) continue;
      const status = (state.rows.get(d.entry.key)?.status ?? 'open') as RequirementStatus;
      if (status === 'not-applicable') continue;
      const r = d.entry.requirement;
      let source: Omit<Source, 'count'>;
      if (r.timelineGroup) {
        const group = HIGH_RISK_GROUPS.has(r.timelineGroup) && route ? `${route}-high-risk` : r.timelineGroup;
        source = { kind: 'timeline-group', id: group, title: groupTitles.get(group) ?? { de: group, en: group } };
      } else {
        const catalog = state.registry.get(d.entry.catalogId)?.catalog;
        source = { kind: 'catalog', id: d.entry.catalogId, title: catalog?.title ?? { de: d.entry.catalogId, en: d.entry.catalogId } };
      }
      const entry: Collected = byDate.get(d.appliesFrom) ?? { sources: new Map(), requirements: [], implemented: 0 };
      const key = `${source.kind}:${source.id}`;
      const known = entry.sources.get(key);
      entry.sources.set(key, { ...source, count: (known?.count ?? 0) + 1 });
      entry.requirements.push({ key: d.entry.key, ref: r.ref, title: r.title, status });
      if (DONE.includes(status)) entry.implemented += 1;
      byDate.set(d.appliesFrom, entry);
    }

    const entries: TimelineEntry[] = [...byDate.entries()].map(([date, e]) => {
      const sources = [...e.sources.values()].sort((a, b) => b.count - a.count || a.title.en.localeCompare(b.title.en));
      return { kind: 'milestone', date, past: date < today, label: milestoneLabel(date, sources, e.requirements.length), sources, requirements: e.requirements, implemented: e.implemented };
    });

    if (inScope(await unitScope(this.database.db, actor, 'task.read'), state.system.org_unit_id)) {
      const tasks = await repo.datedTasksOfSystem(this.database.db, systemId);
      const labels = await recordLabels(this.database.db, state.registry, tasks);
      for (const t of tasks) {
        entries.push({
          kind: 'task',
          date: t.due_date!,
          past: t.due_date! < today,
          task: {
            id: t.id, title: t.title, status: t.status as TaskStatus, priority: t.priority as TaskPriority,
            dueState: taskDueState({ status: t.status, dueDate: t.due_date }, today),
            recordType: t.record_type as TaskRecordType, recordId: t.record_id, recordLabel: labels.get(t.id)!, ownerName: t.owner_name,
          },
        });
      }
    }
    entries.sort((a, b) => a.date.localeCompare(b.date) || (a.kind === b.kind ? 0 : a.kind === 'milestone' ? -1 : 1));
    return { systemId, actInForce: dates.actInForce, basis: state.basis.basis, today, entries };
  }
}
