import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.

/** Frozen copy of core's normaliseVendorName: trimmed, whitespace runs collapsed, NFC. */
function normalise(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/gu, ' ');
}
/** Frozen copy of core's vendorNameKey: names differing only in case or whitespace share it. */
function nameKey(name: string): string {
  return normalise(name).toLowerCase();
}
/** Frozen copy of the inventory's search text (systems/presenter.ts at the time of this migration). */
function searchText(row: { name: string; short_name: string; purpose: string; vendor: string; responsible: string; tags: string; description: string }): string {
  const tags = JSON.parse(row.tags) as string[];
  return [row.name, row.short_name, row.purpose, row.vendor, row.responsible, tags.join(' '), row.description.slice(0, 2000)].join('\n').toLocaleLowerCase('de');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // A supplier of procured AI: organisation-wide, unique by name regardless of case and whitespace.
  await db.schema
    .createTable('vendor')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('contact_person', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('website', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('contracts', 'text', (c) => c.notNull())
    .addColumn('products', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .execute();

  // The system's free-text vendor becomes a link; the text column stays as the linked vendor's name (search).
  await db.schema.alterTable('ai_system').addColumn('vendor_id', 'text', (c) => c.references('vendor.id')).execute();
  await db.schema.createIndex('ai_system_vendor_idx').on('ai_system').columns(['vendor_id']).execute();

  // One vendor per distinct name; the first spelling (oldest system first) wins, the others are kept in its notes.
  const systems = (await db
    .selectFrom('ai_system')
    .select(['id', 'name', 'short_name', 'purpose', 'vendor', 'responsible', 'tags', 'description', 'created_at'])
    .orderBy('created_at')
    .orderBy('id')
    .execute()) as { id: string; name: string; short_name: string; purpose: string; vendor: string; responsible: string; tags: string; description: string }[];
  const now = new Date().toISOString();
  const vendors = new Map<string, { id: string; name: string; spellings: string[]; systems: typeof systems }>();
  for (const system of systems) {
    if (system.vendor.trim() === '') continue;
    const key = nameKey(system.vendor);
    let vendor = vendors.get(key);
    if (!vendor) {
      vendor = { id: randomUUID(), name: normalise(system.vendor), spellings: [], systems: [] };
      vendors.set(key, vendor);
    }
    if (!vendor.spellings.includes(system.vendor)) vendor.spellings.push(system.vendor);
    vendor.systems.push(system);
  }
  for (const [key, vendor] of vendors) {
    const others = vendor.spellings.filter((s) => s !== vendor.name);
    const notes = others.length > 0 ? `Schreibweisen im Inventar vor der Umstellung auf Lieferanten-Datensätze: ${vendor.spellings.map((s) => `„${s}“`).join(', ')}` : '';
    await db
      .insertInto('vendor')
      .values({
        id: vendor.id, name: vendor.name, name_key: key, address: '', contact_person: '', email: '', phone: '', website: '', notes,
        contracts: '[]', products: '[]', version: 1, created_at: now, updated_at: now, created_by_label: 'Migration 2026-11-26-0013',
      })
      .execute();
    for (const system of vendor.systems) {
      // Variant spellings take the vendor's name, so the system shows what the record says; version and history stay.
      const values = system.vendor === vendor.name ? { vendor_id: vendor.id } : { vendor_id: vendor.id, vendor: vendor.name, search_text: searchText({ ...system, vendor: vendor.name }) };
      await db.updateTable('ai_system').set(values).where('id', '=', system.id).execute();
    }
  }

  // What the provider of a procured system owes, per system: a header (product, GPAI, version) and one row per document.
  await db.schema
    .createTable('supplier_checklist')
    .addColumn('system_id', 'text', (c) => c.primaryKey().references('ai_system.id'))
    .addColumn('product_id', 'text')
    .addColumn('gpai_based', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by_label', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('supplier_document')
    .addColumn('system_id', 'text', (c) => c.notNull().references('ai_system.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('received_on', 'text')
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('evidence_id', 'text', (c) => c.references('evidence.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by_label', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('supplier_document_pk', ['system_id', 'kind'])
    .execute();
  await db.schema.createIndex('supplier_document_due_idx').on('supplier_document').columns(['status', 'due_date']).execute();

  // Supplier assessments: questionnaire answers, result, findings (JSON) and the next review.
  await db.schema
    .createTable('vendor_assessment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vendor_id', 'text', (c) => c.notNull().references('vendor.id'))
    .addColumn('assessed_on', 'text', (c) => c.notNull())
    .addColumn('assessor', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('conditions', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('next_review', 'text')
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('vendor_assessment_vendor_idx').on('vendor_assessment').columns(['vendor_id', 'assessed_on']).execute();
  await db.schema.createIndex('vendor_assessment_review_idx').on('vendor_assessment').columns(['next_review']).execute();
}

export async function down(): Promise<void> {
  throw new Error('The vendors migration cannot be reverted');
}
