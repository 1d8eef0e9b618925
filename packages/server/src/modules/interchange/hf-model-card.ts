import { buildModelCard, diffRecords, modelCardNotes, readModelCard, splitFrontMatter, type ModelCardImportResult } from '@konform/core';
import { parse, stringify } from 'yaml';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope, inScope, systemAllowed, unitScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { HttpProblem, notFound, versionConflict } from '../../http/errors.js';
import { escapeInline } from '../../documents/markdown.js';
import * as items from '../models/repository.js';

const NOTES_LIMIT = 10_000;

/**
 * Hugging Face model cards for model versions. The import (POST …/model-card, `text/markdown`) takes the card's
 * front matter over into the version: its notes gain a section with what the card says; the licence is taken only
 * when the version records none, since a recorded version's facts never change. The export writes a card from the
 * records: the model, the version, the datasets and lab results of the systems using it.
 */
export class ModelCardService {
  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.db;
  }

  async import(actor: Actor, modelId: string, versionId: string, text: string): Promise<ModelCardImportResult> {
    const split = splitFrontMatter(text);
    if (split.yaml === null) throw new HttpProblem(400, 'validation', 'The model card has no YAML front matter', [{ path: 'front-matter', message: 'Start the file with a line "---", the YAML metadata and another line "---"' }]);
    let front: unknown;
    try {
      front = parse(split.yaml, { prettyErrors: true, maxAliasCount: 100 });
    } catch (error) {
      const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
      // The front matter starts on line 2 of the file.
      throw new HttpProblem(400, 'validation', 'The YAML front matter cannot be read', [{ path: line === undefined ? 'front-matter' : `front-matter (line ${line + 1})`, message: String((error as Error).message).split('\n')[0]! }]);
    }
    const card = readModelCard(front);
    if (!card.ok) throw new HttpProblem(400, 'validation', 'The model card front matter is invalid', card.problems);
    const now = new Date().toISOString();
    const ignored = [...card.value.ignored, ...(split.body.trim() ? [{ field: 'text', reason: 'The Markdown text is not taken over; keep the card as evidence if it is needed' }] : [])];
    let licenceTaken = false;
    let notes = '';
    await this.db.transaction().execute(async (trx) => {
      const model = await items.findItem(trx, 'model', modelId);
      if (!model) throw notFound('Model');
      await assertInScope(trx, actor, 'model.edit', model.org_unit_id);
      const version = await items.findVersionForUpdate(trx, this.database.dialect, 'model', modelId, versionId);
      if (!version) throw notFound('Version');
      const section = modelCardNotes(card.value, `Model card (${now.slice(0, 10)}):`);
      notes = [version.notes.trim(), section].filter(Boolean).join('\n\n');
      if (notes.length > NOTES_LIMIT) throw new HttpProblem(413, 'too-long', 'The notes would exceed 10,000 characters', [{ path: 'notes', message: 'Shorten the version notes before importing the card' }]);
      licenceTaken = version.licence.trim() === '' && card.value.licence !== '';
      const next = { notes, ...(licenceTaken ? { licence: card.value.licence.slice(0, 300) } : {}) };
      const result = await trx.updateTable('model_version').set({ ...next, version: Number(version.version) + 1, updated_at: now }).where('id', '=', versionId).where('version', '=', Number(version.version)).executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw versionConflict();
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'model-version.update', entityType: 'model-version', entityId: versionId,
        changes: diffRecords({ notes: version.notes, licence: version.licence }, { notes, licence: licenceTaken ? next.licence : version.licence }), reason: 'Hugging Face model card import',
      }, now);
    });
    const taken = card.value.taken.filter((t) => t.field !== 'license' || licenceTaken);
    if (card.value.licence && !licenceTaken) ignored.unshift({ field: 'license', reason: 'The version records a licence already; a recorded version keeps its facts' });
    return { modelId, versionId, taken, results: card.value.results, ignored, licenceTaken, notes };
  }

  async export(actor: Actor, modelId: string, versionId: string): Promise<{ filename: string; text: string }> {
    const model = await items.findItem(this.db, 'model', modelId);
    if (!model) throw notFound('Model');
    await assertInScope(this.db, actor, 'model.read', model.org_unit_id);
    const version = await items.findVersion(this.db, 'model', modelId, versionId);
    if (!version) throw notFound('Version');
    // Uses, datasets and results only of systems the reader may see.
    const scope = await unitScope(this.db, actor, 'system.read');
    const usage = (await items.usageOf(this.db, 'model', [versionId])).filter((u) => inScope(scope, u.org_unit_id) && systemAllowed(actor, u.system_id));
    const systemIds = [...new Set(usage.map((u) => u.system_id))];
    const datasetLinks = systemIds.length === 0 ? [] : await this.db.selectFrom('system_item_link').select('version_id').where('item_type', '=', 'dataset').where('system_id', 'in', systemIds).execute();
    const datasetRows = await items.versionsWithItems(this.db, 'dataset', [...new Set(datasetLinks.map((d) => d.version_id))]);
    const results = await this.db
      .selectFrom('lab_run_result')
      .innerJoin('lab_run', 'lab_run.id', 'lab_run_result.run_id')
      .innerJoin('lab_plan', 'lab_plan.id', 'lab_run.plan_id')
      .leftJoin('lab_test_case', 'lab_test_case.id', 'lab_run_result.test_case_id')
      .leftJoin('dataset_version', 'dataset_version.id', 'lab_test_case.dataset_version_id')
      .leftJoin('dataset', 'dataset.id', 'dataset_version.item_id')
      .select(['lab_plan.name as plan', 'lab_run.number', 'lab_run.items', 'lab_run.org_unit_id', 'lab_run_result.metric', 'lab_run_result.value', 'dataset.name as dataset', 'dataset_version.label as datasetLabel'])
      .where('lab_run.superseded_by_run_id', 'is', null)
      .where('lab_run.items', 'like', `%${versionId}%`)
      .orderBy('lab_run.number')
      .execute();
    const labScope = await unitScope(this.db, actor, 'lab.read');
    const measured = results
      .filter((r) => inScope(labScope, r.org_unit_id) && (JSON.parse(r.items) as { versionId: string }[]).some((i) => i.versionId === versionId))
      .map((r) => ({ task: `${r.plan} (Prüflauf ${r.number})`, dataset: r.dataset ? `${r.dataset} ${r.datasetLabel ?? ''}`.trim() : '', metric: r.metric, value: Number(r.value) }));
    const { frontMatter, body } = buildModelCard({
      name: model.name, provider: model.provider, description: model.description, kind: model.kind, licence: version.licence || model.licence, label: version.label,
      manifestDigest: version.manifest_digest, source: version.source, notes: version.notes,
      datasets: datasetRows.map((d) => `${d.item_name} ${d.label}`),
      results: measured,
      usedBy: usage.map((u) => `${u.system_name} (${u.role})`),
    }, escapeInline);
    const yaml = Object.keys(frontMatter).length > 0 ? stringify(frontMatter, { lineWidth: 0 }) : '';
    const safe = `${model.name}-${version.label}`.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'model';
    return { filename: `${safe}.README.md`, text: `---\n${yaml}---\n\n${body}` };
  }
}
