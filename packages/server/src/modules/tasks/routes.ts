import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, SystemMilestones, Task, TaskAssigneeList, TaskAssigneeQuery, TaskCreate, TaskList, TaskListQuery, TaskUpdate } from '@konform/core';
import type { TaskService } from './service.js';
import type { MilestoneService } from './milestones.js';
import { requireActor } from '../../http/request.js';

const tags = ['tasks'];

/** /api/tasks: tasks on records, with owner, due date, priority and status. */
export const taskRoutes: FastifyPluginAsync<{ service: TaskService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'task.read' },
    schema: {
      tags,
      summary: 'Tasks in scope: mine, of a unit (with sub-units), a system or a record; by status, due date or overdue',
      querystring: TaskListQuery,
      response: { 200: TaskList },
    },
    handler: (req) => service.list(requireActor(req), req.query),
  });
  app.post('/', {
    config: { access: 'task.edit' },
    schema: { tags, summary: "Create a task on a record (its unit is the record's)", body: TaskCreate, response: { 201: Task } },
    handler: async (req, reply) => reply.status(201).send(await service.create(requireActor(req), req.body)),
  });
  app.get('/assignees', {
    config: { access: 'task.edit' },
    schema: { tags, summary: 'Who may own a task in a unit, or in the unit of a record', querystring: TaskAssigneeQuery, response: { 200: TaskAssigneeList } },
    handler: (req) => service.assignees(requireActor(req), req.query),
  });
  app.get('/:id', {
    config: { access: 'task.read' },
    schema: { tags, summary: 'A task', params: IdParams, response: { 200: Task } },
    handler: (req) => service.get(requireActor(req), req.params.id),
  });
  app.patch('/:id', {
    config: { access: 'task.edit' },
    schema: { tags, summary: 'Change a task or its status (cancel instead of delete; send the version you based the change on)', params: IdParams, body: TaskUpdate, response: { 200: Task } },
    handler: (req) => service.update(requireActor(req), req.params.id, req.body),
  });
};

/** /api/systems/{id}/milestones: the system's timeline. */
export const systemMilestoneRoutes: FastifyPluginAsync<{ service: MilestoneService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/:id/milestones', {
    config: { access: 'requirement.read' },
    schema: {
      tags,
      summary: "Milestones from the legal dates of the system's applicable requirements, and its tasks' due dates",
      params: IdParams,
      response: { 200: SystemMilestones },
    },
    handler: (req) => service.forSystem(requireActor(req), req.params.id),
  });
};
