import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { asAdmin, session, useSuite } from './support/suite.js';

/**
 * Conformity assessment and change control (#10, points 4 and 5): an Annex VI assessment is started and its first
 * step prepared by one person and signed by a second (four eyes); a change recorded and decided as a substantial
 * modification → the follow-up tasks appear on the system's task tab and the assessment list shows them.
 */
const suite = useSuite();
const UNIT = 'Referat 24 – Konformität';
const PREPARER = { email: 'paula.pruefer@e2e.example', displayName: 'Paula Prüfer', password: 'Pruefer-Passwort-2026!' };
const SIGNER = { email: 'sven.zeichner@e2e.example', displayName: 'Sven Zeichner', password: 'Zeichner-Passwort-2026!' };
const SYSTEM = 'Bescheidentwürfe Elterngeld';
let systemId = '';

beforeAll(async () => {
  systemId = await asAdmin(suite, async ({ post, put }) => {
    const unit = await post<{ id: string }>('/org-units', { name: UNIT, shortName: 'R 24' });
    await post('/users', { ...PREPARER, roles: [{ orgUnitId: unit.id, role: 'governance' }] });
    await post('/users', { ...SIGNER, roles: [{ orgUnitId: unit.id, role: 'governance' }] });
    const system = await post<{ id: string }>('/systems', {
      name: SYSTEM, purpose: 'Entwirft Bescheide.', description: 'Schlägt Bescheidtexte vor.', autonomy: 'human-in-the-loop', orgUnitId: unit.id, roles: ['provider'],
    });
    await put(`/systems/${system.id}/classification`, { facts: { roles: ['provider'], annexIII: ['5.a'] }, answers: {}, note: 'Anhang III Nr. 5 Buchst. a.' });
    return system.id;
  });
});

describe('conformity assessment and change control', () => {
  it('signs an Annex VI step with four eyes, and a substantial change opens tasks', async () => {
    const base = suite.server.baseUrl;
    const preparer = await session(suite, PREPARER);
    await preparer.page.goto(`${base}/systems/${systemId}?tab=conformity`);
    await preparer.page.getByTestId('conformity-start').click();
    await preparer.page.getByTestId('conformity-status').getByText('In Bearbeitung').waitFor();
    await preparer.page.getByTestId('conformity-step-qms-notes').fill('KI-Politik und Verfahren nach Art. 17 freigegeben.');
    await preparer.page.getByTestId('conformity-step-qms-save').click();
    await preparer.page.getByTestId('conformity-step-qms').getByText('Vorbereitet', { exact: true }).waitFor();
    await expectAccessible(preparer.page, 'conformity tab');
    await preparer.page.screenshot({ path: '/tmp/konform-conformity-prepared.png', fullPage: true });

    // The preparer is refused (four eyes); the second person signs with the password.
    await preparer.page.getByTestId('conformity-step-qms-sign').click();
    await preparer.page.getByTestId('conformity-sign-password').fill(PREPARER.password);
    await preparer.page.getByTestId('conformity-sign-submit').click();
    await preparer.page.getByText('Vier-Augen-Prinzip: Eine andere Person als die vorbereitende muss unterzeichnen.').waitFor();
    await preparer.page.keyboard.press('Escape');

    const signer = await session(suite, SIGNER);
    await signer.page.goto(`${base}/systems/${systemId}?tab=conformity`);
    await signer.page.getByTestId('conformity-step-qms-sign').click();
    await expectAccessible(signer.page, 'sign step dialog');
    await signer.page.getByTestId('conformity-sign-password').fill(SIGNER.password);
    await signer.page.getByTestId('conformity-sign-submit').click();
    await signer.page.getByTestId('conformity-step-qms-signed').waitFor();
    await signer.page.getByTestId('conformity-step-qms').getByText(/Unterzeichnet von Sven Zeichner/).waitFor();
    await expectAccessible(signer.page, 'signed step');

    // Change control: recorded by the preparer, decided substantial by the signer.
    await preparer.page.goto(`${base}/systems/${systemId}?tab=changes`);
    await preparer.page.getByTestId('change-description').fill('Neue Modellversion mit erweitertem Einsatz für Widersprüche.');
    await preparer.page.getByTestId('change-record').click();
    await preparer.page.getByTestId('change-1').waitFor();

    await signer.page.goto(`${base}/systems/${systemId}?tab=changes`);
    await signer.page.getByTestId('change-1-assess').click();
    await signer.page.getByTestId('change-assess-yes').click();
    await signer.page.getByTestId('change-assess-rationale').fill('Die Zweckbestimmung ändert sich; nicht in der ursprünglichen Bewertung vorgesehen.');
    await expectAccessible(signer.page, 'assess change dialog');
    await signer.page.getByTestId('change-assess-password').fill(SIGNER.password);
    await signer.page.getByTestId('change-assess-submit').click();
    await signer.page.getByTestId('change-1-decision').getByText('Wesentliche Veränderung').waitFor();
    await signer.page.getByTestId('change-1-followups').getByText('Aufgabe: Konformitätsbewertung neu durchführen').waitFor();
    await expectAccessible(signer.page, 'changes tab');
    await signer.page.screenshot({ path: '/tmp/konform-conformity-changes.png', fullPage: true });

    await signer.page.goto(`${base}/systems/${systemId}?tab=tasks`);
    await signer.page.getByText(/Konformitätsbewertung neu durchführen \(wesentliche Veränderung Ä-1\)/).first().waitFor();
    await signer.page.getByText(/Klassifizierung überprüfen \(wesentliche Veränderung Ä-1\)/).first().waitFor();
    expect(preparer.errors).toEqual([]);
    expect(signer.errors).toEqual([]);
  });
});
