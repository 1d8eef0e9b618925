import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** An upload written to a local temporary file, with the SHA-256 and size computed on the way. */
export interface StagedFile {
  file: string;
  sha256: string;
  size: number;
}

/**
 * Streams the content into `<dir>/<random>.part` while hashing it; nothing is held in memory whole. If the source
 * fails, what was received is removed and the error is rethrown. Both object stores stage uploads this way.
 */
export async function stageToFile(source: Readable, dir: string): Promise<StagedFile> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  let size = 0;
  const hasher = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  try {
    // `flush`: the data is on disk before the file is closed, so a committed object survives a crash.
    await pipeline(source, hasher, createWriteStream(file, { flags: 'wx', mode: 0o600, flush: true }));
  } catch (error) {
    await unlink(file).catch(() => undefined);
    throw error;
  }
  return { file, sha256: hash.digest('hex'), size };
}
