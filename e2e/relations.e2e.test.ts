import { beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { expectAccessible } from './support/axe.js';
import { asAdmin, session, useSuite } from './support/suite.js';

/**
 * Relations at a glance (#9 point 7): the tab "Beziehungen" of a system (drawing and list, a click on a node
 * navigates), and "Was ist betroffen?" on a dataset version naming the systems and plans resting on it.
 */
const suite = useSuite();
const SYSTEM = 'Bescheidassistent (Beziehungen)';
const OTHER = 'Posteingang (Beziehungen)';
const DATASET = 'Bescheidkorpus';
const MODEL = 'Textmodell Bescheide';
const PLAN = 'Abnahme Bescheidassistent';
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
let systemId = '';
let planId = '';
let datasetId = '';

beforeAll(async () => {
  ({ systemId, planId, datasetId } = await asAdmin(suite, async ({ post, put }) => {
    const unit = await post<{ id: string }>('/org-units', { name: 'Referat Bescheide', shortName: 'B 1' });
    const system = await post<{ id: string }>('/systems', { name: SYSTEM, purpose: 'Entwirft Bescheide.', orgUnitId: unit.id, roles: ['deployer'] });
    const other = await post<{ id: string }>('/systems', { name: OTHER, purpose: 'Sortiert Post.', orgUnitId: unit.id, roles: ['deployer'] });
    const model = await post<{ id: string }>('/models', { name: MODEL, kind: 'llm', orgUnitId: unit.id });
    const modelVersion = await post<{ id: string }>(`/models/${model.id}/versions`, { label: '1.0', receivedOn: '2026-11-01', manifest: [{ path: 'weights.bin', sha256: sha('bescheid-modell') }] });
    const dataset = await post<{ id: string }>('/datasets', { name: DATASET, kind: 'text', orgUnitId: unit.id });
    const datasetVersion = await post<{ id: string }>(`/datasets/${dataset.id}/versions`, { label: '2026-10', receivedOn: '2026-11-01', manifest: [{ path: 'korpus.jsonl', sha256: sha('bescheid-korpus') }], personalData: false });
    await put(`/systems/${system.id}/models`, { version: 0, items: [{ type: 'model', versionId: modelVersion.id, role: 'in-operation' }, { type: 'dataset', versionId: datasetVersion.id, role: 'test' }] });
    await put(`/systems/${other.id}/models`, { version: 0, items: [{ type: 'dataset', versionId: datasetVersion.id, role: 'training' }] });
    const method = await post<{ id: string }>('/lab/methods', { orgUnitId: unit.id, name: 'Fehlerquote Bescheide', harness: 'own-script', harnessVersion: '1.0', configuration: { task: 'bescheid', metrics: [{ name: 'acc', unit: '', higherIsBetter: true }] } });
    const plan = await post<{ id: string; version: number }>('/lab/plans', {
      systemId: system.id, name: PLAN, cases: [{ key: 'TC-01', name: 'Richtigkeit', metric: 'acc', comparator: '>=', threshold: 0.9, methodId: method.id, datasetVersionId: datasetVersion.id }],
    });
    return { systemId: system.id, planId: plan.id, datasetId: dataset.id };
  }));
});

describe('relations', () => {
  it('shows a system\'s relations as drawing and list, navigates on a click, and names what rests on a dataset version', async () => {
    const { page, errors } = await session(suite, { email: suite.server.adminEmail, password: suite.server.adminPassword });
    const base = suite.server.baseUrl;
    await page.goto(`${base}/systems/${systemId}`);
    await page.getByRole('heading', { level: 1, name: SYSTEM }).waitFor();
    await page.getByRole('tab', { name: 'Beziehungen' }).click();
    const list = page.getByTestId('relations-list');
    await list.waitFor();
    await list.getByRole('heading', { name: 'Datensatzversionen' }).waitFor();
    await expect(list.getByRole('link', { name: `Datensatzversion ${DATASET} 2026-10` }).first().isVisible()).resolves.toBe(true);
    await expect(list.getByRole('link', { name: `Prüfplan ${PLAN}` }).first().isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('relations-drawing').isVisible()).resolves.toBe(true);
    await expectAccessible(page, 'relations tab');
    await page.screenshot({ path: '/tmp/relations-tab.png', fullPage: true });

    // A click on the plan's box in the drawing opens the plan.
    await page.locator(`[data-testid="relations-drawing"] a[data-node="plan:${planId}"]`).click();
    await page.waitForURL(`**/lab/plans/${planId}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(PLAN) }).waitFor();

    // What rests on the dataset version: both systems and the plan, each with its path.
    await page.goto(`${base}/datasets/${datasetId}`);
    await page.getByRole('heading', { level: 1, name: DATASET }).waitFor();
    const panel = page.getByTestId('impact-panel').first();
    await panel.getByRole('button', { name: 'Betroffene anzeigen' }).click();
    await panel.getByText('3 betroffen').waitFor();
    await expect(panel.getByRole('link', { name: `KI-System ${SYSTEM}` }).isVisible()).resolves.toBe(true);
    await expect(panel.getByRole('link', { name: `KI-System ${OTHER}` }).isVisible()).resolves.toBe(true);
    await expect(panel.getByRole('link', { name: `Prüfplan ${PLAN}` }).isVisible()).resolves.toBe(true);
    await panel.getByText(`Weg: Datensatzversion ${DATASET} 2026-10 ← Prüfplan ${PLAN} (nutzt Daten)`).waitFor();
    await expectAccessible(page, 'impact panel');
    await page.screenshot({ path: '/tmp/relations-impact.png', fullPage: true });
    expect(errors).toEqual([]);
  });
});
