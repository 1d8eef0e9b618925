import { beforeAll, describe, expect, it } from 'vitest';
import { apiFor } from './support/api.js';
import { asAdmin, session, useSuite } from './support/suite.js';

/**
 * Need-to-know (#9): VS-NfD evidence is invisible to an uncleared owner of the same unit until an administrator
 * grants the clearance in the user dialog.
 */
const suite = useSuite();
const CLARA = { email: 'clara.ermaechtigt@e2e.example', displayName: 'Clara Ermächtigt', password: 'Ermaechtigt-Passwort-2026!' };
const UWE = { email: 'uwe.ohne@e2e.example', displayName: 'Uwe Ohne', password: 'Ohne-Ermaechtigung-2026!' };
const SECRET = 'Lagebild Q4 (eingestuft)';
const OPEN = 'Offener Prüfbericht';

beforeAll(async () => {
  const systemId = await asAdmin(suite, async ({ post }) => {
    const unit = await post<{ id: string }>('/org-units', { name: 'Referat Lage', shortName: 'L 1' });
    await post('/users', { ...CLARA, roles: [{ orgUnitId: unit.id, role: 'owner' }], clearance: 'VS-NfD' });
    await post('/users', { ...UWE, roles: [{ orgUnitId: unit.id, role: 'owner' }] });
    return (await post<{ id: string }>('/systems', { name: 'Lagebildauswertung', purpose: 'Wertet Lagemeldungen aus.', orgUnitId: unit.id, roles: ['deployer'] })).id;
  });
  const clara = await session(suite, CLARA);
  const api = await apiFor(clara.page, suite.server.baseUrl);
  await api.post('/evidence/link', { systemId, url: 'https://intranet.example/lage', title: SECRET, classification: 'VS-NfD' });
  await api.post('/evidence/link', { systemId, url: 'https://intranet.example/pruef', title: OPEN, classification: 'offen' });
  await clara.context.close();
});

describe('clearance for classified records', () => {
  it('hides VS-NfD evidence from an uncleared owner until an administrator grants the clearance', async () => {
    const uwe = await session(suite, UWE);
    await uwe.page.goto(`${suite.server.baseUrl}/evidence`);
    await uwe.page.getByRole('link', { name: OPEN }).waitFor();
    expect(await uwe.page.getByRole('link', { name: SECRET }).count()).toBe(0);

    const admin = await session(suite, { email: suite.server.adminEmail, password: suite.server.adminPassword });
    await admin.page.goto(`${suite.server.baseUrl}/users`);
    await admin.page.getByRole('button', { name: `„${UWE.displayName}“ bearbeiten` }).click();
    const dialog = admin.page.getByRole('dialog', { name: 'Benutzer bearbeiten' });
    await dialog.getByRole('combobox', { name: 'Ermächtigung (Verschlusssachen)' }).selectOption({ label: 'VS – NUR FÜR DEN DIENSTGEBRAUCH' });
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(admin.page.getByRole('row', { name: new RegExp(UWE.displayName) }).textContent()).resolves.toContain('VS-NfD');
    await admin.page.screenshot({ path: '/tmp/konform-clearance-users.png' });

    await uwe.page.reload();
    const secret = uwe.page.getByRole('row', { name: new RegExp(SECRET.replace(/[()]/g, '\\$&')) });
    await secret.waitFor();
    await expect(secret.textContent()).resolves.toContain('VS – NUR FÜR DEN DIENSTGEBRAUCH');
    expect(uwe.errors).toEqual([]);
    await uwe.context.close();
    await admin.context.close();
  });
});
