import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BulkImportResult, BulkPreview, BulkRiskExportQuery, BulkSystemExportQuery, BulkTemplateQuery, type BulkKind, type Permission } from '@konform/core';
import type { BulkService } from './service.js';
import { requireActor } from '../../http/request.js';
import { sendFile } from '../../http/send-file.js';
import { invalid } from '../../http/errors.js';
import { importValidatorCompiler, receiveFilePart } from '../catalogs/receive-file.js';

const tags = ['bulk'];
const FileForm = z.object({ file: z.file().meta({ description: 'XLSX workbook (first worksheet) or CSV (UTF-8, with or without BOM, `;` or `,` separated)' }) });
const XlsxOrCsv = z.file().meta({ description: 'XLSX or CSV (UTF-8 with BOM, `;`-separated)' });

/** The uploaded file (multipart part `file`); a request without one is refused naming the field. */
async function receiveUpload(request: FastifyRequest, limitBytes: number): Promise<{ data: Buffer; fileName: string }> {
  if (!request.isMultipart()) throw invalid('file', 'Send the file as multipart/form-data, part "file"');
  const received = await receiveFilePart(request, limitBytes);
  if (!received) throw invalid('file', 'Attach the file as the part "file"');
  return { data: received.data, fileName: received.fileName ?? 'upload' };
}

const KINDS: { kind: BulkKind; write: Permission; read: Permission; what: string }[] = [
  { kind: 'systems', write: 'system.update', read: 'system.read', what: 'AI systems' },
  { kind: 'risks', write: 'risk.edit', read: 'risk.read', what: 'risks' },
];

/** /api/bulk: XLSX/CSV export and import (preview, then all-or-nothing) of the inventory and the risk registers. */
export const bulkRoutes: FastifyPluginAsync<{ service: BulkService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const limit = service.sizeLimitBytes;
  await app.register(multipart, { limits: { fileSize: limit, files: 1, fields: 2, parts: 3, fieldSize: 1024 }, throwFileSizeLimit: false });

  app.get('/systems/export', {
    config: { access: 'system.read' },
    schema: { tags, summary: 'The inventory list (same filters, scope and clearance) as XLSX or CSV, with ids and versions for a re-import', querystring: BulkSystemExportQuery, response: { 200: XlsxOrCsv } },
    handler: async (req, reply) => sendFile(reply, await service.exportSystems(requireActor(req), req.query)),
  });
  app.get('/risks/export', {
    config: { access: 'risk.read' },
    schema: { tags, summary: "One system's risks (systemId) or the portfolio's as XLSX or CSV, with ids and versions for a re-import", querystring: BulkRiskExportQuery, response: { 200: XlsxOrCsv } },
    handler: async (req, reply) => sendFile(reply, await service.exportRisks(requireActor(req), req.query)),
  });
  for (const { kind, write, read, what } of KINDS) {
    app.get(`/${kind}/template`, {
      config: { access: read },
      schema: { tags, summary: `The empty import file for ${what} (header row only)`, querystring: BulkTemplateQuery, response: { 200: XlsxOrCsv } },
      handler: async (req, reply) => sendFile(reply, await service.template(kind, req.query.format, req.query.lang)),
    });
    const upload = {
      config: { access: write },
      validatorCompiler: importValidatorCompiler,
      bodyLimit: limit * 2,
    } as const;
    const description = `multipart/form-data with the part \`file\` (at most ${Math.round(limit / 1048576)} MiB and 5,000 rows). Columns are named by their German or English label (or key); rows with an id update, rows without create.`;
    app.post(`/${kind}/preview`, {
      ...upload,
      schema: { tags, summary: `Check an import file of ${what} row by row and show what it would do (writes nothing)`, description, consumes: ['multipart/form-data'], body: FileForm, response: { 200: BulkPreview } },
      handler: async (req) => {
        const file = await receiveUpload(req, limit);
        return service.previewImport(requireActor(req), kind, file.data, file.fileName);
      },
    });
    app.post(`/${kind}/import`, {
      ...upload,
      schema: { tags, summary: `Import a file of ${what}: every row in one transaction through the normal checks, or nothing (422 with the rows' errors)`, description, consumes: ['multipart/form-data'], body: FileForm, response: { 200: BulkImportResult } },
      handler: async (req) => {
        const file = await receiveUpload(req, limit);
        return service.runImport(requireActor(req), kind, file.data, file.fileName);
      },
    });
  }
};
