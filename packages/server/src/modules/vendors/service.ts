import { randomUUID } from 'node:crypto';
import { addCalendarDays, officeToday, VENDOR_REVIEW_NOTICE_DAYS, diffRecords, normaliseVendorName, vendorNameKey, vendorReviewState, type AssessmentResult, type ListPage, type Permission, type VendorContract, type VendorContractInput, type VendorCreate, type VendorDetail, type VendorListQuery, type VendorProduct, type VendorProductInput, type VendorSummary, type VendorSystem, type VendorUpdate } from '@konform/core';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB, VendorTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { inScope, systemAllowed, unitScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { HttpProblem, forbidden, notFound, versionConflict } from '../../http/errors.js';
import { searchText, presentSystem } from '../systems/presenter.js';
import { documentCounts } from './checklist.js';
import { VENDOR_ENTITY } from './link.js';
import { presentVendor } from './presenter.js';
import * as repo from './repository.js';

const json = (value: unknown) => JSON.stringify(value);
const today = () => officeToday();
const daysAhead = (days: number) => addCalendarDays(officeToday(), days);

/** Vendors are organisation-wide: holding the permission in any unit is enough (the route gate checks the same). */
export async function assertHolds(db: Kysely<DB>, actor: Actor, permission: Permission): Promise<void> {
  const scope = await unitScope(db, actor, permission);
  if (scope !== 'all' && scope.size === 0) throw forbidden(`Your roles do not grant ${permission}`);
}

export const nameTaken = () =>
  new HttpProblem(409, 'name-taken', 'A vendor of this name exists already (case and spaces aside)', [{ path: 'name', message: 'A vendor of this name exists already' }]);

const withContractIds = (contracts: readonly VendorContractInput[]): VendorContract[] =>
  contracts.map((c) => ({
    id: c.id ?? randomUUID(), title: c.title, reference: c.reference ?? '', startDate: c.startDate ?? null, endDate: c.endDate ?? null,
    noticePeriod: c.noticePeriod ?? '', notes: c.notes ?? '',
  }));
const withProductIds = (products: readonly VendorProductInput[]): VendorProduct[] =>
  products.map((p) => ({ id: p.id ?? randomUUID(), name: p.name, version: p.version ?? '', description: p.description ?? '', gpai: p.gpai ?? false }));

/** The suppliers of procured AI: contact, contracts, AI products, and how they stand (systems, assessment, documents). */
export class VendorService {
  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.db;
  }

  /** Systems, last assessment and documents of each vendor, counted within what the reader may see. */
  private async standing(actor: Actor, vendors: readonly VendorTable[]) {
    const [systemScope, vendorScope] = await Promise.all([unitScope(this.db, actor, 'system.read'), unitScope(this.db, actor, 'vendor.read')]);
    const visible = (unit: string) => inScope(systemScope, unit) && inScope(vendorScope, unit);
    const ids = vendors.map((v) => v.id);
    const [systems, latest] = await Promise.all([repo.systemsOfVendors(this.db, ids, actor), repo.latestAssessments(this.db, ids)]);
    const seen = systems.filter((s) => visible(s.org_unit_id) && systemAllowed(actor, s.id));
    const counts = await documentCounts(this.db, seen, new Map(vendors.map((v) => [v.id, v])), today());
    const day = today();
    const horizon = daysAhead(VENDOR_REVIEW_NOTICE_DAYS);
    return (vendor: VendorTable) => {
      const mine = seen.filter((s) => s.vendor_id === vendor.id);
      const last = latest.get(vendor.id);
      const live = mine.filter((s) => s.archived_at === null);
      const systemList: VendorSystem[] = mine.map((s) => ({
        id: s.id, name: s.name, orgUnitId: s.org_unit_id, sourcing: s.sourcing as VendorSystem['sourcing'], riskClass: s.risk_class as VendorSystem['riskClass'],
        archived: s.archived_at !== null, missingDocuments: counts.get(s.id)?.missing ?? 0, flaggedDocuments: counts.get(s.id)?.flagged ?? 0,
      }));
      return {
        systems: systemList,
        standing: {
          systemCount: live.length,
          lastAssessment: last ? { id: last.id, assessedOn: last.assessed_on, result: last.result as AssessmentResult } : null,
          nextReview: last?.next_review ?? null,
          reviewState: vendorReviewState(last?.next_review ?? null, day, horizon),
          missingDocuments: systemList.reduce((n, s) => n + s.missingDocuments, 0),
          flaggedDocuments: systemList.reduce((n, s) => n + s.flaggedDocuments, 0),
        },
      };
    };
  }

  async list(actor: Actor, query: VendorListQuery): Promise<ListPage<VendorSummary>> {
    await assertHolds(this.db, actor, 'vendor.read');
    let rows = await repo.listVendors(this.db);
    if (query.q) {
      const q = vendorNameKey(query.q);
      rows = rows.filter((r) => r.name_key.includes(q) || (JSON.parse(r.products) as VendorProduct[]).some((p) => p.name.toLowerCase().includes(q)));
    }
    const page = rows.slice(query.offset, query.offset + query.limit);
    const of = await this.standing(actor, page);
    return { items: page.map((row) => ({ ...presentVendor(row), ...of(row).standing })), total: rows.length, limit: query.limit, offset: query.offset };
  }

  async get(actor: Actor, id: string): Promise<VendorDetail> {
    await assertHolds(this.db, actor, 'vendor.read');
    const row = await repo.findVendor(this.db, id);
    if (!row) throw notFound('Vendor');
    const { systems, standing } = (await this.standing(actor, [row]))(row);
    return { ...presentVendor(row), ...standing, systems };
  }

  async create(actor: Actor, input: VendorCreate): Promise<VendorDetail> {
    await assertHolds(this.db, actor, 'vendor.edit');
    const now = new Date().toISOString();
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      const key = vendorNameKey(input.name);
      if (await repo.findVendorByKey(trx, key)) throw nameTaken();
      const row: VendorTable = {
        id, name: normaliseVendorName(input.name), name_key: key, address: input.address, contact_person: input.contactPerson, email: input.email,
        phone: input.phone, website: input.website, notes: input.notes, contracts: json(withContractIds(input.contracts)), products: json(withProductIds(input.products)),
        version: 1, created_at: now, updated_at: now, created_by_label: actor.label,
      };
      if (!(await repo.insertVendorIfAbsent(trx, row))) throw nameTaken();
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'vendor.create', entityType: VENDOR_ENTITY, entityId: id, changes: diffRecords(null, presentVendor(row)) }, now);
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, input: VendorUpdate): Promise<VendorDetail> {
    await assertHolds(this.db, actor, 'vendor.edit');
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const row = await repo.findVendorForUpdate(trx, this.database.dialect, id);
      if (!row) throw notFound('Vendor');
      if (Number(row.version) !== input.version) throw versionConflict();
      const next: VendorTable = { ...row };
      if (input.name !== undefined) {
        next.name = normaliseVendorName(input.name);
        next.name_key = vendorNameKey(input.name);
        if (next.name_key !== row.name_key && (await repo.findVendorByKey(trx, next.name_key))) throw nameTaken();
      }
      if (input.address !== undefined) next.address = input.address;
      if (input.contactPerson !== undefined) next.contact_person = input.contactPerson;
      if (input.email !== undefined) next.email = input.email;
      if (input.phone !== undefined) next.phone = input.phone;
      if (input.website !== undefined) next.website = input.website;
      if (input.notes !== undefined) next.notes = input.notes;
      if (input.contracts !== undefined) next.contracts = json(withContractIds(input.contracts));
      if (input.products !== undefined) next.products = json(withProductIds(input.products));
      const changes = diffRecords(presentVendor(row), presentVendor(next));
      if (changes.length === 0 && !input.reason) return;
      const values = { ...next, version: Number(row.version) + 1, updated_at: now };
      if (!(await repo.updateVendor(trx, id, Number(row.version), values))) throw versionConflict();
      if (next.name !== row.name) await this.renameOnSystems(trx, id, next.name);
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'vendor.update', entityType: VENDOR_ENTITY, entityId: id, changes, reason: input.reason }, now);
    });
    return this.get(actor, id);
  }

  /** The systems' vendor name is denormalised (search, older clients): it follows a rename, without a new system version. */
  private async renameOnSystems(trx: Transaction<DB>, vendorId: string, name: string) {
    for (const row of await repo.systemRowsOfVendor(trx, vendorId)) {
      const system = { ...presentSystem(row), vendor: name };
      await trx.updateTable('ai_system').set({ vendor: name, search_text: searchText(system) }).where('id', '=', row.id).execute();
    }
  }
}
