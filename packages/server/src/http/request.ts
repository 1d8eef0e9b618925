import type { FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor.js';
import { unauthorized } from './errors.js';

/** The auth hook guarantees an actor on non-public routes; this narrows the type. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}
