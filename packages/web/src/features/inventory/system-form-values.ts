import type { AiSystem, AiSystemCreate, AiSystemUpdate, LifecycleStage, Marking, OperatorRole } from '@konform/core';

export type Sourcing = AiSystem['sourcing'];
export type Autonomy = AiSystem['autonomy'];

/** Everything the system form edits. */
export interface SystemFormValues {
  name: string;
  shortName: string;
  purpose: string;
  description: string;
  orgUnitId: string;
  responsible: string;
  lifecycleStage: LifecycleStage;
  roles: OperatorRole[];
  sourcing: Sourcing;
  vendor: string;
  /** The vendor record; null with a non-empty `vendor`: a new vendor the server creates on save. */
  vendorId: string | null;
  deploymentContext: string;
  affectedPersons: string;
  autonomy: Autonomy;
  tags: string[];
  /** The record's classification level (VS-NfD: need-to-know). */
  classification: Marking;
}

export const FORM_FIELDS = [
  'name',
  'shortName',
  'purpose',
  'description',
  'orgUnitId',
  'responsible',
  'lifecycleStage',
  'roles',
  'sourcing',
  'vendor',
  'vendorId',
  'deploymentContext',
  'affectedPersons',
  'autonomy',
  'tags',
  'classification',
] as const satisfies readonly (keyof SystemFormValues)[];

export function emptyValues(orgUnitId = ''): SystemFormValues {
  return {
    name: '',
    shortName: '',
    purpose: '',
    description: '',
    orgUnitId,
    responsible: '',
    lifecycleStage: 'planned',
    roles: ['deployer'],
    sourcing: 'in-house',
    vendor: '',
    vendorId: null,
    deploymentContext: '',
    affectedPersons: '',
    autonomy: 'human-in-the-loop',
    tags: [],
    classification: 'offen',
  };
}

export function valuesOf(system: AiSystem): SystemFormValues {
  const values = emptyValues();
  for (const field of FORM_FIELDS) Object.assign(values, { [field]: system[field] });
  return values;
}

export function toCreate(values: SystemFormValues): AiSystemCreate {
  return { ...values };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Only the changed fields, with the version the user edited and the optional reason. */
export function toUpdate(initial: SystemFormValues, values: SystemFormValues, version: number, reason: string): AiSystemUpdate | null {
  const changed: Partial<SystemFormValues> = {};
  for (const field of FORM_FIELDS) {
    if (!same(initial[field], values[field])) Object.assign(changed, { [field]: values[field] });
  }
  if (Object.keys(changed).length === 0) return null;
  return { ...changed, version, ...(reason.trim() === '' ? {} : { reason: reason.trim() }) };
}
