import {
  SUPPLIER_DOCUMENT_KINDS,
  isSupplierDocumentFlagged,
  owedDocumentsInputFrom,
  owedSupplierDocuments,
  type OperatorRole,
  type SupplierDocument,
  type SupplierDocumentStatus,
  type SupplierDocuments,
  type VendorProduct,
} from '@konform/core';
import type { Kysely } from 'kysely';
import type { AiSystemTable, DB, SupplierChecklistTable, SupplierDocumentTable, VendorTable } from '../../db/schema.js';
import { basesOf } from '../requirements/service.js';
import type { ClassificationBasis } from '../requirements/applicability.js';

type SystemFields = Pick<AiSystemTable, 'id' | 'sourcing' | 'roles' | 'risk_class'> & { vendor_id?: string | null | undefined };

/** The classification each system's checklist rests on: the last approved revision, else the latest (a draft). */
export async function basesOfSystems(db: Kysely<DB>, systemIds: readonly string[]): Promise<Map<string, ClassificationBasis>> {
  if (systemIds.length === 0) return new Map();
  const revisions = await db
    .selectFrom('classification_revision')
    .select(['id', 'system_id', 'number', 'facts', 'result', 'approval_signature_id'])
    .where('system_id', 'in', [...systemIds])
    .orderBy('system_id')
    .orderBy('number', 'desc')
    .execute();
  return basesOf(revisions);
}

function productOf(vendor: VendorTable | undefined, productId: string | null): VendorProduct | undefined {
  if (!vendor || productId === null) return undefined;
  return (JSON.parse(vendor.products) as VendorProduct[]).find((p) => p.id === productId);
}

/**
 * One system's owed-documents checklist: each document with whether it is owed (core's rule over the classification)
 * and what has been recorded. A document not recorded yet counts as missing where owed and not applicable where not.
 */
export function buildChecklist(
  system: SystemFields,
  vendor: VendorTable | undefined,
  header: SupplierChecklistTable | undefined,
  rows: readonly SupplierDocumentTable[],
  basis: ClassificationBasis | undefined,
  today: string,
): SupplierDocuments {
  const productId = header?.product_id ?? null;
  const product = productOf(vendor, productId);
  const gpaiStated = header?.gpai_based === 1;
  const gpaiBased = gpaiStated || product?.gpai === true;
  const roles = JSON.parse(system.roles) as OperatorRole[];
  const classified = basis && basis.basis !== 'none' && basis.result && basis.facts ? { result: basis.result, facts: basis.facts } : null;
  const owed = owedSupplierDocuments(owedDocumentsInputFrom(classified, roles, gpaiBased));
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  const items: SupplierDocument[] = SUPPLIER_DOCUMENT_KINDS.map((kind) => {
    const rule = owed.find((o) => o.kind === kind)!;
    const row = byKind.get(kind);
    const status: SupplierDocumentStatus = row ? (row.status as SupplierDocumentStatus) : rule.owed === 'not-owed' ? 'not-applicable' : 'missing';
    const dueDate = row?.due_date ?? null;
    return {
      kind,
      owed: rule.owed,
      ref: rule.ref,
      reason: rule.reason,
      status,
      recorded: row !== undefined,
      dueDate,
      receivedOn: row?.received_on ?? null,
      reference: row?.reference ?? '',
      evidenceId: row?.evidence_id ?? null,
      note: row?.note ?? '',
      flagged: isSupplierDocumentFlagged({ status, dueDate }, today),
      updatedAt: row?.updated_at ?? null,
      updatedBy: row?.updated_by_label ?? null,
    };
  });
  return {
    systemId: system.id,
    procured: system.sourcing === 'procured',
    vendorId: vendor?.id ?? null,
    vendorName: vendor?.name ?? '',
    productId: product ? productId : null,
    gpaiBased,
    gpaiStated,
    classificationBasis: classified ? basis!.basis : 'none',
    riskClass: classified ? classified.result.riskClass : null,
    items,
    missing: items.filter((i) => i.status === 'missing').length,
    flagged: items.filter((i) => i.flagged).length,
    version: header ? Number(header.version) : 0,
  };
}

/** Missing and flagged documents of many systems at once (the vendor list and detail); in-house systems owe none. */
export async function documentCounts(db: Kysely<DB>, systems: readonly (SystemFields & { archived_at: string | null })[], vendors: ReadonlyMap<string, VendorTable>, today: string) {
  const procured = systems.filter((s) => s.sourcing === 'procured' && s.archived_at === null);
  const ids = procured.map((s) => s.id);
  const [headers, rows, bases] = await Promise.all([
    ids.length === 0 ? [] : db.selectFrom('supplier_checklist').selectAll().where('system_id', 'in', ids).execute(),
    ids.length === 0 ? [] : db.selectFrom('supplier_document').selectAll().where('system_id', 'in', ids).execute(),
    basesOfSystems(db, ids),
  ]);
  const counts = new Map<string, { missing: number; flagged: number }>();
  for (const system of procured) {
    const checklist = buildChecklist(
      system,
      system.vendor_id ? vendors.get(system.vendor_id) : undefined,
      headers.find((h) => h.system_id === system.id),
      rows.filter((r) => r.system_id === system.id),
      bases.get(system.id),
      today,
    );
    counts.set(system.id, { missing: checklist.missing, flagged: checklist.flagged });
  }
  return counts;
}
