import { randomUUID } from 'node:crypto';
import type { MatrixContext, SampleFactory } from './context.js';

/** AI literacy (Art. 4): courses, requirements, records with certificates, status. Each sample brings its own course. */
export function literacySamples(ctx: MatrixContext): Record<string, SampleFactory> {
  const { actor, users } = ctx;
  return {
    'GET /api/trainings': async () => ({ method: 'GET', path: '/api/trainings?status=active' }),
    'POST /api/trainings': async () => ({ method: 'POST', path: '/api/trainings', body: { title: `Kurs ${randomUUID().slice(0, 6)}`, providerKind: 'internal', delivery: 'e-learning', topics: ['ai-basics'] } }),
    'GET /api/trainings/:id': async () => ({ method: 'GET', path: `/api/trainings/${(await ctx.t.services.trainingCourses.create(actor, { title: 'Lesen', providerKind: 'internal', delivery: 'in-person' })).id}` }),
    'PATCH /api/trainings/:id': async () => {
      const course = await ctx.t.services.trainingCourses.create(actor, { title: 'Ändern', providerKind: 'internal', delivery: 'in-person' });
      return { method: 'PATCH', path: `/api/trainings/${course.id}`, body: { version: course.version, validityMonths: 12 } };
    },
    'GET /api/trainings/requirements': async () => ({ method: 'GET', path: '/api/trainings/requirements' }),
    'POST /api/trainings/requirements': async () => {
      const course = await ctx.t.services.trainingCourses.create(actor, { title: 'Pflicht', providerKind: 'internal', delivery: 'in-person' });
      return { method: 'POST', path: '/api/trainings/requirements', body: { courseId: course.id, role: 'owner', orgUnitId: ctx.unit } };
    },
    'PATCH /api/trainings/requirements/:id': async () => {
      const course = await ctx.t.services.trainingCourses.create(actor, { title: 'Pflicht', providerKind: 'internal', delivery: 'in-person' });
      const req = await ctx.t.services.trainingCourses.createRequirement(actor, { courseId: course.id, role: 'lab', orgUnitId: ctx.unit, intervalMonths: null, graceDays: 30 });
      return { method: 'PATCH', path: `/api/trainings/requirements/${req.id}`, body: { version: req.version, intervalMonths: 12 } };
    },
    'DELETE /api/trainings/requirements/:id': async () => {
      const course = await ctx.t.services.trainingCourses.create(actor, { title: 'Pflicht', providerKind: 'internal', delivery: 'in-person' });
      const req = await ctx.t.services.trainingCourses.createRequirement(actor, { courseId: course.id, role: 'lab', orgUnitId: ctx.unit, intervalMonths: null, graceDays: 30 });
      return { method: 'DELETE', path: `/api/trainings/requirements/${req.id}` };
    },
    'GET /api/trainings/status': async () => ({ method: 'GET', path: `/api/trainings/status?orgUnitId=${ctx.unit}` }),
    'GET /api/trainings/status/me': async () => ({ method: 'GET', path: '/api/trainings/status/me' }),
    'GET /api/trainings/status/export': async () => ({ method: 'GET', path: `/api/trainings/status/export?orgUnitId=${ctx.unit}&format=md` }),
    'GET /api/trainings/status/systems/:id': async () => ({ method: 'GET', path: `/api/trainings/status/systems/${ctx.systemId}` }),
    'GET /api/training-records': async () => ({ method: 'GET', path: '/api/training-records' }),
    'POST /api/training-records': async () => {
      const course = await ctx.t.services.trainingCourses.create(actor, { title: 'Erfassen', providerKind: 'internal', delivery: 'in-person' });
      const form = new FormData();
      for (const [k, v] of Object.entries({ userId: users.get('viewer')!.id, courseId: course.id, completedOn: '2026-01-15', result: 'attended' })) form.append(k, v);
      form.append('file', new Blob([`%PDF-1.4\n% ${randomUUID()}\n%%EOF\n`]), 'bescheinigung.pdf');
      return { method: 'POST', path: '/api/training-records', body: form };
    },
    'GET /api/training-records/:id': async () => {
      const course = await ctx.t.services.trainingCourses.create(actor, { title: 'Lesen', providerKind: 'internal', delivery: 'in-person' });
      const rec = await ctx.t.services.trainingRecords.create(actor, { userId: users.get('viewer')!.id, courseId: course.id, completedOn: '2026-01-15', result: 'passed' }, null);
      return { method: 'GET', path: `/api/training-records/${rec.id}` };
    },
    'POST /api/training-records/:id/withdraw': async () => {
      const course = await ctx.t.services.trainingCourses.create(actor, { title: 'Zurückziehen', providerKind: 'internal', delivery: 'in-person' });
      const rec = await ctx.t.services.trainingRecords.create(actor, { userId: users.get('viewer')!.id, courseId: course.id, completedOn: '2026-01-15', result: 'passed' }, null);
      return { method: 'POST', path: `/api/training-records/${rec.id}/withdraw`, body: { version: rec.version, reason: 'Irrtümlich erfasst' } };
    },
    'GET /api/training-records/:id/certificate': async () => {
      const course = await ctx.t.services.trainingCourses.create(actor, { title: 'Bescheinigung', providerKind: 'internal', delivery: 'in-person' });
      const form = new FormData();
      for (const [k, v] of Object.entries({ userId: users.get('viewer')!.id, courseId: course.id, completedOn: '2026-01-15', result: 'passed' })) form.append(k, v);
      form.append('file', new Blob([`%PDF-1.4\n% ${randomUUID()}\n%%EOF\n`]), 'bescheinigung.pdf');
      const rec = await users.get('admin')!.client.post('/api/training-records', form);
      return { method: 'GET', path: `/api/training-records/${rec.body.id}/certificate` };
    },
  };
}
