import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { asAdmin, session, useSuite } from './support/suite.js';

/**
 * The audit package (#10, point 6): an auditor finds the download on the system's page, the ZIP unpacks into an empty
 * folder and its own verify.mjs, run with Node.js alone, reports it intact; a viewer is offered no download.
 */
const suite = useSuite();
const UNIT = 'Referat 31 – Prüfung';
const AUDITOR = { email: 'anna.auditorin@e2e.example', displayName: 'Anna Auditorin', password: 'Auditorin-Passwort-2026!' };
const VIEWER = { email: 'vera.leserin@e2e.example', displayName: 'Vera Leserin', password: 'Leserin-Passwort-2026!' };
const SYSTEM = 'Posteingangssortierung';
let systemId = '';

beforeAll(async () => {
  systemId = await asAdmin(suite, async ({ post }) => {
    const unit = await post<{ id: string }>('/org-units', { name: UNIT, shortName: 'R 31' });
    await post('/users', { ...AUDITOR, roles: [{ orgUnitId: unit.id, role: 'auditor' }] });
    await post('/users', { ...VIEWER, roles: [{ orgUnitId: unit.id, role: 'viewer' }] });
    const system = await post<{ id: string }>('/systems', {
      name: SYSTEM, purpose: 'Sortiert eingehende Post.', description: 'Ordnet Schreiben Sachgebieten zu.', autonomy: 'human-in-the-loop', orgUnitId: unit.id, roles: ['deployer'],
    });
    await post(`/systems/${system.id}/risks`, { title: 'Fehlzuordnung eiliger Schreiben' });
    return system.id;
  });
});

describe('audit package', () => {
  it('downloads from the system page and verifies itself in an empty folder', async () => {
    const base = suite.server.baseUrl;
    const { context, page, errors } = await session(suite, AUDITOR);
    await page.goto(`${base}/systems/${systemId}`);
    const button = page.getByTestId('audit-package-download');
    await button.waitFor();
    await expect(button.textContent()).resolves.toContain('Audit-Paket');
    await expectAccessible(page, 'system page with the audit package button');
    const href = (await button.getAttribute('href')) ?? '';
    expect(href).toBe(`/api/systems/${systemId}/audit-package?lang=de`);
    const response = await page.request.get(`${base}${href}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/zip');
    const dir = mkdtempSync(path.join(tmpdir(), 'konform-e2e-package-'));
    try {
      const zip = await JSZip.loadAsync(await response.body());
      for (const entry of Object.values(zip.files)) {
        if (entry.dir) continue;
        mkdirSync(path.dirname(path.join(dir, entry.name)), { recursive: true });
        writeFileSync(path.join(dir, entry.name), await entry.async('nodebuffer'));
      }
      const run = spawnSync(process.execPath, ['verify.mjs'], { cwd: dir, encoding: 'utf8' });
      expect(run.stdout).toContain('VERIFIED: nothing was altered');
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(errors).toEqual([]);
    await context.close();

    const viewer = await session(suite, VIEWER);
    await viewer.page.goto(`${base}/systems/${systemId}`);
    await viewer.page.getByRole('heading', { name: SYSTEM }).waitFor();
    expect(await viewer.page.getByTestId('audit-package-download').count()).toBe(0);
    await viewer.context.close();
  });
});
