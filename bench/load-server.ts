/**
 * The server side of the load benchmark, run as a child process of `load.bench.ts` so that the server has an event
 * loop of its own (as in production) and autocannon's client work does not delay it.
 *
 * KONFORM_BENCH_SERVER=app   the real app (`buildApp`, log level `warn`) on the seeded database
 *                            (KONFORM_BENCH_DATA_DIR, and KONFORM_BENCH_SERVER_DATABASE_URL for PostgreSQL);
 * KONFORM_BENCH_SERVER=hello a bare Fastify app with `GET /hello` answering `{"hello":"world"}` (the baseline).
 *
 * Listens on 127.0.0.1 with an ephemeral port, prints `listening <port>` and runs until it is sent SIGTERM.
 */
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { buildApp, openDatabase } from '@konform/server';

async function main() {
  const mode = process.env.KONFORM_BENCH_SERVER;
  let close: () => Promise<void>;
  let port: number;
  if (mode === 'hello') {
    const app = Fastify({ logger: false });
    app.get('/hello', async () => ({ hello: 'world' }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
    close = () => app.close();
  } else if (mode === 'app') {
    const dataDir = process.env.KONFORM_BENCH_DATA_DIR;
    if (!dataDir) throw new Error('KONFORM_BENCH_DATA_DIR is not set');
    const database = openDatabase({ dataDir, databaseUrl: process.env.KONFORM_BENCH_SERVER_DATABASE_URL || undefined });
    const app = await buildApp({ database, logLevel: 'warn', dataDir });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
    close = async () => {
      await app.close();
      // Handlers of requests whose sockets the load generator dropped at its end may still be running; let them finish.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await database.close();
    };
  } else {
    throw new Error('KONFORM_BENCH_SERVER must be app or hello');
  }
  process.once('SIGTERM', () => {
    void close().then(() => process.exit(0), () => process.exit(1));
  });
  console.log(`listening ${port}`);
}

await main();
