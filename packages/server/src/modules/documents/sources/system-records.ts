import type { Kysely } from 'kysely';
import type { ClassificationFacts, ClassificationResult, Datasheet, DocumentType, ProviderInput, ReleasedDocumentRef } from '@konform/core';
import type { AiSystemTable, DB } from '../../../db/schema.js';

/**
 * Record queries shared by the instructions for use, the declaration of conformity and the registration data: the
 * provider, the latest classification with its stored facts and result, linked models and datasets, and released
 * documents of the same system.
 */

export const parseList = (json: string): string[] => {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
};

const parseObject = <T>(json: string): Partial<T> => {
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
};

/** The organisation: the top of the unit's chain (the unit itself when it has no parent). */
async function organisationName(db: Kysely<DB>, unitId: string): Promise<string> {
  let id: string | null = unitId;
  let name = '';
  for (let depth = 0; id && depth < 20; depth++) {
    const unit: { name: string; parent_id: string | null } | undefined = await db.selectFrom('org_unit').select(['name', 'parent_id']).where('id', '=', id).executeTakeFirst();
    if (!unit) break;
    name = unit.name;
    id = unit.parent_id;
  }
  return name;
}

/**
 * The provider as the records name it: the own organisation when the system records the provider role (its address is
 * not held in the records), otherwise the linked vendor with its address and contact.
 */
export async function providerOf(db: Kysely<DB>, system: AiSystemTable): Promise<ProviderInput> {
  if (parseList(system.roles).includes('provider')) {
    return { source: 'organisation', name: await organisationName(db, system.org_unit_id), address: '', contact: system.responsible };
  }
  const vendor = system.vendor_id ? await db.selectFrom('vendor').selectAll().where('id', '=', system.vendor_id).executeTakeFirst() : undefined;
  if (vendor) {
    const contact = [vendor.contact_person, vendor.email, vendor.phone, vendor.website].map((x) => x.trim()).filter((x) => x !== '').join(', ');
    return { source: 'vendor', name: vendor.name, address: vendor.address, contact };
  }
  return { source: system.vendor.trim() !== '' ? 'vendor' : 'none', name: system.vendor, address: '', contact: '' };
}

export interface LatestClassification {
  number: number;
  status: string;
  riskClass: string;
  decidedAt: string;
  note: string;
  facts: Partial<ClassificationFacts>;
  result: Partial<ClassificationResult>;
}

export async function latestClassification(db: Kysely<DB>, systemId: string): Promise<LatestClassification | null> {
  const row = await db.selectFrom('classification_revision').selectAll().where('system_id', '=', systemId).orderBy('number', 'desc').executeTakeFirst();
  if (!row) return null;
  return {
    number: Number(row.number), status: row.status, riskClass: row.risk_class, decidedAt: row.decided_at, note: row.note,
    facts: parseObject<ClassificationFacts>(row.facts), result: parseObject<ClassificationResult>(row.result),
  };
}

export interface LinkedVersions {
  models: { id: string; name: string; provider: string; version: string; digest: string; role: string }[];
  datasets: { id: string; name: string; provider: string; version: string; digest: string; role: string; datasheet: Partial<Datasheet> | null }[];
}

/** The model and dataset versions linked to the system, in link order. */
export async function linkedVersions(db: Kysely<DB>, systemId: string): Promise<LinkedVersions> {
  const links = await db.selectFrom('system_item_link').selectAll().where('system_id', '=', systemId).orderBy('position').execute();
  const modelIds = links.filter((l) => l.item_type === 'model').map((l) => l.version_id);
  const datasetIds = links.filter((l) => l.item_type === 'dataset').map((l) => l.version_id);
  const models = modelIds.length === 0 ? [] : await db.selectFrom('model_version').innerJoin('model', 'model.id', 'model_version.item_id')
    .select(['model_version.id', 'model.name', 'model.provider', 'model_version.label', 'model_version.manifest_digest']).where('model_version.id', 'in', modelIds).execute();
  const datasets = datasetIds.length === 0 ? [] : await db.selectFrom('dataset_version').innerJoin('dataset', 'dataset.id', 'dataset_version.item_id')
    .select(['dataset_version.id', 'dataset.name', 'dataset.provider', 'dataset_version.label', 'dataset_version.datasheet', 'dataset_version.manifest_digest']).where('dataset_version.id', 'in', datasetIds).execute();
  const role = (versionId: string) => links.find((l) => l.version_id === versionId)?.role ?? '';
  const inOrder = <T extends { id: string }>(list: T[], ids: string[]) => ids.map((id) => list.find((x) => x.id === id)).filter((x): x is T => x !== undefined);
  return {
    models: inOrder(models, modelIds).map((m) => ({ id: m.id, name: m.name, provider: m.provider, version: m.label, digest: m.manifest_digest, role: role(m.id) })),
    datasets: inOrder(datasets, datasetIds).map((d) => {
      const sheet = parseObject<Datasheet>(d.datasheet);
      return { id: d.id, name: d.name, provider: d.provider, version: d.label, digest: d.manifest_digest, role: role(d.id), datasheet: Object.keys(sheet).length > 0 ? sheet : null };
    }),
  };
}

/** The latest released (not superseded) version of the system's document of a type, in any language. */
export async function releasedDocument(db: Kysely<DB>, systemId: string, type: DocumentType): Promise<ReleasedDocumentRef | null> {
  const row = await db.selectFrom('document_version').innerJoin('document', 'document.id', 'document_version.document_id')
    .select(['document.id', 'document.title', 'document_version.number', 'document_version.released_at'])
    .where('document.system_id', '=', systemId).where('document.type', '=', type).where('document_version.status', '=', 'released')
    .orderBy('document_version.released_at', 'desc').executeTakeFirst();
  return row?.released_at ? { documentId: row.id, title: row.title, number: Number(row.number), releasedAt: row.released_at } : null;
}
