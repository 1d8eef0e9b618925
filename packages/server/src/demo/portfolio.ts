import type { AiSystemCreate, Role } from '@konform/core';

export interface DemoUnit {
  key: string;
  name: string;
  shortName: string;
  parent?: string;
}
export interface DemoUser {
  email: string;
  displayName: string;
  roles: { unit: string; role: Role }[];
}
export type DemoSystem = Omit<AiSystemCreate, 'orgUnitId'> & { unit: string };

/** A fictitious German security authority; every name is invented. */
export const DEMO_UNITS: DemoUnit[] = [
  { key: 'root', name: 'Bundesamt für Digitale Sicherheit (Demo)', shortName: 'BDS' },
];

export const DEMO_USERS: DemoUser[] = [];

export const DEMO_SYSTEMS: DemoSystem[] = [];
