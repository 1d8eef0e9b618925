import { exportMarking, type RiskReportQuery } from '@konform/core';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../access/actor.js';
import { notFound } from '../../http/errors.js';
import { renderDocument } from '../../documents/render.js';
import { toXlsx } from '../../catalogs/formats/spreadsheet.js';
import type { ExportFile } from '../../http/send-file.js';
import { findSystem } from '../systems/repository.js';
import type { RiskService } from './service.js';
import type { CatalogService } from '../catalogs/service.js';
import { riskReport, riskSheet } from './report.js';

/** A file name from a system's name: letters, digits and hyphens. */
export const slugOf = (name: string) => name.normalize('NFKD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'system';

/** The risk report of a system as DOCX, PDF, Markdown (the document engine) or XLSX (the register). */
export class RiskReportService {
  constructor(
    private readonly database: Database,
    private readonly risks: RiskService,
    private readonly catalogs: CatalogService,
    /** The installation's marking printed on every page (e.g. `VS – NUR FÜR DEN DIENSTGEBRAUCH`), or null; a classified system raises it. */
    private readonly marking: string | null,
  ) {}

  async export(actor: Actor, systemId: string, query: RiskReportQuery): Promise<ExportFile> {
    const list = await this.risks.listForSystem(actor, systemId, { limit: 100_000, offset: 0 });
    const system = await findSystem(this.database.db, systemId);
    if (!system) throw notFound('AI system');
    const base = `konform-risks-${slugOf(system.name)}`;
    // A classified system's report carries its marking on every page, whatever the installation's default.
    const marking = exportMarking(this.marking, [system.classification]);
    if (query.format === 'xlsx') {
      return { body: await toXlsx([{ ...riskSheet(list.items, query.lang), marking }]), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: `${base}.xlsx` };
    }
    const registry = await this.catalogs.current();
    const unit = await this.database.db.selectFrom('org_unit').select('name').where('id', '=', system.org_unit_id).executeTakeFirst();
    const model = riskReport({
      system, unitName: unit?.name ?? '', risks: list.items, heatMap: await this.risks.heatMap(actor, systemId), lang: query.lang, marking,
      date: new Date().toISOString().slice(0, 10),
      measureTitle: (id) => registry.measure(id)?.title[query.lang] ?? id,
    });
    const rendered = await renderDocument(model, query.format);
    return { body: rendered.body, contentType: rendered.contentType, fileName: `${base}.${rendered.extension}` };
  }
}
