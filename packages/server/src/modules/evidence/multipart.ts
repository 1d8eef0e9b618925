import { pipeline, type Readable } from 'node:stream';
import type { FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { ObjectStorage, StagedObject } from '../../storage/storage.js';
import { HttpProblem, invalid } from '../../http/errors.js';
import { ContentInspector, assertContentMatches, ruleFor, safeFilename } from './content-check.js';

/** An uploaded file, hashed and checked, waiting in temporary storage until the service commits it. */
export interface ReceivedFile {
  staged: StagedObject;
  filename: string;
  contentType: string;
}

export interface ReceivedForm {
  fields: Record<string, string>;
  file: ReceivedFile | null;
  /** Removes the received file unless it was committed. Always call it once the request is handled. */
  discard(): Promise<void>;
}

/** The only file part a form may carry. */
const FILE_FIELD = 'file';

export const tooLarge = (limitBytes: number) =>
  new HttpProblem(413, 'too-large', `The file is larger than the upload limit of ${formatBytes(limitBytes)}`, [{ path: FILE_FIELD, message: 'Too large' }]);

/**
 * Busboy marks a file part `truncated` at the size limit but keeps reading (and dropping) it to the end of the part,
 * so the 413 would only leave once the client sent everything: this ends the part's stream with the 413 at once.
 */
export function stopAtLimit(file: Readable, limitBytes: number): { readonly exceeded: boolean } {
  const state = { exceeded: false };
  file.once('limit', () => {
    state.exceeded = true;
    file.destroy(tooLarge(limitBytes));
  });
  return state;
}

/**
 * Reads a multipart/form-data request: text fields into a map, the one file part streamed into storage while
 * its SHA-256 is computed and its content checked against its extension. Nothing is buffered whole; whatever
 * fails (size, type, a broken stream) leaves nothing behind.
 */
export async function receiveForm(request: FastifyRequest, storage: ObjectStorage, limitBytes: number): Promise<ReceivedForm> {
  if (!request.isMultipart()) {
    throw new HttpProblem(415, 'unsupported-media-type', 'Send the form as multipart/form-data', [{ path: FILE_FIELD, message: 'Expected multipart/form-data' }]);
  }
  const fields: Record<string, string> = {};
  let file: ReceivedFile | null = null;
  let limit: { readonly exceeded: boolean } = { exceeded: false };
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.valueTruncated) throw invalid(part.fieldname, 'Too long');
        if (Object.hasOwn(fields, part.fieldname)) throw invalid(part.fieldname, 'Sent more than once');
        fields[part.fieldname] = typeof part.value === 'string' ? part.value : JSON.stringify(part.value);
        continue;
      }
      if (part.fieldname !== FILE_FIELD) {
        part.file.resume();
        throw invalid(part.fieldname, 'Unknown field; send the file as the part "file"');
      }
      let rule;
      try {
        rule = ruleFor(safeFilename(part.filename));
      } catch (error) {
        part.file.resume();
        throw error;
      }
      limit = stopAtLimit(part.file, limitBytes);
      // pipeline, not pipe: a client that goes away mid-upload ends the file stream early, and that must fail the
      // storage write (which then removes its temporary file) instead of leaving it waiting for more data.
      const inspected = pipeline(part.file, new ContentInspector(rule.kind === 'text'), () => undefined);
      const staged = await storage.put(inspected);
      file = { staged, filename: safeFilename(part.filename), contentType: rule.contentType };
      if (part.file.truncated) throw tooLarge(limitBytes);
      if (staged.size === 0) throw invalid(FILE_FIELD, 'The file is empty');
      await assertContentMatches(rule, inspected);
    }
  } catch (error) {
    await file?.staged.discard();
    throw limit.exceeded ? tooLarge(limitBytes) : error;
  }
  const received = file;
  return { fields, file: received, discard: async () => received?.staged.discard() };
}

/** Validates the text fields of a form with a zod schema; problems name each field like JSON bodies do. */
export function parseFields<T extends z.ZodType>(schema: T, fields: Record<string, string>): z.output<T> {
  const result = schema.safeParse(fields);
  if (result.success) return result.data;
  const errors = result.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => ({ path: k, message: 'Unknown field' }));
    return [{ path: issue.path.map(String).join('.'), message: issue.message }];
  });
  throw new HttpProblem(400, 'validation', 'The request form is invalid', errors);
}

/**
 * Multipart routes describe their form as the body schema (for the OpenAPI document) but read it themselves:
 * the body is a stream, not a parsed object, so only params and query are validated up front.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Fastify types a route's compiler over the route's whole schema
export const multipartValidatorCompiler: FastifySchemaCompiler<any> = (route) =>
  route.httpPart === 'body' ? () => ({ value: undefined }) : validatorCompiler(route as Parameters<FastifySchemaCompiler<z.ZodType>>[0]);

function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Number(mb.toFixed(1))} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
