import { SUPPLIER_DOCUMENT_NOTICE_DAYS, VENDOR_REVIEW_NOTICE_DAYS } from '@konform/core';
import type { Database } from '../../db/database.js';
import { addDays, isoDate, type Occasion } from './types.js';

const DOCUMENT_NAMES: Record<string, { de: string; en: string }> = {
  'instructions-for-use': { de: 'Betriebsanleitung', en: 'Instructions for use' },
  'art-13-information': { de: 'Informationen nach Art. 13', en: 'Information under Art. 13' },
  'declaration-of-conformity': { de: 'EU-Konformitätserklärung', en: 'EU declaration of conformity' },
  'eu-registration': { de: 'Registrierung in der EU-Datenbank', en: 'Registration in the EU database' },
  'gpai-information': { de: 'Informationen nach Art. 53 Abs. 1 Buchst. b', en: 'Information under Art. 53(1)(b)' },
};

/**
 * Documents a supplier owes that are still missing and due within 14 days or past due (procured systems in use),
 * to everyone who may record them (vendor.edit in the system's unit).
 */
export async function supplierDocumentOccasions(database: Database, now: Date): Promise<Occasion[]> {
  const today = isoDate(now);
  const rows = await database.db
    .selectFrom('supplier_document as d')
    .innerJoin('ai_system as s', 's.id', 'd.system_id')
    .leftJoin('vendor as v', 'v.id', 's.vendor_id')
    .select(['d.system_id', 'd.kind', 'd.due_date', 's.name as system_name', 's.org_unit_id', 'v.name as vendor_name'])
    .where('d.status', '=', 'missing')
    .where('d.due_date', 'is not', null)
    .where('d.due_date', '<=', isoDate(addDays(now, SUPPLIER_DOCUMENT_NOTICE_DAYS)))
    .where('s.sourcing', '=', 'procured')
    .where('s.archived_at', 'is', null)
    .execute();
  return rows.map((r) => {
    const date = r.due_date!;
    const overdue = date < today;
    const doc = DOCUMENT_NAMES[r.kind] ?? { de: r.kind, en: r.kind };
    const vendor = r.vendor_name ?? '';
    const from = vendor === '' ? { de: 'des Lieferanten', en: 'from the supplier' } : { de: `von „${vendor}“`, en: `from "${vendor}"` };
    return {
      kind: overdue ? 'supplier-document-overdue' : 'supplier-document-due',
      key: `supplier-document:${r.system_id}:${r.kind}:${date}:${overdue ? 'overdue' : 'due'}`,
      recipients: { permission: 'vendor.edit', unitId: r.org_unit_id },
      link: `/systems/${r.system_id}?tab=supplier`,
      title: overdue
        ? { de: `Lieferantenunterlage überfällig: ${doc.de} – ${r.system_name}`, en: `Supplier document overdue: ${doc.en} – ${r.system_name}` }
        : { de: `Lieferantenunterlage fällig: ${doc.de} – ${r.system_name}`, en: `Supplier document due: ${doc.en} – ${r.system_name}` },
      body: overdue
        ? {
            de: `Für das KI-System „${r.system_name}“ fehlt die Lieferantenunterlage „${doc.de}“ ${from.de}; sie war bis ${date} fällig. Bitte fordern Sie sie an oder halten Sie den Stand fest.`,
            en: `The supplier document "${doc.en}" ${from.en} for the AI system "${r.system_name}" was due by ${date} and is still missing. Please request it or record its status.`,
          }
        : {
            de: `Für das KI-System „${r.system_name}“ fehlt noch die Lieferantenunterlage „${doc.de}“ ${from.de}; sie ist bis ${date} fällig.`,
            en: `The supplier document "${doc.en}" ${from.en} for the AI system "${r.system_name}" is due by ${date} and still missing.`,
          },
    } satisfies Occasion;
  });
}

/**
 * Suppliers whose next review (of the last assessment) is within 30 days or past, to the holders of vendor.edit for
 * the whole organisation (the root units): vendors are organisation-wide.
 */
export async function vendorReviewOccasions(database: Database, now: Date): Promise<Occasion[]> {
  const today = isoDate(now);
  const db = database.db;
  const [assessments, roots] = await Promise.all([
    db
      .selectFrom('vendor_assessment as a')
      .innerJoin('vendor as v', 'v.id', 'a.vendor_id')
      .select(['a.id', 'a.vendor_id', 'a.assessed_on', 'a.created_at', 'a.next_review', 'v.name as vendor_name'])
      .orderBy('a.assessed_on', 'desc')
      .orderBy('a.created_at', 'desc')
      .execute(),
    db.selectFrom('org_unit').select('id').where('parent_id', 'is', null).where('archived_at', 'is', null).execute(),
  ]);
  const horizon = isoDate(addDays(now, VENDOR_REVIEW_NOTICE_DAYS));
  const latest = new Map<string, (typeof assessments)[number]>();
  for (const a of assessments) if (!latest.has(a.vendor_id)) latest.set(a.vendor_id, a);
  const result: Occasion[] = [];
  for (const a of latest.values()) {
    const date = a.next_review;
    if (date === null || date > horizon) continue;
    const overdue = date < today;
    // One occasion per root unit with the same key: a user holding vendor.edit in several gets it once.
    for (const root of roots) {
      result.push({
        kind: 'vendor-assessment-due',
        key: `vendor-assessment:${a.id}:${date}`,
        recipients: { permission: 'vendor.edit', unitId: root.id },
        link: `/vendors/${a.vendor_id}`,
        title: overdue
          ? { de: `Lieferantenbewertung überfällig: ${a.vendor_name}`, en: `Supplier assessment overdue: ${a.vendor_name}` }
          : { de: `Lieferantenbewertung steht an: ${a.vendor_name}`, en: `Supplier assessment coming up: ${a.vendor_name}` },
        body: overdue
          ? {
              de: `Der Lieferant „${a.vendor_name}“ hätte am ${date} erneut bewertet werden sollen (letzte Bewertung vom ${a.assessed_on}).`,
              en: `The supplier "${a.vendor_name}" was due for reassessment on ${date} (last assessed on ${a.assessed_on}).`,
            }
          : {
              de: `Der Lieferant „${a.vendor_name}“ ist am ${date} erneut zu bewerten (letzte Bewertung vom ${a.assessed_on}).`,
              en: `The supplier "${a.vendor_name}" is due for reassessment on ${date} (last assessed on ${a.assessed_on}).`,
            },
      });
    }
  }
  return result;
}

/** The supplier reminders: owed documents and assessment reviews. */
export async function supplierOccasions(database: Database, now: Date): Promise<Occasion[]> {
  const [documents, reviews] = await Promise.all([supplierDocumentOccasions(database, now), vendorReviewOccasions(database, now)]);
  return [...documents, ...reviews];
}
