import { randomUUID } from 'node:crypto';
import { TEST_PASSWORD } from '../../support/test-app.js';
import type { MatrixContext, SampleFactory } from './context.js';

/** AI management system documents (QMS): each sample that changes a document or version brings its own document. */
export function qmsSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  const { actor, users } = ctx;

  /** A QMS document of the matrix unit with a draft ready to submit (written by the platform, so any person may release it). */
  function newQmsDocument() {
    return ctx.t.services.qmsDocuments.create(actor, { kind: 'policy', title: `KI-Politik ${randomUUID().slice(0, 6)}`, ownerId: users.get('viewer')!.id, orgUnitId: ctx.unit, content: '# KI-Politik', changeNote: 'Erstausgabe' });
  }

  async function submittedQmsDocument() {
    const doc = await newQmsDocument();
    await ctx.t.services.qmsVersions.submit(actor, doc.id, 1, { version: 1 });
    return doc;
  }

  /** Released by the administrator's signature (the platform cannot sign). */
  async function releasedQmsDocument() {
    const doc = await submittedQmsDocument();
    const reply = await users.get('admin')!.client.post(`/api/qms/documents/${doc.id}/versions/1/approve`, { version: 2, password: TEST_PASSWORD });
    if (reply.status !== 200) throw new Error(`release failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return doc;
  }

  return {
    'GET /api/qms/documents': async () => ({ method: 'GET', path: `/api/qms/documents?orgUnitId=${ctx.unit}&kind=policy&status=draft&review=none` }),
    'POST /api/qms/documents': async () => ({ method: 'POST', path: '/api/qms/documents', body: { kind: 'procedure', title: `Verfahren ${randomUUID().slice(0, 6)}`, ownerId: users.get('viewer')!.id, orgUnitId: ctx.unit } }),
    'GET /api/qms/documents/:id': async () => ({ method: 'GET', path: `/api/qms/documents/${(await newQmsDocument()).id}` }),
    'PATCH /api/qms/documents/:id': async () => {
      const doc = await newQmsDocument();
      return { method: 'PATCH', path: `/api/qms/documents/${doc.id}`, body: { version: doc.version, reviewMonths: 6 } };
    },
    'POST /api/qms/documents/:id/versions': async () => ({ method: 'POST', path: `/api/qms/documents/${(await releasedQmsDocument()).id}/versions`, body: { changeNote: 'Überprüfung' } }),
    'GET /api/qms/documents/:id/versions/:number': async () => ({ method: 'GET', path: `/api/qms/documents/${(await newQmsDocument()).id}/versions/1` }),
    'PUT /api/qms/documents/:id/versions/:number': async () => ({ method: 'PUT', path: `/api/qms/documents/${(await newQmsDocument()).id}/versions/1`, body: { version: 1, content: '# Neu', changeNote: 'Überarbeitet' } }),
    'POST /api/qms/documents/:id/versions/:number/submit': async () => ({ method: 'POST', path: `/api/qms/documents/${(await newQmsDocument()).id}/versions/1/submit`, body: { version: 1 } }),
    'POST /api/qms/documents/:id/versions/:number/return': async () => ({ method: 'POST', path: `/api/qms/documents/${(await submittedQmsDocument()).id}/versions/1/return`, body: { version: 2, note: 'Bitte ergänzen' } }),
    'POST /api/qms/documents/:id/versions/:number/approve': async () => ({ method: 'POST', path: `/api/qms/documents/${(await submittedQmsDocument()).id}/versions/1/approve`, body: { version: 2, password: TEST_PASSWORD } }),
    'GET /api/qms/documents/:id/versions/:number/export': async () => ({ method: 'GET', path: `/api/qms/documents/${(await releasedQmsDocument()).id}/versions/1/export?format=md` }),
    'GET /api/qms/coverage': async () => ({ method: 'GET', path: `/api/qms/coverage?orgUnitId=${ctx.unit}` }),
  };
}
