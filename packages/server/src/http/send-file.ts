import type { FastifyReply } from 'fastify';
import { contentDisposition } from '../modules/evidence/content-check.js';

/** A generated file: bytes, media type and a download name. */
export interface ExportFile {
  body: Buffer;
  contentType: string;
  fileName: string;
}

/** Sends a generated file as a download that browsers never render inline. */
export function sendFile(reply: FastifyReply, file: ExportFile) {
  return reply
    .headers({
      'content-type': file.contentType,
      'content-disposition': contentDisposition(file.fileName),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    })
    .send(file.body);
}
