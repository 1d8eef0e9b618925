import { TaskCreate } from '@konform/core';
import { randomUUID } from 'node:crypto';
import type { MatrixContext, SampleFactory } from './context.js';

/** Tasks and milestones: each sample that changes a task brings its own task on the matrix system. */
export function taskSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  const { actor } = ctx;

  /** A task on the matrix system. */
  function newTask() {
    return ctx.t.services.tasks.create(actor, TaskCreate.parse({ recordType: 'system', recordId: ctx.systemId, title: `Aufgabe ${randomUUID().slice(0, 6)}` }));
  }

  return {
    'GET /api/tasks': async () => ({ method: 'GET', path: `/api/tasks?systemId=${ctx.systemId}&status=open,in-progress` }),
    'POST /api/tasks': async () => ({ method: 'POST', path: '/api/tasks', body: { recordType: 'system', recordId: ctx.systemId, title: `Aufgabe ${randomUUID().slice(0, 6)}` } }),
    'GET /api/tasks/assignees': async () => ({ method: 'GET', path: `/api/tasks/assignees?orgUnitId=${ctx.unit}` }),
    'GET /api/tasks/:id': async () => ({ method: 'GET', path: `/api/tasks/${(await newTask()).id}` }),
    'PATCH /api/tasks/:id': async () => {
      const task = await newTask();
      return { method: 'PATCH', path: `/api/tasks/${task.id}`, body: { version: task.version, status: 'done' } };
    },
    'GET /api/systems/:id/milestones': async () => ({ method: 'GET', path: `/api/systems/${ctx.classifiedSystemId}/milestones` }),
  };
}
