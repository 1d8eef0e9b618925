import { randomUUID } from 'node:crypto';
import { diffRecords, normaliseVendorName, vendorNameKey } from '@konform/core';
import type { Transaction } from 'kysely';
import type { DB, VendorTable } from '../../db/schema.js';
import type { DialectName } from '../../db/dialect.js';
import type { Actor } from '../../access/actor.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { invalid } from '../../http/errors.js';
import { presentVendor } from './presenter.js';
import * as repo from './repository.js';

export const VENDOR_ENTITY = 'vendor';

/** The columns of a system that name its vendor. */
export interface VendorLink {
  vendor_id: string | null;
  vendor: string;
}

/** A new vendor row with nothing but its name. */
export function newVendorRow(name: string, actor: Actor, now: string): VendorTable {
  return {
    id: randomUUID(), name: normaliseVendorName(name), name_key: vendorNameKey(name), address: '', contact_person: '', email: '', phone: '', website: '', notes: '',
    contracts: '[]', products: '[]', version: 1, created_at: now, updated_at: now, created_by_label: actor.label,
  };
}

/**
 * The vendor of that name (case and whitespace aside), created when there is none: clients that send only a name
 * (older clients, the intake flow, the demo) keep working, and no second record of one supplier arises.
 * Creating one records its own audit event in the caller's transaction.
 */
export async function findOrCreateVendor(trx: Transaction<DB>, dialect: DialectName, actor: Actor, name: string, now: string, reason: string): Promise<VendorTable> {
  const existing = await repo.findVendorByKey(trx, vendorNameKey(name));
  if (existing) return existing;
  const row = newVendorRow(name, actor, now);
  if (!(await repo.insertVendorIfAbsent(trx, row))) return (await repo.findVendorByKey(trx, row.name_key))!;
  await appendAuditEvent(trx, dialect, actor, { action: 'vendor.create', entityType: VENDOR_ENTITY, entityId: row.id, changes: diffRecords(null, presentVendor(row)), reason }, now);
  return row;
}

/**
 * What a system write says about its vendor, as columns; undefined when it says nothing (the link stays).
 * `vendorId` links a vendor record (and wins); otherwise a non-empty `vendor` name is found or created, and an
 * empty one removes the link.
 */
export async function resolveVendorLink(
  trx: Transaction<DB>,
  dialect: DialectName,
  actor: Actor,
  input: { vendorId?: string | null | undefined; vendor?: string | undefined },
  now: string,
): Promise<VendorLink | undefined> {
  if (input.vendorId) {
    const vendor = await repo.findVendor(trx, input.vendorId);
    if (!vendor) throw invalid('vendorId', 'No such vendor');
    if (input.vendor !== undefined && input.vendor.trim() !== '' && vendorNameKey(input.vendor) !== vendor.name_key) {
      throw invalid('vendor', `The name does not match the linked vendor "${vendor.name}"`);
    }
    return { vendor_id: vendor.id, vendor: vendor.name };
  }
  if (input.vendor === undefined) return input.vendorId === null ? { vendor_id: null, vendor: '' } : undefined;
  if (input.vendor.trim() === '') return { vendor_id: null, vendor: '' };
  const vendor = await findOrCreateVendor(trx, dialect, actor, input.vendor, now, 'Angelegt mit einem KI-System');
  return { vendor_id: vendor.id, vendor: vendor.name };
}
