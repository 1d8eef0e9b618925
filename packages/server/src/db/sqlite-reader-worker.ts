/**
 * Worker thread of the SQLite reader (sqlite-reader.ts): its own read-only connection to the database file, running
 * the read-only queries it is sent and answering their rows. In WAL mode it reads beside the main connection's writes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import type { ReadRequest, ReadResponse } from './sqlite-reader.js';
import { lowerThreadPriority } from './thread-priority.js';

const port = parentPort;
if (port) {
  const { file, nice } = workerData as { file: string; nice: number };
  if (nice > 0) lowerThreadPriority(nice);
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('mmap_size = 268435456');
  const statements = new Map<string, SQLite.Statement>();
  port.on('message', (request: ReadRequest) => {
    let response: ReadResponse;
    try {
      let statement = statements.get(request.sql);
      if (!statement) {
        statement = sqlite.prepare(request.sql);
        if (!statement.reader) throw new Error('The SQLite reader runs only statements that return rows');
        if (statements.size >= 200) statements.delete(statements.keys().next().value!);
        statements.set(request.sql, statement);
      }
      response = { id: request.id, rows: statement.all(...request.parameters) };
    } catch (error) {
      const { message, code } = error as { message?: string; code?: string };
      response = { id: request.id, error: { message: message ?? String(error), ...(code ? { code } : {}) } };
    }
    port.postMessage(response);
  });
  port.postMessage('ready');
}
