/**
 * Worker thread of the chain verification (see payload-hasher.ts): recomputes the payload hashes of a batch of audit
 * events while the main thread reads the next batch and checks the chain hashes. Answers each batch with the seq of
 * its first payload mismatch, or null.
 */
import { parentPort } from 'node:worker_threads';
import { firstFlatPayloadMismatch } from './payload-check.js';
import type { HashRequest, HashResponse } from './payload-hasher.js';

const port = parentPort;
if (port) {
  port.on('message', (request: HashRequest) => {
    const response: HashResponse = { id: request.id, mismatch: firstFlatPayloadMismatch(request.flat) };
    port.postMessage(response);
  });
  port.postMessage('ready');
}
