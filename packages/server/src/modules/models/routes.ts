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
  type TestItemType,
  VersionNotesUpdate,
  VersionParams,
  listOf,
} from '@konform/core';
import { requireActor } from '../../http/request.js';
import type { CreateOf, ItemOf, TestItemService, UpdateOf, VersionCreateOf, VersionOf } from './service.js';
import type { CustodyService } from './custody-service.js';
import type { SystemItemService } from './system-items-service.js';

const CustodyLog = z.object({ state: CustodyStateSchema, items: z.array(CustodyEntry) });

/** What differs between the model and the dataset routes: the schemas and the wording of the summaries. */
interface TestItemRouteSpec<T extends TestItemType> {
  tags: string[];
  item: z.ZodType<ItemOf<T>, unknown>;
  create: z.ZodType<CreateOf<T>, unknown>;
  update: z.ZodType<UpdateOf<T>, unknown>;
  version: z.ZodType<VersionOf<T>, unknown>;
  versionCreate: z.ZodType<VersionCreateOf<T>, unknown>;
  summaries: { list: string; create: string; get: string; update: string; versions: string; createVersion: string; getVersion: string };
}

const SPECS: { [T in TestItemType]: TestItemRouteSpec<T> } = {
  model: {
    tags: ['models'],
    item: Model,
    create: ModelCreate,
    update: ModelUpdate,
    version: ModelVersion,
    versionCreate: ModelVersionCreate,
    summaries: {
      list: 'Models of the units in scope (search in name, provider, description)',
      create: 'Register a model',
      get: 'A model',
      update: 'Change a model (send the version you based the change on)',
      versions: "The model's versions, newest receipt first, with manifest, digest and the systems using them",
      createVersion: 'Record a version: label, source, licence, receipt date and the manifest of its files (path, SHA-256); the manifest digest is computed',
      getVersion: 'One model version',
    },
  },
  dataset: {
    tags: ['datasets'],
    item: Dataset,
    create: DatasetCreate,
    update: DatasetUpdate,
    version: DatasetVersion,
    versionCreate: DatasetVersionCreate,
    summaries: {
      list: 'Datasets of the units in scope (search in name, provider, description)',
      create: 'Register a dataset',
      get: 'A dataset',
      update: 'Change a dataset (send the version you based the change on)',
      versions: "The dataset's versions, newest receipt first, with manifest, digest, datasheet and the systems using them",
      createVersion: 'Record a version with its manifest and datasheet facts (origin, collection period, personal data and legal basis, gaps and biases, intended use, independence of the training data)',
      getVersion: 'One dataset version',
    },
  },
};

/** The routes of one kind of test item: the items, their versions (identified by a manifest of SHA-256 digests) and each version's chain of custody. */
function testItemRoutes<T extends TestItemType>(type: T): FastifyPluginAsync<{ service: TestItemService<T>; custody: CustodyService }> {
  const spec: TestItemRouteSpec<T> = SPECS[type];
  // The bodies are cast because fastify's UndefinedToUnknown cannot resolve on a type parameter; the schemas say the same.
  return async (base, { service, custody }) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const { tags, summaries } = spec;
    app.get('/', {
      config: { access: 'model.read' },
      schema: { tags, summary: summaries.list, querystring: ItemListQuery, response: { 200: listOf(spec.item) } },
      handler: (req) => service.list(requireActor(req), req.query),
    });
    app.post('/', {
      config: { access: 'model.edit' },
      schema: { tags, summary: summaries.create, body: spec.create, response: { 201: spec.item } },
      handler: async (req, reply) => reply.status(201).send(await service.create(requireActor(req), req.body as CreateOf<T>)),
    });
    app.get('/:id', {
      config: { access: 'model.read' },
      schema: { tags, summary: summaries.get, params: IdParams, response: { 200: spec.item } },
      handler: (req) => service.get(requireActor(req), req.params.id),
    });
    app.patch('/:id', {
      config: { access: 'model.edit' },
      schema: { tags, summary: summaries.update, params: IdParams, body: spec.update, response: { 200: spec.item } },
      handler: (req) => service.update(requireActor(req), req.params.id, req.body as UpdateOf<T>),
    });
    app.get('/:id/versions', {
      config: { access: 'model.read' },
      schema: { tags, summary: summaries.versions, params: IdParams, response: { 200: z.object({ items: z.array(spec.version) }) } },
      handler: async (req) => ({ items: await service.listVersions(requireActor(req), req.params.id) }),
    });
    app.post('/:id/versions', {
      config: { access: 'model.edit' },
      schema: { tags, summary: summaries.createVersion, params: IdParams, body: spec.versionCreate, response: { 201: spec.version } },
      handler: async (req, reply) => reply.status(201).send(await service.createVersion(requireActor(req), req.params.id, req.body as VersionCreateOf<T>)),
    });
    app.get('/:id/versions/:versionId', {
      config: { access: 'model.read' },
      schema: { tags, summary: summaries.getVersion, params: VersionParams, response: { 200: spec.version } },
      handler: (req) => service.getVersion(requireActor(req), req.params.id, req.params.versionId),
    });
    app.patch('/:id/versions/:versionId', {
      config: { access: 'model.edit' },
      schema: { tags, summary: "Change a version's notes (files and facts never change: record a new version)", params: VersionParams, body: VersionNotesUpdate, response: { 200: spec.version } },
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
      handler: (req) => custody.list(requireActor(req), type, req.params.id, req.params.versionId),
    });
    app.post('/:id/versions/:versionId/custody', {
      config: { access: 'model.edit' },
      schema: { tags, summary: 'Record a custody event: received, stored, released-to-run, returned, disposed (impossible orders are 409)', params: VersionParams, body: CustodyEventCreate, response: { 201: CustodyEntry } },
      handler: async (req, reply) => reply.status(201).send(await custody.record(requireActor(req), type, req.params.id, req.params.versionId, req.body)),
    });
  };
}

/** /api/models: models, their versions and each version's chain of custody. */
export const modelRoutes = testItemRoutes('model');

/** /api/datasets: datasets and their versions with datasheet facts and chain of custody. */
export const datasetRoutes = testItemRoutes('dataset');

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
