import { exportMarking, mayRead, readableLevels, type MatrixExportQuery, type RequirementStatus, type SystemRequirement } from '@konform/core';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../access/actor.js';
import { unitScope } from '../../access/scope.js';
import { toCsv, toXlsx, type SheetSpec } from '../../catalogs/formats/spreadsheet.js';
import type { ExportFile } from '../../http/send-file.js';
import { NO_CLASSIFICATION } from './applicability.js';
import { advancedKeys, basesOf, presentRow, readableEvidence, retiredRows, type RequirementService, type SystemState } from './service.js';
import * as repo from './repository.js';

type Lang = 'de' | 'en';

const STATUS: Record<Lang, Record<RequirementStatus, string>> = {
  de: { open: 'Offen', 'in-progress': 'In Bearbeitung', implemented: 'Umgesetzt', verified: 'Verifiziert', 'not-applicable': 'Nicht anwendbar' },
  en: { open: 'Open', 'in-progress': 'In progress', implemented: 'Implemented', verified: 'Verified', 'not-applicable': 'Not applicable' },
};

const HEADERS: Record<Lang, Record<string, string>> = {
  de: {
    system: 'KI-System', unit: 'Organisationseinheit', catalog: 'Katalog', requirement: 'Anforderungs-ID', ref: 'Fundstelle', title: 'Anforderung',
    applies: 'Anwendbar', status: 'Status', dueDate: 'Fällig am', appliesFrom: 'Gilt ab', owner: 'Verantwortlich', justification: 'Begründung',
    measures: 'Maßnahmen', evidence: 'Nachweise', why: 'Herleitung', retired: 'Entfallen in Version',
  },
  en: {
    system: 'AI system', unit: 'Organisational unit', catalog: 'Catalogue', requirement: 'Requirement id', ref: 'Reference', title: 'Requirement',
    applies: 'Applies', status: 'Status', dueDate: 'Due', appliesFrom: 'Applies from', owner: 'Owner', justification: 'Justification',
    measures: 'Measures', evidence: 'Evidence', why: 'Derivation', retired: 'Retired in version',
  },
};

const YES_NO: Record<Lang, [string, string]> = { de: ['ja', 'nein'], en: ['yes', 'no'] };


/** Map.groupBy needs Node 21; Node 20 is supported. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

interface SystemLines {
  state: SystemState;
  unitName: string;
}

/** The compliance matrix of one system or of the whole portfolio as XLSX or CSV (cells starting a formula neutralised). */
export class MatrixExportService {
  constructor(
    private readonly database: Database,
    private readonly requirements: RequirementService,
    /** The installation's marking of exports (KONFORM_DEFAULT_MARKING as text), or null; classified content raises it. */
    private readonly defaultMarking: string | null = null,
  ) {}

  async forSystem(actor: Actor, systemId: string, query: MatrixExportQuery): Promise<ExportFile> {
    const state = await this.requirements.state(actor, systemId);
    const unit = await this.database.db.selectFrom('org_unit').select('name').where('id', '=', state.system.org_unit_id).executeTakeFirst();
    const slug = state.system.name.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'system';
    return this.render([{ state, unitName: unit?.name ?? '' }], query, `konform-matrix-${slug}`);
  }

  /** Every system (not archived) in the reader's scope; loads the portfolio in a bounded number of queries. */
  async forPortfolio(actor: Actor, query: MatrixExportQuery): Promise<ExportFile> {
    const db = this.database.db;
    const registry = await this.requirements.catalogs.current();
    const scope = await unitScope(db, actor, 'requirement.read');
    // Need-to-know: classified systems and evidence stay out of the portfolio of readers not cleared for them.
    const systems = await repo.listSystemsInScope(db, scope, mayRead(actor.clearance, 'VS-NfD') ? null : readableLevels(actor.clearance));
    const bases = basesOf(await repo.revisionsInScope(db, scope));
    const rows = groupBy(await repo.rowsInScope(db, scope), (r) => r.system_id);
    const measures = groupBy(await repo.systemMeasuresInScope(db, scope), (m) => m.system_id);
    const evidence = groupBy(readableEvidence(actor, await repo.evidenceLinksInScope(db, scope)), (l) => l.system_id);
    const units = new Map((await db.selectFrom('org_unit').select(['id', 'name']).execute()).map((u) => [u.id, u.name]));
    const lines: SystemLines[] = systems.map((system) => {
      const basis = bases.get(system.id) ?? NO_CLASSIFICATION;
      const applied = measures.get(system.id) ?? [];
      const advancedBy = new Map<string, string[]>();
      for (const m of applied) for (const key of advancedKeys(registry, m.measure_id)) advancedBy.set(key, [...(advancedBy.get(key) ?? []), m.measure_id]);
      const state: SystemState = {
        system, registry, basis, rows: new Map((rows.get(system.id) ?? []).map((r) => [r.requirement_key, r])), measures: applied, advancedBy,
        evidence: evidence.get(system.id) ?? [], derived: this.requirements.derivedFor(registry, basis, system),
      };
      return { state, unitName: units.get(system.org_unit_id) ?? '' };
    });
    return this.render(lines, query, 'konform-portfolio-matrix');
  }

  private async render(systems: SystemLines[], query: MatrixExportQuery, baseName: string): Promise<ExportFile> {
    const lang = query.lang;
    const h = HEADERS[lang];
    const keys = ['system', 'unit', 'catalog', 'requirement', 'ref', 'title', 'applies', 'status', 'dueDate', 'appliesFrom', 'owner', 'justification', 'measures', 'evidence', 'why'];
    const sheet: SheetSpec = {
      name: lang === 'de' ? 'Anforderungen' : 'Requirements',
      columns: keys.map((key) => ({ key, header: h[key]!, width: key === 'title' || key === 'justification' || key === 'why' ? 50 : key === 'system' ? 30 : 16 })),
      rows: [],
    };
    const retiredSheet: SheetSpec = {
      name: lang === 'de' ? 'Entfallene Anforderungen' : 'Retired requirements',
      columns: ['system', 'unit', 'catalog', 'requirement', 'ref', 'title', 'status', 'owner', 'justification', 'evidence', 'retired'].map((key) => ({ key, header: h[key]!, width: key === 'title' ? 50 : 18 })),
      rows: [],
    };
    for (const { state, unitName } of systems) {
      const catalogs = new Set(state.registry.list().map((c) => c.catalog.id));
      for (const d of state.derived.derived) {
        if (query.applies === 'true' && !d.applies) continue;
        sheet.rows.push(this.line(state, unitName, presentRow(state, d), lang));
      }
      for (const r of retiredRows(state, catalogs)) {
        retiredSheet.rows.push({
          system: state.system.name, unit: unitName, catalog: r.catalogId, requirement: r.requirementId, ref: r.ref, title: r.title[lang],
          status: STATUS[lang][r.status], owner: r.owner, justification: r.justification, evidence: r.evidence.length, retired: r.retiredInVersion,
        });
      }
    }
    // The export carries the marking of the highest level it contains: a classified system or evidence listed in it.
    const marking = exportMarking(this.defaultMarking, systems.flatMap(({ state }) => [
      state.system.classification,
      ...state.evidence.flatMap((e) => [e.classification, e.owner_classification]),
    ]));
    sheet.marking = marking;
    retiredSheet.marking = marking;
    if (query.format === 'csv') {
      return { body: Buffer.from(toCsv(sheet, lang === 'de' ? ';' : ','), 'utf8'), contentType: 'text/csv; charset=utf-8', fileName: `${baseName}.csv` };
    }
    const sheets = retiredSheet.rows.length > 0 ? [sheet, retiredSheet] : [sheet];
    return { body: await toXlsx(sheets), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: `${baseName}.xlsx` };
  }

  private line(state: SystemState, unitName: string, row: SystemRequirement, lang: Lang) {
    return {
      system: state.system.name,
      unit: unitName,
      catalog: row.catalogId,
      requirement: row.requirementId,
      ref: row.ref,
      title: row.title[lang],
      applies: YES_NO[lang][row.applies ? 0 : 1],
      status: STATUS[lang][row.status],
      dueDate: row.dueDate,
      appliesFrom: row.appliesFrom,
      owner: row.owner,
      justification: row.justification,
      measures: row.measures.join(', '),
      evidence: row.evidence.length,
      why: row.why.join('; '),
    };
  }
}
