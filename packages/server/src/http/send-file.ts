import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Marking } from '@konform/core';
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

/** A stored file to stream: its content type, download name, SHA-256 (the ETag) and size. */
export interface StoredFile {
  contentType: string;
  filename: string;
  sha256: string;
  size: number;
  stream: Readable;
}

/**
 * Streams a stored file (evidence, a run's raw results) as a download that is never rendered: the SHA-256 as ETag,
 * answered with 304 when the client has it, except for VS-NfD material, which must not linger in caches at all.
 */
export function sendStoredFile(request: FastifyRequest, reply: FastifyReply, file: StoredFile, classification: Marking) {
  const etag = `"${file.sha256}"`;
  void reply.headers({
    'content-type': file.contentType,
    'content-disposition': contentDisposition(file.filename),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "sandbox; default-src 'none'",
    etag,
    'cache-control': classification === 'VS-NfD' ? 'no-store' : 'private, no-cache',
  });
  if (classification !== 'VS-NfD' && request.headers['if-none-match'] === etag) {
    file.stream.destroy();
    return reply.status(304).send(null);
  }
  void reply.header('content-length', file.size);
  // Fastify sends a stream as it is; a route's response schema only documents it.
  return reply.send(file.stream);
}
