import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply } from 'fastify';
import { sendProblem } from './errors.js';

export function defaultWebDir(): string {
  // packages/server/{src,dist}/plugins → packages/web/dist
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');
}

/** Serves the built single-page app at / with the CSP nonce stamped into index.html; /api stays API-only. */
export default fp<{ webDir: string }>(async (app, { webDir }) => {
  const indexFile = path.join(webDir, 'index.html');
  const available = existsSync(indexFile);
  if (available) {
    await app.register(fastifyStatic, { root: webDir, index: false, wildcard: false, prefix: '/', maxAge: '1h', immutable: false });
  }
  const indexHtml = available ? readFileSync(indexFile, 'utf8') : '';

  const sendIndex = (reply: FastifyReply) => {
    const nonce = (reply as FastifyReply & { cspNonce?: { style: string } }).cspNonce?.style ?? '';
    // helmet has put the same nonce into this response's style-src.
    return reply
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(indexHtml.replaceAll('__CSP_NONCE__', nonce));
  };

  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    if (available && request.method === 'GET' && !url.startsWith('/api') && !path.extname(url)) return sendIndex(reply);
    const detail = available || url.startsWith('/api') ? `No route for ${request.method} ${url}` : 'The web app is not built; run npm run build';
    return sendProblem(reply, request, { status: 404, code: 'not-found', detail });
  });
});
