import type { FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { CatalogImport } from '@konform/core';
import { HttpProblem, invalid } from '../../http/errors.js';
import { stopAtLimit, tooLarge } from '../evidence/multipart.js';

export interface ReceivedCatalogFile {
  data: Buffer;
  fileName: string | null;
}

/**
 * The catalogue file of an import request: the multipart part `file`, read while counting bytes (the multipart
 * plugin stops at the limit and the request is refused with 413), or, for scripts, a JSON body `{yaml}`.
 */
export async function receiveCatalogFile(request: FastifyRequest, limitBytes: number): Promise<ReceivedCatalogFile> {
  if (!request.isMultipart()) {
    const body = CatalogImport.safeParse(request.body);
    if (!body.success) {
      throw new HttpProblem(400, 'validation', 'Send the catalogue as the multipart part "file" (or JSON {"yaml": "…"})', body.error.issues.map((i) => ({ path: i.path.join('.') || 'file', message: i.message })));
    }
    return { data: Buffer.from(body.data.yaml, 'utf8'), fileName: null };
  }
  const received = await receiveFilePart(request, limitBytes);
  if (!received) throw invalid('file', 'Attach the catalogue file as the part "file"');
  return received;
}

/**
 * The one multipart part `file`, read into memory while the plugin counts its bytes (over the limit: 413); text
 * fields are skipped, any other or second file is refused. Null when the request carries no file.
 */
export async function receiveFilePart(request: FastifyRequest, limitBytes: number): Promise<ReceivedCatalogFile | null> {
  let received: ReceivedCatalogFile | null = null;
  for await (const part of request.parts()) {
    if (part.type === 'field') continue;
    if (part.fieldname !== 'file' || received) {
      part.file.resume();
      throw invalid(part.fieldname, 'Send exactly one file, as the part "file"');
    }
    stopAtLimit(part.file, limitBytes);
    const chunks: Buffer[] = [];
    for await (const chunk of part.file) chunks.push(chunk as Buffer);
    if (part.file.truncated) throw tooLarge(limitBytes);
    received = { data: Buffer.concat(chunks), fileName: part.filename ? part.filename.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 200) : null };
  }
  return received;
}

/**
 * The import route reads its body itself (a multipart stream, or JSON checked in receiveCatalogFile): the body passes
 * through unvalidated, params and query are validated as everywhere.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Fastify types a route's compiler over the route's whole schema
export const importValidatorCompiler: FastifySchemaCompiler<any> = (route) =>
  route.httpPart === 'body' ? (data: unknown) => ({ value: data }) : validatorCompiler(route as Parameters<FastifySchemaCompiler<z.ZodType>>[0]);
