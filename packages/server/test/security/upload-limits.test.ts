import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { startTestApp, FIXTURE_CATALOGS, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';
import { openApiDocument } from '../support/openapi-document.js';

/**
 * Every route that accepts a file (docs/architecture.md, "Uploads: limits and checks per route"): a body over the
 * limit is answered with 413 and a problem document while it is still being sent (the body here never ends), and
 * leaves no temporary file and no row; archives are checked before extraction; a file of the wrong type is refused
 * naming the field. The list of upload routes is data and is compared with the OpenAPI document.
 */

let t: TestApp;
let unit: string;
let user: { id: string; email: string; client: TestClient };
let session: { cookie: string; csrf: string };

const MIB = 1024 * 1024;
/** The limits of this test app: uploads and catalogue imports 1 MiB; bulk, OSCAL and interchange imports are fixed at 10 MiB. */
const UPLOAD_LIMIT = 1 * MIB;
const FIXED_LIMIT = 10 * MIB;

type Body = { contentType: string; head: string; tail: string };
const BOUNDARY = 'konform-upload-test';
const multipartFile = (fileName: string, fields: Record<string, string> = {}): Body => ({
  contentType: `multipart/form-data; boundary=${BOUNDARY}`,
  head: `${Object.entries(fields).map(([k, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('')}--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  tail: `\r\n--${BOUNDARY}--\r\n`,
});
const raw = (contentType: string, head = '', tail = ''): Body => ({ contentType, head, tail });

/**
 * The routes that accept a file, each with how an over-limit body looks. `path` is the OpenAPI path; `url` fills in
 * ids (random where the route reads the body before it looks the record up). Keep in step with the OpenAPI document:
 * the last test fails when an operation that takes a non-JSON body (or a base64 file) is missing here.
 */
const UPLOAD_ROUTES: { method: 'POST' | 'PUT'; path: string; url?: () => string; limit: number; body: Body }[] = [
  { method: 'POST', path: '/api/evidence', limit: UPLOAD_LIMIT, body: multipartFile('big.txt') },
  { method: 'POST', path: '/api/evidence/{id}/versions', url: () => `/api/evidence/${randomUUID()}/versions`, limit: UPLOAD_LIMIT, body: multipartFile('big.txt') },
  { method: 'POST', path: '/api/training-records', limit: UPLOAD_LIMIT, body: multipartFile('big.pdf') },
  { method: 'POST', path: '/api/catalogs/import', limit: UPLOAD_LIMIT, body: multipartFile('big.yaml') },
  // JSON carries the catalogue as a string: twice the file limit for the escaping.
  { method: 'POST', path: '/api/catalogs/import', limit: 2 * UPLOAD_LIMIT, body: raw('application/json', '{"yaml":"', '"}') },
  { method: 'POST', path: '/api/bulk/systems/preview', limit: FIXED_LIMIT, body: multipartFile('big.csv') },
  { method: 'POST', path: '/api/bulk/systems/import', limit: FIXED_LIMIT, body: multipartFile('big.csv') },
  { method: 'POST', path: '/api/bulk/risks/preview', limit: FIXED_LIMIT, body: multipartFile('big.csv') },
  { method: 'POST', path: '/api/bulk/risks/import', limit: FIXED_LIMIT, body: multipartFile('big.csv') },
  { method: 'POST', path: '/api/lab/runs', limit: UPLOAD_LIMIT, body: raw('application/json', '{"x":"', '"}') },
  { method: 'POST', path: '/api/lab/runs', limit: UPLOAD_LIMIT, body: raw('application/xml', '<testsuite><!--', '--></testsuite>') },
  { method: 'POST', path: '/api/documents/verify', limit: UPLOAD_LIMIT, body: raw('application/octet-stream') },
  { method: 'POST', path: '/api/interchange/cyclonedx', limit: FIXED_LIMIT, body: raw('application/vnd.cyclonedx+json', '{"x":"', '"}') },
  { method: 'POST', path: '/api/models/{id}/versions/{versionId}/model-card', url: () => `/api/models/${randomUUID()}/versions/${randomUUID()}/model-card`, limit: FIXED_LIMIT, body: raw('text/markdown') },
  { method: 'POST', path: '/api/audits/{id}/oscal/assessment-results', url: () => `/api/audits/${randomUUID()}/oscal/assessment-results`, limit: FIXED_LIMIT, body: raw('application/json', '{"x":"', '"}') },
  { method: 'PUT', path: '/api/document-templates/logo', limit: 2 * 512 * 1024 + 64 * 1024, body: raw('application/json', '{"mediaType":"image/png","data":"', '"}') },
];

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS, uploadLimitMb: 1, catalogImportLimitMb: 1 });
  unit = await t.newUnit();
  user = await t.newUser(['admin', 'governance', 'owner', 'lab', 'auditor'].map((role) => ({ orgUnitId: unit, role: role as 'admin' })));
  const login = await fetch(`${t.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }) });
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  session = { cookie, csrf: ((await login.json()) as { csrfToken: string }).csrfToken };
});
afterAll(async () => t.close());

/**
 * Sends `head`, then filler bytes without end (chunked, no Content-Length, so the server must count), and stops as
 * soon as an answer arrives. Ends the body (with `tail`) only after `cap(limit)` went out unanswered (far more than the
 * socket buffers of both sides hold); `ended` then tells that the server waited for the whole body.
 */
const cap = (limit: number) => 8 * limit + 64 * MIB;
type Answer = { status: number; contentType: string; text: string };

function streamUntilAnswered(method: string, url: string, body: Body, limit: number): Promise<{ answer: Answer | null; sent: number; ended: boolean }> {
  const { port } = new URL(t.baseUrl);
  // A raw socket, not node:http: a server that answers and then closes while we still send (EPIPE/ECONNRESET) must not
  // make us lose the answer that already arrived.
  return new Promise((resolve) => {
    let sent = 0;
    let ended = false;
    let stopped = false;
    let received = Buffer.alloc(0);
    const socket = connect(Number(port), '127.0.0.1');
    const answer = (): Answer | null => {
      const text = received.toString('utf8');
      const headerEnd = text.indexOf('\r\n\r\n');
      if (headerEnd < 0) return null;
      const head = text.slice(0, headerEnd);
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? NaN);
      const bodyText = text.slice(headerEnd + 4);
      if (!(Buffer.byteLength(bodyText) >= length)) return null;
      return { status: Number(head.slice(9, 12)), contentType: /\r\ncontent-type: *([^\r]*)/i.exec(head)?.[1] ?? '', text: bodyText };
    };
    const finish = () => {
      stopped = true;
      socket.destroy();
      resolve({ answer: answer(), sent, ended });
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (answer()) finish();
    });
    socket.on('error', () => (stopped ? undefined : finish()));
    socket.on('close', () => (stopped ? undefined : finish()));
    const chunked = (data: Buffer | string) => {
      const bytes = Buffer.from(data);
      return Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')]);
    };
    const filler = chunked(Buffer.alloc(64 * 1024, 'a'));
    const pump = () => {
      while (!stopped) {
        if (sent > cap(limit)) {
          ended = true;
          socket.write(Buffer.concat([chunked(body.tail), Buffer.from('0\r\n\r\n')]));
          return;
        }
        sent += 64 * 1024;
        if (!socket.write(filler)) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    socket.write(
      `${method} ${url} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: ${body.contentType}\r\nCookie: ${session.cookie}\r\n` +
        `X-CSRF-Token: ${session.csrf}\r\nTransfer-Encoding: chunked\r\n\r\n`,
    );
    socket.write(chunked(body.head));
    pump();
  });
}

/** Headers only, declaring a body over the limit: the answer comes before any body byte is sent. */
function declaredTooLarge(method: string, url: string, contentType: string, limit: number): Promise<Answer> {
  const { port } = new URL(t.baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: url, method, headers: { 'content-type': contentType, 'content-length': String(limit + 1), cookie: session.cookie, 'x-csrf-token': session.csrf } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.flushHeaders();
  });
}

async function rowCounts(): Promise<Record<string, number>> {
  const db = t.db.database.db;
  const out: Record<string, number> = {};
  for (const table of ['evidence', 'training_record', 'catalog_version', 'ai_system', 'risk', 'lab_run', 'audit_event'] as const) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

const tempFiles = () => {
  const dir = path.join(t.dataDir, 'evidence', 'tmp');
  return existsSync(dir) ? readdirSync(dir) : [];
};

describe('upload size limits are enforced while streaming', () => {
  it.each(UPLOAD_ROUTES.map((r) => [`${r.method} ${r.path} (${r.body.contentType.split(';')[0]})`, r] as const))('%s: refused before the body ends, nothing left behind', async (_name, route) => {
    const before = await rowCounts();
    const url = route.url?.() ?? route.path;
    const reply = await streamUntilAnswered(route.method, url, route.body, route.limit);
    expect(reply.ended, 'the server waited for the whole body').toBe(false);
    expect(reply.sent).toBeLessThanOrEqual(cap(route.limit));
    if (route.body.contentType.startsWith('multipart/')) {
      // The multipart readers answer 413 naming the field while the rest of the body is still coming.
      expect(reply.answer?.status, reply.answer?.text).toBe(413);
      expect(reply.answer?.contentType).toContain('application/problem+json');
      expect(JSON.parse(reply.answer?.text ?? '{}')).toMatchObject({ status: 413, errors: [{ path: 'file' }] });
    } else {
      // Fastify's body parsers stop reading at the limit, answer 413 and close the connection ("the client may send
      // more data"); the answer can be lost in the reset of a connection with unread data, so the stop above is the
      // streaming check, and a declared length over the limit shows the problem document.
      if (reply.answer) expect(reply.answer.status).toBeGreaterThanOrEqual(400);
      const declared = await declaredTooLarge(route.method, url, route.body.contentType, route.limit);
      expect(declared.status, declared.text).toBe(413);
      expect(declared.contentType).toContain('application/problem+json');
    }
    expect(await rowCounts()).toEqual(before);
    expect(tempFiles()).toEqual([]);
  });

  it('knows every operation of the OpenAPI document that takes a file', async () => {
    type Schema = { type?: unknown; properties?: Record<string, { format?: string; contentEncoding?: string }>; anyOf?: unknown; oneOf?: unknown };
    const doc = (await openApiDocument()) as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>> };
    const found = new Set<string>();
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const content = op.requestBody?.content ?? {};
        const nonJson = Object.keys(content).some((c) => c !== 'application/json');
        // A JSON body carrying a file: an untyped document (an OSCAL import) or a base64 property.
        const json = content['application/json']?.schema;
        const untyped = json !== undefined && json.type === undefined && json.properties === undefined && json.anyOf === undefined && json.oneOf === undefined;
        const base64 = Object.values(json?.properties ?? {}).some((s) => s.format === 'byte' || s.contentEncoding === 'base64');
        if (nonJson || untyped || base64) found.add(`${method.toUpperCase()} ${p}`);
      }
    }
    const known = new Set(UPLOAD_ROUTES.map((r) => `${r.method} ${r.path}`));
    expect([...found].filter((k) => !known.has(k)).sort(), 'upload routes missing from UPLOAD_ROUTES').toEqual([]);
    const operations = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)));
    expect([...known].filter((k) => !operations.has(k)), 'UPLOAD_ROUTES naming operations that no longer exist').toEqual([]);
  });
});

describe('archives are checked before extraction', () => {
  const zipBomb = async (entries: Record<string, Buffer | string>) => {
    const zip = new JSZip();
    for (const [name, content] of Object.entries(entries)) zip.file(name, content);
    return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
  };
  const form = (bytes: Buffer, name: string) => {
    const f = new FormData();
    f.append('file', new Blob([new Uint8Array(bytes)]), name);
    return f;
  };

  it('refuses a catalogue workbook that is a zip bomb (ratio), and one with too many parts', async () => {
    const bomb = await zipBomb({ '[Content_Types].xml': '<Types/>', 'xl/worksheets/sheet1.xml': Buffer.alloc(20 * MIB) });
    expect(bomb.length).toBeLessThan(UPLOAD_LIMIT);
    const before = await rowCounts();
    const refused = await user.client.post('/api/catalogs/import', form(bomb, 'katalog.xlsx'));
    expect(refused.status, JSON.stringify(refused.body)).toBe(400);
    expect(refused.body).toMatchObject({ code: 'unsafe-file', errors: [{ path: 'file', message: expect.stringMatching(/compressed more than 100:1/) }] });
    const many = await zipBomb(Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`x/${i}.xml`, '<x/>'])));
    const refusedMany = await user.client.post('/api/catalogs/import', form(many, 'katalog.xlsx'));
    expect(refusedMany.status).toBe(400);
    expect(refusedMany.body).toMatchObject({ code: 'unsafe-file', errors: [{ path: 'file', message: expect.stringMatching(/\d{3} parts; at most 500/) }] });
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a ZIP to verify whose directory lies about a part, before JSZip inflates it', async () => {
    const bomb = await zipBomb({ 'manifest.json': '{}', 'manifest.sig': 'x', 'zeros.bin': Buffer.alloc(3 * MIB) });
    // Declare 1,000 bytes for the 3 MiB part: only a capped inflate notices.
    for (let i = bomb.length - 22; i >= 0; i--) {
      if (bomb.readUInt32LE(i) === 0x02014b50 && bomb.toString('latin1', i + 46, i + 46 + bomb.readUInt16LE(i + 28)) === 'zeros.bin') {
        bomb.writeUInt32LE(1000, i + 24);
        break;
      }
    }
    const refused = await user.client.request('POST', '/api/documents/verify', new Uint8Array(bomb), { 'content-type': 'application/zip' });
    expect(refused.status, JSON.stringify(refused.body)).toBe(400);
    expect(refused.body).toMatchObject({ code: 'unsafe-file', errors: [{ path: 'body', message: expect.stringMatching(/declared size/) }] });
    const ratio = await zipBomb({ 'manifest.json': '{}', 'manifest.sig': 'x', 'zeros.bin': Buffer.alloc(3 * MIB) });
    const refusedRatio = await user.client.request('POST', '/api/documents/verify', new Uint8Array(ratio), { 'content-type': 'application/zip' });
    expect(refusedRatio.status).toBe(400);
    expect(refusedRatio.body).toMatchObject({ code: 'unsafe-file', errors: [{ path: 'body', message: expect.stringMatching(/compressed more than 200:1/) }] });
  });
});

describe('the content type is checked by the bytes, naming the field', () => {
  const form = (bytes: Buffer | string, name: string, fields: Record<string, string> = {}) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.append(k, v);
    f.append('file', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]), name);
    return f;
  };
  // As PDF writers start them: a comment of high bytes right after the header marks the file as binary.
  const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n%'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3]), Buffer.from('\n1 0 obj\n<<>>\nendobj\n')]);

  it.each([
    ['evidence: a PDF named .png', () => user.client.post('/api/evidence', form(PDF, 'bild.png')), 415, 'file'],
    ['evidence: an executable', () => user.client.post('/api/evidence', form(Buffer.from('MZ\x90\x00'), 'tool.exe')), 415, 'file'],
    ['training record: an executable as certificate', () => user.client.post('/api/training-records', form(Buffer.from('MZ\x90\x00'), 'zertifikat.exe')), 415, 'file'],
    ['catalogue import: a PDF', () => user.client.post('/api/catalogs/import', form(PDF, 'katalog.xlsx')), 400, 'file'],
    ['catalogue import: text with NUL bytes', () => user.client.post('/api/catalogs/import', form('catalog:\n  id: x\0\n', 'katalog.yaml')), 400, 'file'],
    ['bulk import: a PDF named .csv', () => user.client.post('/api/bulk/systems/preview', form(Buffer.concat([PDF, Buffer.from([0])]), 'inventar.csv')), 415, 'file'],
    ['bulk import: a text file named .xlsx', () => user.client.post('/api/bulk/systems/preview', form('a;b', 'inventar.xlsx')), 415, 'file'],
    ['logo: a PDF declared as PNG', () => user.client.request('PUT', '/api/document-templates/logo', { mediaType: 'image/png', data: PDF.toString('base64') }), 400, 'data'],
    ['CycloneDX import: not JSON', () => user.client.request('POST', '/api/interchange/cyclonedx', 'not json', { 'content-type': 'application/vnd.cyclonedx+json' }), 400, null],
  ] as const)('%s', async (_name, send, status, field) => {
    const before = await rowCounts();
    const reply = await send();
    expect(reply.status, JSON.stringify(reply.body)).toBe(status);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    if (field) expect((reply.body as { errors?: { path: string }[] }).errors?.map((e) => e.path)).toContain(field);
    expect(await rowCounts()).toEqual(before);
    expect(tempFiles()).toEqual([]);
  });

  it('refuses a lab result of another media type with 415', async () => {
    const reply = await user.client.request('POST', '/api/lab/runs', 'plain text', { 'content-type': 'text/plain' });
    expect(reply.status).toBe(415);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
  });
});
