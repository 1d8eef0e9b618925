import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CustodyEntry,
  CustodyEventCreate,
  CustodyStateSchema,
  Dataset,
  DatasetCreate,
  DatasetUpdate,
  DatasetVersion,
  DatasetVersionCreate,
  IdParams,
  ItemListQuery,
  ManifestCompareRequest,
  ManifestCompareResult,
  Model,
  ModelCreate,
  ModelUpdate,
  ModelVersion,
  ModelVersionCreate,
  SystemItems,
  SystemItemsUpdate,
  VersionNotesUpdate,
  VersionParams,
  listOf,
} from '@konform/core';
import { requireActor } from '../../http/request.js';
import type { TestItemService } from './service.js';
import type { CustodyService } from './custody-service.js';
import type { SystemItemService } from './system-items-service.js';

const CustodyLog = z.object({ state: CustodyStateSchema, items: z.array(CustodyEntry) });

/** /api/models: models, their versions (identified by a manifest of SHA-256 digests) and each version's chain of custody. */
export const modelRoutes: FastifyPluginAsync<{ service: TestItemService<'model'>; custody: CustodyService }> = async (base, { service, custody }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['models'];
  app.get('/', {
    config: { access: 'model.read' },
    schema: { tags, summary: 'Models of the units in scope (search in name, provider, description)', querystring: ItemListQuery, response: { 200: listOf(Model) } },
    handler: (req) => service.list(requireActor(req), req.query),
  });
  app.post('/', {
    config: { access: 'model.edit' },
    schema: { tags, summary: 'Register a model', body: ModelCreate, response: { 201: Model } },
    handler: async (req, reply) => reply.status(201).send(await service.create(requireActor(req), req.body)),
  });
  app.get('/:id', {
    config: { access: 'model.read' },
    schema: { tags, summary: 'A model', params: IdParams, response: { 200: Model } },
    handler: (req) => service.get(requireActor(req), req.params.id),
  });
  app.patch('/:id', {
    config: { access: 'model.edit' },
    schema: { tags, summary: 'Change a model (send the version you based the change on)', params: IdParams, body: ModelUpdate, response: { 200: Model } },
    handler: (req) => service.update(requireActor(req), req.params.id, req.body),
  });
  app.get('/:id/versions', {
    config: { access: 'model.read' },
    schema: { tags, summary: "The model's versions, newest receipt first, with manifest, digest and the systems using them", params: IdParams, response: { 200: z.object({ items: z.array(ModelVersion) }) } },
    handler: async (req) => ({ items: await service.listVersions(requireActor(req), req.params.id) }),
  });
  app.post('/:id/versions', {
    config: { access: 'model.edit' },
    schema: { tags, summary: 'Record a version: label, source, licence, receipt date and the manifest of its files (path, SHA-256); the manifest digest is computed', params: IdParams, body: ModelVersionCreate, response: { 201: ModelVersion } },
    handler: async (req, reply) => reply.status(201).send(await service.createVersion(requireActor(req), req.params.id, req.body)),
  });
  app.get('/:id/versions/:versionId', {
    config: { access: 'model.read' },
    schema: { tags, summary: 'One model version', params: VersionParams, response: { 200: ModelVersion } },
    handler: (req) => service.getVersion(requireActor(req), req.params.id, req.params.versionId),
  });
  app.patch('/:id/versions/:versionId', {
    config: { access: 'model.edit' },
    schema: { tags, summary: "Change a version's notes (files and facts never change: record a new version)", params: VersionParams, body: VersionNotesUpdate, response: { 200: ModelVersion } },
    handler: (req) => service.updateVersionNotes(requireActor(req), req.params.id, req.params.versionId, req.body),
  });
  app.post('/:id/versions/:versionId/compare', {
    config: { access: 'model.read' },
    schema: { tags, summary: 'Compare presented files (a manifest) or a manifest digest with the registered version; records nothing', params: VersionParams, body: ManifestCompareRequest, response: { 200: ManifestCompareResult } },
    handler: (req) => service.compare(requireActor(req), req.params.id, req.params.versionId, req.body),
  });
  app.get('/:id/versions/:versionId/custody', {
    config: { access: 'model.read' },
    schema: { tags, summary: "The version's chain of custody, oldest first, and its current state", params: VersionParams, response: { 200: CustodyLog } },
    handler: (req) => custody.list(requireActor(req), 'model', req.params.id, req.params.versionId),
  });
  app.post('/:id/versions/:versionId/custody', {
    config: { access: 'model.edit' },
    schema: { tags, summary: 'Record a custody event: received, stored, released-to-run, returned, disposed (impossible orders are 409)', params: VersionParams, body: CustodyEventCreate, response: { 201: CustodyEntry } },
    handler: async (req, reply) => reply.status(201).send(await custody.record(requireActor(req), 'model', req.params.id, req.params.versionId, req.body)),
  });
};

/** /api/datasets: datasets and their versions with datasheet facts and chain of custody. */
export const datasetRoutes: FastifyPluginAsync<{ service: TestItemService<'dataset'>; custody: CustodyService }> = async (base, { service, custody }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['datasets'];
  app.get('/', {
    config: { access: 'model.read' },
    schema: { tags, summary: 'Datasets of the units in scope (search in name, provider, description)', querystring: ItemListQuery, response: { 200: listOf(Dataset) } },
    handler: (req) => service.list(requireActor(req), req.query),
  });
  app.post('/', {
    config: { access: 'model.edit' },
    schema: { tags, summary: 'Register a dataset', body: DatasetCreate, response: { 201: Dataset } },
    handler: async (req, reply) => reply.status(201).send(await service.create(requireActor(req), req.body)),
  });
  app.get('/:id', {
    config: { access: 'model.read' },
    schema: { tags, summary: 'A dataset', params: IdParams, response: { 200: Dataset } },
    handler: (req) => service.get(requireActor(req), req.params.id),
  });
  app.patch('/:id', {
    config: { access: 'model.edit' },
    schema: { tags, summary: 'Change a dataset (send the version you based the change on)', params: IdParams, body: DatasetUpdate, response: { 200: Dataset } },
    handler: (req) => service.update(requireActor(req), req.params.id, req.body),
  });
  app.get('/:id/versions', {
    config: { access: 'model.read' },
    schema: { tags, summary: "The dataset's versions, newest receipt first, with manifest, digest, datasheet and the systems using them", params: IdParams, response: { 200: z.object({ items: z.array(DatasetVersion) }) } },
    handler: async (req) => ({ items: await service.listVersions(requireActor(req), req.params.id) }),
  });
  app.post('/:id/versions', {
    config: { access: 'model.edit' },
    schema: {
      tags,
      summary: 'Record a version with its manifest and datasheet facts (origin, collection period, personal data and legal basis, gaps and biases, intended use, independence of the training data)',
      params: IdParams,
      body: DatasetVersionCreate,
      response: { 201: DatasetVersion },
    },
    handler: async (req, reply) => reply.status(201).send(await service.createVersion(requireActor(req), req.params.id, req.body)),
  });
  app.get('/:id/versions/:versionId', {
    config: { access: 'model.read' },
    schema: { tags, summary: 'One dataset version', params: VersionParams, response: { 200: DatasetVersion } },
    handler: (req) => service.getVersion(requireActor(req), req.params.id, req.params.versionId),
  });
  app.patch('/:id/versions/:versionId', {
    config: { access: 'model.edit' },
    schema: { tags, summary: "Change a version's notes (files and facts never change: record a new version)", params: VersionParams, body: VersionNotesUpdate, response: { 200: DatasetVersion } },
    handler: (req) => service.updateVersionNotes(requireActor(req), req.params.id, req.params.versionId, req.body),
  });
  app.post('/:id/versions/:versionId/compare', {
    config: { access: 'model.read' },
    schema: { tags, summary: 'Compare presented files (a manifest) or a manifest digest with the registered version; records nothing', params: VersionParams, body: ManifestCompareRequest, response: { 200: ManifestCompareResult } },
    handler: (req) => service.compare(requireActor(req), req.params.id, req.params.versionId, req.body),
  });
  app.get('/:id/versions/:versionId/custody', {
    config: { access: 'model.read' },
    schema: { tags, summary: "The version's chain of custody, oldest first, and its current state", params: VersionParams, response: { 200: CustodyLog } },
    handler: (req) => custody.list(requireActor(req), 'dataset', req.params.id, req.params.versionId),
  });
  app.post('/:id/versions/:versionId/custody', {
    config: { access: 'model.edit' },
    schema: { tags, summary: 'Record a custody event: received, stored, released-to-run, returned, disposed (impossible orders are 409)', params: VersionParams, body: CustodyEventCreate, response: { 201: CustodyEntry } },
    handler: async (req, reply) => reply.status(201).send(await custody.record(requireActor(req), 'dataset', req.params.id, req.params.versionId, req.body)),
  });
};

/** /api/systems/{id}/models: the model and dataset versions an AI system uses, with their role. */
export const systemItemRoutes: FastifyPluginAsync<{ service: SystemItemService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['models'];
  app.get('/:id/models', {
    config: { access: 'model.read' },
    schema: { tags, summary: 'The model and dataset versions the system uses (training, validation, test, fine-tuning, in operation)', params: IdParams, response: { 200: SystemItems } },
    handler: (req) => service.get(requireActor(req), req.params.id),
  });
  app.put('/:id/models', {
    config: { access: 'model.edit' },
    schema: { tags, summary: 'Replace the list of model and dataset versions the system uses (send the version of the list; 0 before the first)', params: IdParams, body: SystemItemsUpdate, response: { 200: SystemItems } },
    handler: (req) => service.update(requireActor(req), req.params.id, req.body),
  });
};
