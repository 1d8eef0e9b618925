import { exportMarking, type FriaExportQuery } from '@konform/core';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../access/actor.js';
import { renderDocument } from '../../documents/render.js';
import type { ExportFile } from '../../http/send-file.js';
import type { RiskService } from '../risks/service.js';
import { slugOf } from '../risks/report-service.js';
import type { FriaService } from './service.js';
import { friaNotification } from './notification.js';

/** The FRIA notification (Art. 27(3)) of a system as DOCX, PDF or Markdown. */
export async function exportFria(database: Database, fria: FriaService, risks: RiskService, marking: string | null, actor: Actor, systemId: string, query: FriaExportQuery): Promise<ExportFile> {
  const { system, version } = await fria.versionFor(actor, systemId, query.number);
  const unit = await database.db.selectFrom('org_unit').select('name').where('id', '=', system.org_unit_id).executeTakeFirst();
  const dpia = version.content.dpiaEvidenceId
    ? await database.db.selectFrom('evidence').select('title').where('id', '=', version.content.dpiaEvidenceId).executeTakeFirst()
    : undefined;
  const model = friaNotification({
    system, unitName: unit?.name ?? '', version, risks: (await risks.listForSystem(actor, systemId, { limit: 100_000, offset: 0 })).items,
    dpiaTitle: dpia?.title ?? null, lang: query.lang, marking: exportMarking(marking, [system.classification]),
  });
  const rendered = await renderDocument(model, query.format);
  return { body: rendered.body, contentType: rendered.contentType, fileName: `konform-fria-${slugOf(system.name)}-v${version.number}.${rendered.extension}` };
}
