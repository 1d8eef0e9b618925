import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';
import type { AuditSlice } from '../../src/signing/audit-slice.js';

type User = { id: string; email: string; client: TestClient };
let t: TestApp;
let unit: string;
let governance: User;
let viewer: User;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'konform-audit-package-'));
  t = await startTestApp();
  unit = await t.newUnit(null, 'Referat Prüfung');
  governance = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
}, 60_000);

afterAll(async () => {
  await t?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('audit package of an audit', () => {
  it('packages the systems in scope with the audit record, and verifies with node alone', async () => {
    const a = (await t.newSystem(governance.client, unit, { name: 'System A' })).id as string;
    const b = (await t.newSystem(governance.client, unit, { name: 'System B' })).id as string;
    const created = await governance.client.post('/api/audits', {
      title: 'Interne Prüfung 2026', kind: 'internal-aims', orgUnitId: unit, scope: { systemIds: [a, b] }, plannedStart: '2026-12-01', plannedEnd: '2026-12-05',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const res = await governance.client.fetch(`/api/audits/${created.body.id}/package`);
    expect(res.status).toBe(200);
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const dir = mkdtempSync(path.join(work, 'audit-'));
    for (const entry of Object.values(zip.files)) {
      if (entry.dir) continue;
      mkdirSync(path.dirname(path.join(dir, entry.name)), { recursive: true });
      writeFileSync(path.join(dir, entry.name), await entry.async('nodebuffer'));
    }
    const names = Object.keys(zip.files);
    expect(names).toEqual(expect.arrayContaining(['audit/audit.json', 'System-A/compliance-matrix.xlsx', 'System-B/compliance-matrix.xlsx', 'verify.mjs']));
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { subject: { type: string; id: string; title: string } };
    expect(manifest.subject).toMatchObject({ type: 'audit-package', id: created.body.id, title: 'Interne Prüfung 2026' });
    const slice = JSON.parse(readFileSync(path.join(dir, 'audit-chain.json'), 'utf8')) as AuditSlice;
    expect(slice.events.some((e) => e.payload?.entityId === created.body.id)).toBe(true);
    const run = spawnSync(process.execPath, ['verify.mjs'], { cwd: dir, encoding: 'utf8' });
    expect(run.stdout).toContain('VERIFIED: nothing was altered');
    expect(run.status).toBe(0);

    expect((await viewer.client.fetch(`/api/audits/${created.body.id}/package`)).status).toBe(403);
  }, 60_000);
});
