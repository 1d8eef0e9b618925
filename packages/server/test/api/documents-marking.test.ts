import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';

/**
 * Without a configured marking, a generated document carries the marking of what it holds: the AI system's own level.
 * A VS-NfD system's documents are marked on the first and last line (Markdown) and in every page's header (DOCX).
 */
let t: TestApp;
let unit: string;
let cleared: { client: TestClient };

async function highRisk(name: string, classification: 'offen' | 'VS-NfD') {
  const system = await t.newSystem(cleared.client, unit, { name, classification });
  await t.db.database.db.updateTable('ai_system').set({ risk_class: 'high' }).where('id', '=', system.id).execute();
  return system.id as string;
}

async function draftMarkdown(systemId: string): Promise<string[]> {
  const doc = await cleared.client.post('/api/documents', { type: 'annex-iv', systemId, locale: 'de' });
  expect(doc.status, JSON.stringify(doc.body)).toBe(201);
  expect((await cleared.client.post(`/api/documents/${doc.body.id}/versions`, {})).status).toBe(201);
  const md = await (await cleared.client.fetch(`/api/documents/${doc.body.id}/versions/1/export?format=md`)).text();
  return md.trim().split('\n');
}

beforeAll(async () => {
  t = await startTestApp();
  unit = await t.newUnit(null, 'Referat Lagebild');
  cleared = await t.newUser([{ orgUnitId: unit, role: 'governance' }], { clearance: 'VS-NfD' });
});
afterAll(() => t.close());

describe('the marking of generated documents', () => {
  it('follows the classification of the AI system the document is about', async () => {
    const secret = await draftMarkdown(await highRisk('Lagebildauswertung', 'VS-NfD'));
    expect(secret[0]).toContain('VS – NUR FÜR DEN DIENSTGEBRAUCH');
    expect(secret.at(-1)).toContain('VS – NUR FÜR DEN DIENSTGEBRAUCH');
    const open = await draftMarkdown(await highRisk('Terminplanung', 'offen'));
    expect(open[0]).toContain('ENTWURF');
    expect(open.join('\n')).not.toContain('NUR FÜR DEN DIENSTGEBRAUCH');
  });
});
