import type { TFunction } from 'i18next';
import type { VendorCreate, VendorDetail, VendorUpdate } from '@konform/core';
import { isApiError } from '../../api/client';

export interface ContractValues {
  id?: string;
  title: string;
  reference: string;
  startDate: string;
  endDate: string;
  noticePeriod: string;
  notes: string;
}

export interface ProductValues {
  id?: string;
  name: string;
  version: string;
  description: string;
  gpai: boolean;
}

export interface VendorFormValues {
  name: string;
  address: string;
  contactPerson: string;
  email: string;
  phone: string;
  website: string;
  notes: string;
  contracts: ContractValues[];
  products: ProductValues[];
}

export const emptyContract = (): ContractValues => ({ title: '', reference: '', startDate: '', endDate: '', noticePeriod: '', notes: '' });
export const emptyProduct = (): ProductValues => ({ name: '', version: '', description: '', gpai: false });

export function emptyVendorValues(): VendorFormValues {
  return { name: '', address: '', contactPerson: '', email: '', phone: '', website: '', notes: '', contracts: [], products: [] };
}

export function vendorValues(v: VendorDetail): VendorFormValues {
  return {
    name: v.name, address: v.address, contactPerson: v.contactPerson, email: v.email, phone: v.phone, website: v.website, notes: v.notes,
    contracts: v.contracts.map((c) => ({ id: c.id, title: c.title, reference: c.reference, startDate: c.startDate ?? '', endDate: c.endDate ?? '', noticePeriod: c.noticePeriod, notes: c.notes })),
    products: v.products.map((p) => ({ id: p.id, name: p.name, version: p.version, description: p.description, gpai: p.gpai })),
  };
}

function body(values: VendorFormValues) {
  return {
    ...values,
    contracts: values.contracts.map((c) => ({ ...c, startDate: c.startDate === '' ? null : c.startDate, endDate: c.endDate === '' ? null : c.endDate })),
  };
}

export function createPayload(values: VendorFormValues): VendorCreate {
  return body(values);
}

/** The changed fields only (contracts and products as whole lists), or null when nothing changed. */
export function updatePayload(initial: VendorFormValues, values: VendorFormValues, version: number): VendorUpdate | null {
  const before = body(initial);
  const after = body(values);
  const changed = Object.fromEntries(Object.entries(after).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key as keyof typeof before])));
  return Object.keys(changed).length === 0 ? null : { ...changed, version };
}

/** The server's field errors by full path (e.g. `contracts.0.endDate`), in the user's language. */
export function vendorFieldErrors(error: unknown, t: TFunction): Record<string, string> {
  if (!isApiError(error) || (error.status !== 400 && error.code !== 'name-taken')) return {};
  const result: Record<string, string> = {};
  for (const { path } of error.problem.errors ?? []) {
    const leaf = path.split('.').at(-1) ?? path;
    result[path] =
      error.code === 'name-taken' ? t('vendors.form.nameTaken')
      : leaf === 'email' ? t('vendors.form.emailInvalid')
      : leaf === 'website' ? t('vendors.form.websiteInvalid')
      : leaf === 'endDate' ? t('vendors.form.endBeforeStart')
      : leaf === 'name' || leaf === 'title' ? t('common.required')
      : t('errors.invalid');
  }
  return result;
}
