import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNEX_IV_SECTION_KEYS } from '@konform/core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';
import { pdfText } from '../support/pdf-text.js';
import { testPng } from '../support/png.js';

type User = { id: string; client: TestClient };
let t: TestApp;
let unit: string;
let configurer: User;
let author: User;
let lab: User;
let viewer: User;

const PATH = '/api/document-templates/annex-iv/de';
const LINES = ['Bundesamt für Beispielfragen', 'Referat KI-Aufsicht · Musterstraße 1 · 12345 Berlin'];
const plain = (key: string) => ({ key, heading: null as string | null, guidance: null as string | null, intro: '' });

async function docxText(body: Buffer): Promise<{ document: string; media: string[] }> {
  const zip = await JSZip.loadAsync(body);
  const document = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  return { document, media: Object.keys(zip.files).filter((n) => n.startsWith('word/media/')) };
}

const auditEvents = (action: string) => t.db.database.db.selectFrom('audit_event').select(['action', 'entity_id']).where('action', '=', action).execute();

beforeAll(async () => {
  t = await startTestApp();
  unit = await t.newUnit(null, 'Referat Vorlagen');
  configurer = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
  author = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
  lab = await t.newUser([{ orgUnitId: unit, role: 'lab' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
});
afterAll(async () => {
  await t.close();
});

describe('document templates', () => {
  it('start from the type defaults, are read with document.read and changed with document.configure only', async () => {
    const view = await viewer.client.get(PATH);
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    expect(view.body).toMatchObject({ type: 'annex-iv', locale: 'de', custom: false, version: 0, titlePage: { lines: [] }, logo: null });
    expect(view.body.sections.map((s: { key: string }) => s.key)).toEqual([...ANNEX_IV_SECTION_KEYS]);
    expect(view.body.sections[0]).toMatchObject({ key: 'general', heading: null, defaultHeading: 'Allgemeine Beschreibung des KI-Systems' });
    expect((await viewer.client.get('/api/document-templates/annex-iv/en')).body.sections[0].defaultHeading).toBe('General description of the AI system');
    const body = { sections: ANNEX_IV_SECTION_KEYS.map(plain), titlePage: { lines: [] }, version: 0 };
    expect((await lab.client.request('PUT', PATH, body)).status).toBe(403);
    expect((await viewer.client.request('DELETE', PATH)).status).toBe(403);
    expect((await lab.client.request('PUT', '/api/document-templates/logo', { mediaType: 'image/png', data: testPng().toString('base64') })).status).toBe(403);
    expect((await viewer.client.get('/api/document-templates/logo')).status).toBe(404);
    expect((await viewer.client.get('/api/document-templates/annex-v/de')).status).toBe(400);
  });

  it('refuse orders that are not a permutation of the type sections and overlong texts, naming the field', async () => {
    const put = (sections: unknown[], extra: Record<string, unknown> = {}) => configurer.client.request('PUT', PATH, { sections, titlePage: { lines: [] }, version: 0, ...extra });
    const unknown = await put([...ANNEX_IV_SECTION_KEYS.slice(0, 8).map(plain), plain('annex-v')]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'sections.8.key' })]);
    const missing = await put(ANNEX_IV_SECTION_KEYS.slice(1).map(plain));
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'sections', message: expect.stringContaining('general') })]);
    const twice = await put([...ANNEX_IV_SECTION_KEYS.map(plain), plain('general')]);
    expect(twice.body.errors[0].path).toBe('sections.9.key');
    const long = await put(ANNEX_IV_SECTION_KEYS.map((k, i) => (i === 2 ? { ...plain(k), heading: 'x'.repeat(201) } : plain(k))));
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body)).toContain('heading');
    const lines = await put(ANNEX_IV_SECTION_KEYS.map(plain), { titlePage: { lines: ['y'.repeat(201)] } });
    expect(lines.status).toBe(400);
    expect(JSON.stringify(lines.body)).toContain('titlePage');
    expect((await put(ANNEX_IV_SECTION_KEYS.map(plain), { version: 3 })).status).toBe(409);
    expect((await viewer.client.get(PATH)).body.custom).toBe(false);
    expect(await auditEvents('template.update')).toEqual([]);
  });

  it('accept PNG logos and refuse other types, wrong magic bytes, broken images and more than 512 KiB', async () => {
    const upload = (mediaType: string, bytes: Buffer | string) => configurer.client.request('PUT', '/api/document-templates/logo', { mediaType, data: typeof bytes === 'string' ? bytes : bytes.toString('base64') });
    const gif = await upload('image/gif', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'));
    expect(gif.status).toBe(400);
    expect(JSON.stringify(gif.body)).toContain('mediaType');
    const gifAsPng = await upload('image/png', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1'));
    expect(gifAsPng.status).toBe(400);
    expect(gifAsPng.body.errors[0].path).toBe('data');
    const jpegAsPng = await upload('image/png', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]));
    expect(jpegAsPng.body.errors[0].path).toBe('mediaType');
    const big = await upload('image/png', testPng(4, 2, [1, 2, 3], 600 * 1024));
    expect(big.status).toBe(400);
    expect(big.body.errors[0]).toMatchObject({ path: 'data', message: expect.stringContaining('512 KiB') });
    // A PNG signature and header with broken pixel data: refused, never a server error.
    const broken = testPng();
    broken.fill(0x42, 41, broken.length - 12);
    const brokenReply = await upload('image/png', broken);
    expect(brokenReply.status).toBe(400);
    expect(brokenReply.body.errors[0].path).toBe('data');
    expect((await upload('image/png', 'not base64!')).body.errors[0].path).toBe('data');
    expect(await auditEvents('template.logo')).toEqual([]);

    const png = testPng(40, 20);
    const ok = await upload('image/png', png);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ mediaType: 'image/png', size: png.length });
    const served = await viewer.client.fetch('/api/document-templates/logo');
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);
    expect((await viewer.client.get(PATH)).body.logo.sha256).toBe(ok.body.sha256);
    expect(await auditEvents('template.logo')).toHaveLength(1);
  });

  it('order and word a generated document, print the title-page lines and logo, and keep a frozen version as it was', async () => {
    const system = await t.newSystem(author.client, unit, { name: 'Bescheidassistent', description: 'Entwürfe für Bescheide' });
    await t.db.database.db.updateTable('ai_system').set({ risk_class: 'high' }).where('id', '=', system.id).execute();
    const doc = (await author.client.post('/api/documents', { type: 'annex-iv', systemId: system.id, locale: 'de' })).body;

    const order = ['post-market', 'general', 'risk-management', 'development', 'monitoring', 'metrics', 'changes', 'standards', 'declaration'];
    const sections = order.map((key) =>
      key === 'general' ? { ...plain(key), heading: 'Systembeschreibung nach Hausvorgabe', guidance: 'Eigene Hinweise' }
        : key === 'risk-management' ? { ...plain(key), intro: 'Vorbemerkung der Behörde zum Risikomanagement.' } : plain(key),
    );
    const saved = await configurer.client.request('PUT', PATH, { sections, titlePage: { lines: LINES }, version: 0 });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ custom: true, version: 1, titlePage: { lines: LINES } });
    expect(saved.body.sections.map((s: { key: string }) => s.key)).toEqual(order);
    expect(await auditEvents('template.update')).toEqual([{ action: 'template.update', entity_id: 'annex-iv/de' }]);

    // The live view follows the template.
    const live = (await viewer.client.get(`/api/documents/${doc.id}`)).body;
    expect(live.sections.map((s: { key: string }) => s.key)).toEqual(order);
    expect(live.sections[1]).toMatchObject({ number: 2, heading: 'Systembeschreibung nach Hausvorgabe', guidance: 'Eigene Hinweise' });

    const v1 = await author.client.post(`/api/documents/${doc.id}/versions`, {});
    expect(v1.status, JSON.stringify(v1.body)).toBe(201);
    expect(v1.body.completeness.map((c: { key: string }) => c.key)).toEqual(order);
    const exported = async (format: 'docx' | 'pdf' | 'md') => Buffer.from(await (await viewer.client.fetch(`/api/documents/${doc.id}/versions/1/export?format=${format}`)).arrayBuffer());
    const expectTemplated = async () => {
      const docx = await docxText(await exported('docx'));
      const at = (text: string) => docx.document.indexOf(text);
      expect(at(LINES[0]!)).toBeGreaterThan(-1);
      expect(at(LINES[1]!)).toBeGreaterThan(-1);
      expect(at(LINES[0]!)).toBeLessThan(at('Technische Dokumentation – Bescheidassistent'));
      expect(at('1. Beobachtung nach dem Inverkehrbringen')).toBeGreaterThan(-1);
      expect(at('1. Beobachtung nach dem Inverkehrbringen')).toBeLessThan(at('2. Systembeschreibung nach Hausvorgabe'));
      expect(at('2. Systembeschreibung nach Hausvorgabe')).toBeLessThan(at('3. Risikomanagementsystem'));
      expect(at('3. Risikomanagementsystem')).toBeLessThan(at('Vorbemerkung der Behörde zum Risikomanagement.'));
      expect(docx.document).not.toContain('Allgemeine Beschreibung des KI-Systems');
      const pdf = await pdfText(await exported('pdf'));
      expect(pdf).toContain(LINES[0]);
      expect(pdf.indexOf('1. Beobachtung nach dem Inverkehrbringen')).toBeGreaterThan(-1);
      expect(pdf.indexOf('2. Systembeschreibung nach Hausvorgabe')).toBeGreaterThan(pdf.indexOf('1. Beobachtung nach dem Inverkehrbringen'));
      const md = (await exported('md')).toString('utf8');
      expect(md).toContain('Bundesamt für Beispielfragen');
      expect(md.indexOf('## 1. Beobachtung nach dem Inverkehrbringen')).toBeLessThan(md.indexOf('## 2. Systembeschreibung nach Hausvorgabe'));
      return docx;
    };
    const first = await expectTemplated();
    // The logo set before this version was frozen is on its title page (DOCX media, PDF image).
    expect(first.media).toHaveLength(1);
    expect((await exported('pdf')).toString('latin1')).toContain('/Subtype /Image');

    // Another template and no logo: the frozen version renders as before; a rebuilt one follows the change.
    const changed = await configurer.client.request('PUT', PATH, { sections: ANNEX_IV_SECTION_KEYS.map(plain), titlePage: { lines: ['Andere Behörde'] }, version: 1 });
    expect(changed.status).toBe(200);
    expect((await configurer.client.request('DELETE', '/api/document-templates/logo')).status).toBe(204);
    expect((await viewer.client.get('/api/document-templates/logo')).status).toBe(404);
    const again = await expectTemplated();
    expect(again.media).toHaveLength(1);
    expect(again.document).not.toContain('Andere Behörde');

    await author.client.post(`/api/documents/${doc.id}/versions`, {});
    const rebuilt = await docxText(await exported('docx'));
    expect(rebuilt.document).toContain('Andere Behörde');
    expect(rebuilt.document).toContain('1. Allgemeine Beschreibung des KI-Systems');
    expect(rebuilt.document).not.toContain(LINES[0]);
    expect(rebuilt.media).toEqual([]);

    // Reset: back to the defaults, audited; resetting again writes nothing.
    const reset = await configurer.client.request('DELETE', PATH);
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ custom: false, version: 0, titlePage: { lines: [] } });
    expect((await configurer.client.request('DELETE', PATH)).status).toBe(200);
    expect(await auditEvents('template.reset')).toHaveLength(1);
    expect(await auditEvents('template.logo')).toHaveLength(2);
  });
});
