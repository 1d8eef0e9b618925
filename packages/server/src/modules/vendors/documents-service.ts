import { addCalendarDays, officeToday, diffRecords, type SupplierDocuments, type SupplierDocumentsUpdate, type VendorProduct } from '@konform/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { AiSystemTable, DB, SupplierDocumentTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { HttpProblem, conflict, notFound, versionConflict } from '../../http/errors.js';
import { findSystem, findSystemForUpdate } from '../systems/repository.js';
import { basesOfSystems, buildChecklist } from './checklist.js';
import * as repo from './repository.js';

export const SUPPLIER_DOCUMENTS_ENTITY = 'supplier-documents';

const today = () => officeToday();

/** What the audit trail compares: the header and each recorded document. */
function auditView(checklist: SupplierDocuments) {
  return {
    productId: checklist.productId,
    gpaiBased: checklist.gpaiStated,
    ...Object.fromEntries(
      checklist.items.filter((i) => i.recorded).map((i) => [i.kind, { status: i.status, dueDate: i.dueDate, receivedOn: i.receivedOn, reference: i.reference, evidenceId: i.evidenceId, note: i.note }]),
    ),
  };
}

/**
 * The documents the provider of a procured AI system owes (GET/PUT /api/systems/{id}/supplier-documents): read with
 * vendor.read, recorded with vendor.edit, both in the system's unit.
 */
export class SupplierDocumentService {
  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.db;
  }

  private async checklist(db: Kysely<DB>, system: AiSystemTable): Promise<SupplierDocuments> {
    const [vendor, header, rows, bases] = await Promise.all([
      system.vendor_id ? repo.findVendor(db, system.vendor_id) : Promise.resolve(undefined),
      repo.findChecklist(db, system.id),
      repo.documentsOf(db, [system.id]),
      basesOfSystems(db, [system.id]),
    ]);
    return buildChecklist(system, vendor, header, rows, bases.get(system.id), today());
  }

  async get(actor: Actor, systemId: string): Promise<SupplierDocuments> {
    const system = await findSystem(this.db, systemId);
    if (!system) throw notFound('AI system');
    await assertInScope(this.db, actor, 'vendor.read', system.org_unit_id, system.id);
    return this.checklist(this.db, system);
  }

  async update(actor: Actor, systemId: string, input: SupplierDocumentsUpdate): Promise<SupplierDocuments> {
    const now = new Date().toISOString();
    const day = officeToday();
    // A day's grace for "in the future": a user in another time zone may be a day ahead of the office.
    const latest = addCalendarDays(day, 1);
    await this.db.transaction().execute(async (trx) => {
      const system = await findSystemForUpdate(trx, this.database.dialect, systemId);
      if (!system) throw notFound('AI system');
      await assertInScope(trx, actor, 'vendor.edit', system.org_unit_id, system.id);
      if (system.archived_at !== null) throw conflict('archived', 'The documents of an archived AI system are not changed');
      if (system.sourcing !== 'procured') throw conflict('not-procured', 'Only a procured AI system has documents its supplier owes');
      const before = await this.checklist(trx, system);
      if (before.version !== input.version) throw versionConflict();

      const errors: { path: string; message: string }[] = [];
      let productId = before.productId;
      if (input.productId !== undefined) {
        const vendor = system.vendor_id ? await repo.findVendor(trx, system.vendor_id) : undefined;
        const products = vendor ? (JSON.parse(vendor.products) as VendorProduct[]) : [];
        if (input.productId !== null && !products.some((p) => p.id === input.productId)) errors.push({ path: 'productId', message: "Not a product of the system's vendor" });
        productId = input.productId;
      }
      const rows: SupplierDocumentTable[] = [];
      for (const [i, item] of input.items.entries()) {
        const owed = before.items.find((d) => d.kind === item.kind)!.owed;
        if (item.status === 'not-applicable' && owed === 'required' && item.note.trim() === '') {
          errors.push({ path: `items.${i}.note`, message: 'The Act requires this document: say why it does not apply' });
        }
        if (item.status === 'received' && item.kind === 'eu-registration' && item.reference.trim() === '') {
          errors.push({ path: `items.${i}.reference`, message: 'Record the registration number' });
        }
        if (item.receivedOn !== null && item.receivedOn > latest) errors.push({ path: `items.${i}.receivedOn`, message: 'The date lies in the future' });
        if (item.evidenceId !== null && !(await repo.evidenceUsableBy(trx, item.evidenceId, systemId))) {
          errors.push({ path: `items.${i}.evidenceId`, message: 'Not an evidence record of this AI system' });
        }
        rows.push({
          system_id: systemId, kind: item.kind, status: item.status, due_date: item.dueDate,
          // Received needs a date: today unless given; other states keep none.
          received_on: item.status === 'received' ? (item.receivedOn ?? day) : null,
          reference: item.reference, evidence_id: item.evidenceId, note: item.note, updated_at: now, updated_by_label: actor.label,
        });
      }
      if (errors.length) throw new HttpProblem(400, 'validation', 'The documents are invalid', errors);

      const header = await repo.findChecklist(trx, systemId);
      const gpai = input.gpaiBased ?? header?.gpai_based === 1;
      const unchanged = rows.filter((r) => {
        const current = before.items.find((d) => d.kind === r.kind)!;
        return current.recorded && current.status === r.status && current.dueDate === r.due_date && current.receivedOn === r.received_on
          && current.reference === r.reference && current.evidenceId === r.evidence_id && current.note === r.note;
      });
      const changedRows = rows.filter((r) => !unchanged.includes(r));
      if (changedRows.length === 0 && productId === before.productId && gpai === before.gpaiStated && !input.reason) return;
      for (const row of changedRows) await repo.upsertDocument(trx, row);
      const saved = await repo.saveChecklist(trx, {
        system_id: systemId, product_id: productId, gpai_based: gpai ? 1 : 0, version: before.version + 1, updated_at: now, updated_by_label: actor.label,
      }, before.version);
      if (!saved) throw versionConflict();
      const after = await this.checklist(trx, system);
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'supplier-documents.update', entityType: SUPPLIER_DOCUMENTS_ENTITY, entityId: systemId, changes: diffRecords(auditView(before), auditView(after)), reason: input.reason,
      }, now);
    });
    return this.get(actor, systemId);
  }
}
