import { AiSystemCreate } from '@konform/core';
import type { Database } from '../db/database.js';
import { systemActor } from '../access/actor.js';
import { createServices } from '../app.js';
import { generatePassword } from '../auth/password.js';
import { DEMO_SYSTEMS, DEMO_UNITS, DEMO_USERS } from './portfolio.js';

export interface DemoResult {
  created: boolean;
  password: string | null;
  summary: string;
}

/** Loads the demo portfolio through the services, so every record has its audit events. Runs once per database. */
export async function loadDemo(database: Database, password?: string): Promise<DemoResult> {
  const root = DEMO_UNITS[0]!;
  const existing = await database.db.selectFrom('org_unit').select('id').where('name', '=', root.name).executeTakeFirst();
  if (existing) return { created: false, password: null, summary: 'The demo portfolio is loaded already; nothing changed.' };

  const services = createServices(database);
  const actor = systemActor('system (demo loader)');
  const unitIds = new Map<string, string>();
  for (const unit of DEMO_UNITS) {
    const parentId = unit.parent ? unitIds.get(unit.parent) ?? null : null;
    const created = await services.orgUnits.create(actor, { name: unit.name, shortName: unit.shortName, parentId });
    unitIds.set(unit.key, created.id);
  }
  const unitId = (key: string) => {
    const id = unitIds.get(key);
    if (!id) throw new Error(`Demo data names an unknown unit: ${key}`);
    return id;
  };
  const userPassword = password ?? generatePassword();
  for (const user of DEMO_USERS) {
    await services.users.create(actor, {
      email: user.email,
      displayName: user.displayName,
      password: userPassword,
      locale: 'de',
      roles: user.roles.map((r) => ({ orgUnitId: unitId(r.unit), role: r.role })),
    });
  }
  for (const { unit, ...system } of DEMO_SYSTEMS) {
    // Parse through the API schema so demo data obeys the same rules as user input.
    await services.systems.create(actor, AiSystemCreate.parse({ ...system, orgUnitId: unitId(unit) }));
  }
  const lines = [
    `Demo portfolio loaded: ${DEMO_UNITS.length} organisational units, ${DEMO_USERS.length} users, ${DEMO_SYSTEMS.length} AI systems.`,
    ...DEMO_USERS.map((u) => `  ${u.email} (${u.roles.map((r) => r.role).join(', ')})`),
    password ? 'The demo users have the password you gave.' : `Password of every demo user: ${userPassword}`,
  ];
  return { created: true, password: userPassword, summary: lines.join('\n') };
}
