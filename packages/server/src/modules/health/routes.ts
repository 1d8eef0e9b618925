import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { Health } from '@konform/core';
import type { Database } from '../../db/database.js';
import { VERSION } from '../../version.js';

export const healthRoutes: FastifyPluginAsync<{ database: Database }> = async (base, { database }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'public' },
    schema: { tags: ['system'], summary: 'Liveness and database reachability', response: { 200: Health } },
    handler: async () => {
      await sql`select 1`.execute(database.db);
      return { status: 'ok' as const, version: VERSION, database: database.dialect };
    },
  });
};
